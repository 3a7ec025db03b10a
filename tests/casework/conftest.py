"""A store on SQLite and PostgreSQL with the ports of the sample ledger and one account per
kind of recorder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from borderpost.inspection.ports import add_port
from borderpost.intel.recording import LedgerMapping, parse_mapping
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import User
from borderpost.store.repos.users import UserRepo
from tests.support.accounts import add_user, settings_for

DATA = Path(__file__).parents[1] / "data" / "casework"
NOW = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
#: username -> (role, port)
STAFF = {
    "olga": ("officer", "NMG"),
    "otto": ("officer", "BSA"),
    "sue": ("supervisor", "NMG"),
    "ann": ("analyst", None),
    "aud": ("auditor", None),
}


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(settings_for(database_url, "casework-" + "k" * 40), auto_migrate=True)
    with UnitOfWork(store) as uow:
        ports = {
            code: add_port(uow.session, code=code, name=name, kind="land", actor="t", now=NOW)
            for code, name in (("NMG", "Namanga"), ("BSA", "Busia"))
        }
        for username, (role, port) in STAFF.items():
            add_user(uow.session, username, role, None if port is None else ports[port].id, NOW)
        uow.commit()
    yield store
    store.dispose()


def user(uow: UnitOfWork, username: str) -> User:
    found = UserRepo(uow.session).by_username(username)
    assert found is not None
    return found


@pytest.fixture(scope="session")
def mapping() -> LedgerMapping:
    return parse_mapping((DATA / "namanga_mapping.toml").read_text("utf-8"))
