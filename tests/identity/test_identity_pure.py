"""Roles and permissions, passwords, tokens and the secret-key rules (no database)."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from pydantic import SecretStr, ValidationError

from borderpost.config import DevelopmentSecretWarning, Settings
from borderpost.identity import (
    PERMISSIONS,
    Permission,
    Role,
    TokenClaims,
    TokenError,
    can,
    issue_token,
    parse_role,
    verify_token,
)
from borderpost.identity.passwords import hash_password, password_problem, verify_password

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
SECRET = b"s" * 32
CLAIMS = TokenClaims(7, "ana", "officer", "LHR", NOW, NOW + dt.timedelta(minutes=30))


def test_every_role_has_an_entry_and_duties_are_separated() -> None:
    assert set(PERMISSIONS) == set(Role)
    assert can(Role.OFFICER, Permission.CLEAR_HIT) and not can("officer", Permission.OVERRIDE)
    assert can("supervisor", Permission.APPROVE) and can("supervisor", Permission.OVERRIDE)
    assert can("auditor", Permission.READ_AUDIT) and not can("auditor", Permission.DECIDE)
    assert can("admin", Permission.MANAGE_USERS) and not can("admin", Permission.READ_AUDIT)
    assert not can("admin", Permission.INSPECT) and not can("analyst", Permission.DECIDE)
    assert not can("pilot", Permission.INSPECT)
    # Nobody both manages accounts and reads the audit trail of what accounts did.
    for permissions in PERMISSIONS.values():
        assert not {Permission.MANAGE_USERS, Permission.READ_AUDIT} <= permissions


def test_parse_role() -> None:
    assert parse_role(" Supervisor ") is Role.SUPERVISOR
    with pytest.raises(ValueError, match="roles: officer, supervisor"):
        parse_role("pilot")


def test_passwords() -> None:
    digest = hash_password("correct horse battery")
    assert verify_password(digest, "correct horse battery")
    assert not verify_password(digest, "correct horse batterY")
    assert not verify_password("not a hash", "x")
    assert password_problem("aaaaaaaaaaaaaaaa", "ana") is not None
    assert password_problem("correct horse battery", "ana") is None


def test_token_round_trip_expiry_and_tampering() -> None:
    token = issue_token(CLAIMS, SECRET)
    assert verify_token(token, SECRET, NOW) == CLAIMS
    with pytest.raises(TokenError, match="expired"):
        verify_token(token, SECRET, NOW + dt.timedelta(minutes=30))
    with pytest.raises(TokenError, match="signature"):
        verify_token(token, b"t" * 32, NOW)
    prefix, body, signature = token.split(".")
    forged_body = body[:-2] + ("AA" if body[-2:] != "AA" else "BB")
    with pytest.raises(TokenError, match="signature"):
        verify_token(f"{prefix}.{forged_body}.{signature}", SECRET, NOW)
    for bad in ("", "bp1.x", "jwt.a.b", "bp1.é.x"):
        with pytest.raises(TokenError):
            verify_token(bad, SECRET, NOW)


def test_production_refuses_missing_or_placeholder_secret() -> None:
    with pytest.raises(ValidationError, match="BORDERPOST_SECRET_KEY must be set"):
        Settings(mode="production")
    with pytest.raises(ValidationError, match="must be set"):
        Settings(mode="production", secret_key=SecretStr("changethis"))
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(mode="production", secret_key=SecretStr("short-but-not-a-placeholder"))
    settings = Settings(mode="production", secret_key=SecretStr("x" * 40))
    assert settings.token_secret() == b"x" * 40


def test_development_generates_a_secret_with_a_warning() -> None:
    settings = Settings()
    with pytest.warns(DevelopmentSecretWarning, match="throw-away"):
        first = settings.token_secret()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert settings.token_secret() == first and len(first) == 32
