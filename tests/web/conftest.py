"""The API in-process on SQLite and PostgreSQL: two ports, one account per role (and a
second officer and supervisor at the other port), tokens issued without a password round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from borderpost.config import Settings
from borderpost.identity import TokenClaims, issue_token
from borderpost.identity.passwords import hash_password
from borderpost.inspection.ports import add_port
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.repos.users import UserRepo
from borderpost.web import create_app
from tests.support.accounts import PASSWORD, add_user, settings_for
from tests.support.web import ACCOUNTS, SECRET


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(database_url, SECRET)


@contextmanager
def seeded_store(settings: Settings, password_hash: str) -> Iterator[Store]:
    """A migrated store with the two ports and one account per entry of ``ACCOUNTS``."""
    store = open_store(settings, auto_migrate=True)
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        ports = {
            code: add_port(uow.session, code=code, name=code, kind="airport", actor="t", now=now)
            for code in ("LHR", "DOV")
        }
        for username, (role, port) in ACCOUNTS.items():
            port_id = None if port is None else ports[port].id
            add_user(uow.session, username, role, port_id, now, password_hash=password_hash)
        uow.commit()
    try:
        yield store
    finally:
        store.dispose()


@pytest.fixture
def store(settings: Settings, password_hash: str) -> Iterator[Store]:
    with seeded_store(settings, password_hash) as store:
        yield store


@pytest.fixture
def client(settings: Settings, store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client


def _token(store: Store, username: str, minutes: int = 30) -> str:
    with UnitOfWork(store) as uow:
        user = UserRepo(uow.session).by_username(username)
        assert user is not None
        port = ACCOUNTS[username][1]
        now = dt.datetime.now(dt.UTC)
        claims = TokenClaims(
            user_id=user.id,
            username=username,
            role=user.role,
            port=port,
            issued_at=now - dt.timedelta(hours=1),
            expires_at=now + dt.timedelta(minutes=minutes),
        )
    return issue_token(claims, SECRET.encode())


TokenMaker = Callable[[str, int], str]


@pytest.fixture
def make_token(store: Store) -> TokenMaker:
    """A genuine token for a username, valid for some minutes (negative: already expired)."""
    return lambda username, minutes: _token(store, username, minutes)


def bearer_headers(store: Store) -> dict[str, dict[str, str]]:
    """``Authorization`` headers by username."""
    return {name: {"Authorization": f"Bearer {_token(store, name)}"} for name in ACCOUNTS}


@pytest.fixture
def headers(store: Store) -> dict[str, dict[str, str]]:
    """``Authorization`` headers by username."""
    return bearer_headers(store)
