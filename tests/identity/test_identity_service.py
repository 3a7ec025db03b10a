"""Accounts on SQLite and PostgreSQL: creation, lock-out, tokens, and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from borderpost.audit import verify
from borderpost.config import Settings
from borderpost.identity import (
    DuplicateUserError,
    InvalidUsernameError,
    UnknownPortError,
    UnknownRoleError,
    WeakPasswordError,
    authenticate,
    create_user,
    verify_token,
)
from borderpost.inspection.ports import add_port
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, User
from tests.support.accounts import PASSWORD, settings_for

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
SECRET = "k" * 40


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(database_url, SECRET)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = open_store(settings, auto_migrate=True)
    with UnitOfWork(store) as uow:
        add_port(uow.session, code="LHR", name="Heathrow", kind="airport", actor="t", now=NOW)
        create_user(
            uow.session,
            username="ana",
            password=PASSWORD,
            role="officer",
            port_code="lhr",
            actor="os:admin",
            now=NOW,
        )
        uow.commit()
    yield store
    store.dispose()


def _actions(store: Store) -> list[str]:
    with UnitOfWork(store) as uow:
        return list(uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def _login(store: Store, settings: Settings, password: str, at: dt.datetime) -> str:
    with UnitOfWork(store) as uow:
        result = authenticate(
            uow.session, username="ana", password=password, now=at, settings=settings
        )
        uow.commit()
    if result.ok:
        assert result.token is not None
        return result.token
    return result.reason


def test_create_user_hashes_and_audits(store: Store) -> None:
    with UnitOfWork(store) as uow:
        user = uow.session.scalars(select(User)).one()
        assert user.role == "officer" and user.port_id is not None
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert user.created_at == NOW
    assert _actions(store) == ["port.add", "user.create"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"role": "pilot"}, UnknownRoleError, "unknown role 'pilot'"),
        ({"username": "ana"}, DuplicateUserError, "already exists"),
        ({"username": "Bad Name"}, InvalidUsernameError, "lower-case"),
        ({"port_code": "ZZZ"}, UnknownPortError, "not registered"),
        ({"port_code": None}, UnknownPortError, "needs a port"),
        ({"password": "short"}, WeakPasswordError, "at least 12"),
        ({"password": "bobbybobbybobby", "username": "bobbybobbybobby"}, WeakPasswordError, "not"),
    ],
)
def test_create_user_refuses_bad_input(
    store: Store, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    arguments: dict[str, object] = {
        "username": "bob",
        "password": PASSWORD,
        "role": "officer",
        "port_code": "LHR",
        **kwargs,
    }
    with UnitOfWork(store) as uow, pytest.raises(error, match=message):
        create_user(uow.session, actor="t", now=NOW, **arguments)  # type: ignore[arg-type]


def test_login_issues_a_token_and_resets_failures(store: Store, settings: Settings) -> None:
    assert _login(store, settings, "wrong", NOW) == "invalid"
    token = _login(store, settings, PASSWORD, NOW)
    claims = verify_token(token, SECRET.encode(), NOW + dt.timedelta(minutes=29))
    assert (claims.username, claims.role, claims.port) == ("ana", "officer", "LHR")
    assert claims.expires_at == NOW + dt.timedelta(minutes=30)
    with UnitOfWork(store) as uow:
        user = uow.session.scalars(select(User)).one()
        assert user.failed_logins == 0 and user.last_login_at == NOW
    assert _actions(store)[-2:] == ["user.login_failed", "user.login"]


def test_lock_out_after_repeated_failures(store: Store, settings: Settings) -> None:
    assert [_login(store, settings, "wrong", NOW) for _ in range(3)] == [
        "invalid",
        "invalid",
        "locked",
    ]
    # Locked: even the right password is refused, without being checked.
    assert _login(store, settings, PASSWORD, NOW + dt.timedelta(minutes=9)) == "locked"
    assert _login(store, settings, PASSWORD, NOW + dt.timedelta(minutes=10)).startswith("bp1.")
    assert _actions(store)[2:] == [
        "user.login_failed",
        "user.login_failed",
        "user.login_failed",
        "user.locked",
        "user.login_refused",
        "user.login",
    ]
    with UnitOfWork(store) as uow:
        assert verify(uow.session).intact


def test_unknown_user_is_invalid_and_audited(store: Store, settings: Settings) -> None:
    with UnitOfWork(store) as uow:
        result = authenticate(
            uow.session, username="nobody", password=PASSWORD, now=NOW, settings=settings
        )
        uow.commit()
    assert (result.ok, result.reason) == (False, "invalid")
    with UnitOfWork(store) as uow:
        last = uow.session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert last is not None and last.action == "user.login_failed"
        assert (last.subject_id, last.details) == ("nobody", {"reason": "unknown user"})


def test_inactive_user_is_refused(store: Store, settings: Settings) -> None:
    with UnitOfWork(store) as uow:
        uow.session.scalars(select(User)).one().active = False
        uow.commit()
    assert _login(store, settings, PASSWORD, NOW) == "inactive"
