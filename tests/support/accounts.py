"""Settings and accounts for tests that run against a store: one settings shape, and users
added straight through the repository (no password policy, no audit)."""

from __future__ import annotations

import datetime as dt

from pydantic import SecretStr
from sqlalchemy.orm import Session

from borderpost.config import Settings
from borderpost.store.models import User
from borderpost.store.repos.users import UserRepo

#: A password that meets the policy.
PASSWORD = "correct horse battery"


def settings_for(database_url: str, secret: str) -> Settings:
    """Settings with a known secret, three failures before a ten-minute lock, 30-minute tokens."""
    return Settings(
        database_url=database_url,
        secret_key=SecretStr(secret),
        login_max_failures=3,
        login_lockout_minutes=10,
        token_minutes=30,
    )


def add_user(
    session: Session,
    username: str,
    role: str,
    port_id: int | None,
    now: dt.datetime,
    *,
    password_hash: str = "not-a-login-in-these-tests",
) -> User:
    """An active account, added in the caller's unit of work."""
    return UserRepo(session).add(
        User(
            username=username,
            password_hash=password_hash,
            role=role,
            port_id=port_id,
            active=True,
            failed_logins=0,
            created_at=now,
        )
    )
