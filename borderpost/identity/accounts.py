"""Account administration: list accounts, deactivate or reactivate one, lift a lock-out.

Functions work in the caller's transaction, never commit, and audit every change (and the
listing, which reads personal data) with the acting administrator as the actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.identity.passwords import hash_password, password_problem
from borderpost.identity.service import IdentityError, WeakPasswordError
from borderpost.store.models import Port, User
from borderpost.store.repos.users import UserRepo

__all__ = [
    "AccountView",
    "SelfChangeError",
    "UnknownUserError",
    "list_accounts",
    "set_active",
    "set_password",
    "unlock",
]


class UnknownUserError(IdentityError):
    """No account has the given username."""


class SelfChangeError(IdentityError):
    """An administrator tried to deactivate their own account (someone else must)."""


@dataclass(frozen=True, slots=True)
class AccountView:
    """An account as an administrator sees it (never the password hash)."""

    username: str
    role: str
    port: str | None
    active: bool
    locked_until: dt.datetime | None
    failed_logins: int
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def to_dict(self, now: dt.datetime) -> dict[str, Any]:
        """The JSON shape of ``borderpost users list --json``."""
        return {
            "username": self.username,
            "role": self.role,
            "port": self.port,
            "active": self.active,
            "locked": self.locked(now),
            "locked_until": None if self.locked_until is None else self.locked_until.isoformat(),
            "failed_logins": self.failed_logins,
            "created_at": self.created_at.isoformat(),
            "last_login_at": None if self.last_login_at is None else self.last_login_at.isoformat(),
        }


def account_view(user: User, port: Port | None) -> AccountView:
    """The administrator's view of ``user`` (attached to ``port``, if any)."""
    return AccountView(
        username=user.username,
        role=user.role,
        port=None if port is None else port.code,
        active=user.active,
        locked_until=user.locked_until,
        failed_logins=user.failed_logins,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )


def list_accounts(session: Session, *, actor: str, now: dt.datetime) -> list[AccountView]:
    """Every account by username; audited as ``user.list``."""
    rows = UserRepo(session).all_with_ports()
    audit.append(
        session,
        actor=actor,
        action="user.list",
        subject_type="user",
        details={"count": len(rows)},
        at=now,
    )
    return [account_view(user, port) for user, port in rows]


def _user(session: Session, username: str) -> User:
    user = UserRepo(session).by_username(username)
    if user is None:
        raise UnknownUserError(f"user {username!r} does not exist")
    return user


def set_active(
    session: Session, *, username: str, active: bool, actor: str, now: dt.datetime
) -> User:
    """Deactivate (``active=False``) or reactivate an account; audited as
    ``user.deactivate`` / ``user.activate``.

    Raises:
        UnknownUserError: no such account.
        SelfChangeError: ``actor`` would deactivate their own account.
    """
    user = _user(session, username)
    if not active and user.username == actor:
        raise SelfChangeError("an administrator cannot deactivate their own account")
    user.active = active
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        subject_type="user",
        subject_id=user.username,
        at=now,
    )
    return user


def unlock(session: Session, *, username: str, actor: str, now: dt.datetime) -> User:
    """Lift a lock-out and reset the failed-login count; audited as ``user.unlock``.

    Raises:
        UnknownUserError: no such account.
    """
    user = _user(session, username)
    was_locked = user.locked_until is not None and user.locked_until > now
    user.locked_until = None
    user.failed_logins = 0
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="user.unlock",
        subject_type="user",
        subject_id=user.username,
        details={"was_locked": was_locked},
        at=now,
    )
    return user


def set_password(
    session: Session, *, username: str, password: str, actor: str, now: dt.datetime
) -> User:
    """Give an account a new password (it must meet the policy); lifts any lock-out.
    Audited as ``user.password`` (never the password itself).

    Raises:
        UnknownUserError: no such account.
        WeakPasswordError: the password does not meet the policy.
    """
    user = _user(session, username)
    problem = password_problem(password, user.username)
    if problem is not None:
        raise WeakPasswordError(problem)
    user.password_hash = hash_password(password)
    user.locked_until = None
    user.failed_logins = 0
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="user.password",
        subject_type="user",
        subject_id=user.username,
        at=now,
    )
    return user
