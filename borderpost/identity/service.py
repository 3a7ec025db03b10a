"""Accounts: create users, log in with lock-out, issue tokens; every event is audited.

Functions work in the caller's transaction and never commit. :func:`authenticate` returns
its outcome instead of raising, so that the caller commits the failed-login count and the
audit events whatever the outcome.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.config import Settings
from borderpost.identity.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from borderpost.identity.roles import Role, parse_role
from borderpost.identity.tokens import TokenClaims, issue_token
from borderpost.store.models import User
from borderpost.store.repos.ports import PortRepo
from borderpost.store.repos.users import UserRepo

__all__ = [
    "DuplicateUserError",
    "IdentityError",
    "InvalidUsernameError",
    "LoginResult",
    "UnknownPortError",
    "UnknownRoleError",
    "WeakPasswordError",
    "authenticate",
    "create_user",
]

_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
#: Roles that work at a port, and so must be attached to one.
PORT_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})


class IdentityError(Exception):
    """An account operation cannot be done as asked (the message says why)."""


class UnknownRoleError(IdentityError):
    pass


class InvalidUsernameError(IdentityError):
    pass


class DuplicateUserError(IdentityError):
    pass


class UnknownPortError(IdentityError):
    pass


class WeakPasswordError(IdentityError):
    pass


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    port_code: str | None,
    actor: str,
    now: dt.datetime,
) -> User:
    """Create an account (flushed, audited as ``user.create``; the password is never stored).

    Officers and supervisors must name the port they work at.

    Raises:
        IdentityError: a subclass naming what is wrong (role, username, port, password).
    """
    try:
        parsed_role = parse_role(role)
    except ValueError as exc:
        raise UnknownRoleError(str(exc)) from None
    if not _USERNAME.fullmatch(username):
        raise InvalidUsernameError(
            f"username {username!r} must be 2-64 characters: lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter or digit"
        )
    users = UserRepo(session)
    if users.by_username(username) is not None:
        raise DuplicateUserError(f"user {username!r} already exists")
    port_id = None
    if port_code is not None:
        port = PortRepo(session).by_code(port_code)
        if port is None:
            raise UnknownPortError(
                f"port {port_code!r} is not registered (add it with `borderpost ports add`)"
            )
        port_id = port.id
    elif parsed_role in PORT_ROLES:
        raise UnknownPortError(f"a user with role {parsed_role} needs a port (--port CODE)")
    problem = password_problem(password, username)
    if problem is not None:
        raise WeakPasswordError(problem)
    user = users.add(
        User(
            username=username,
            password_hash=hash_password(password),
            role=parsed_role.value,
            port_id=port_id,
            active=True,
            failed_logins=0,
            created_at=now,
        )
    )
    audit.append(
        session,
        actor=actor,
        action="user.create",
        subject_type="user",
        subject_id=user.username,
        details={"role": user.role, "port": None if port_code is None else port_code.upper()},
        at=now,
    )
    return user


@dataclass(frozen=True, slots=True)
class LoginResult:
    """The outcome of a login; ``token`` only when ``ok``.

    ``reason`` is ``ok``, ``invalid`` (unknown user or wrong password: deliberately the same),
    ``locked`` (too many failures; see ``locked_until``) or ``inactive``.
    """

    ok: bool
    reason: Literal["ok", "invalid", "locked", "inactive"]
    token: str | None = None
    expires_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


@cache
def _dummy_hash() -> str:
    """A hash to verify against for unknown users, so both paths take the same time."""
    return hash_password("not a real password, only for timing")


def authenticate(
    session: Session, *, username: str, password: str, now: dt.datetime, settings: Settings
) -> LoginResult:
    """Check a password; count failures, lock after ``settings.login_max_failures``.

    Audited: ``user.login``, ``user.login_failed``, ``user.locked`` and
    ``user.login_refused`` (locked or inactive account). The caller must commit whatever the
    outcome, or the failure count and the audit trail are lost.
    """
    user = UserRepo(session).by_username(username)
    if user is None:
        verify_password(_dummy_hash(), password)
        _audit_login(session, username, "user.login_failed", now, {"reason": "unknown user"})
        return LoginResult(ok=False, reason="invalid")
    if user.locked_until is not None and now < user.locked_until:
        _audit_login(session, username, "user.login_refused", now, {"reason": "locked"})
        return LoginResult(ok=False, reason="locked", locked_until=user.locked_until)
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        details: dict[str, object] = {"reason": "wrong password", "failures": user.failed_logins}
        _audit_login(session, username, "user.login_failed", now, details)
        if user.failed_logins >= settings.login_max_failures:
            user.locked_until = now + dt.timedelta(minutes=settings.login_lockout_minutes)
            user.failed_logins = 0
            locked = {"until": user.locked_until.isoformat(), "after_failures": details["failures"]}
            _audit_login(session, username, "user.locked", now, locked)
            session.flush()
            return LoginResult(ok=False, reason="locked", locked_until=user.locked_until)
        session.flush()
        return LoginResult(ok=False, reason="invalid")
    if not user.active:
        _audit_login(session, username, "user.login_refused", now, {"reason": "inactive"})
        return LoginResult(ok=False, reason="inactive")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    port = None if user.port_id is None else PortRepo(session).by_id(user.port_id)
    expires_at = now + dt.timedelta(minutes=settings.token_minutes)
    claims = TokenClaims(
        user_id=user.id,
        username=user.username,
        role=user.role,
        port=None if port is None else port.code,
        issued_at=now,
        expires_at=expires_at,
    )
    _audit_login(session, username, "user.login", now, {"expires_at": expires_at.isoformat()})
    session.flush()
    return LoginResult(
        ok=True,
        reason="ok",
        token=issue_token(claims, settings.token_secret()),
        expires_at=expires_at,
    )


def _audit_login(
    session: Session, username: str, action: str, now: dt.datetime, details: dict[str, object]
) -> None:
    audit.append(
        session,
        actor=username[:128],
        action=action,
        subject_type="user",
        subject_id=username[:128],
        details=details,
        at=now,
    )
