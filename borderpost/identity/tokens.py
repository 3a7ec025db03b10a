"""Signed bearer tokens with an expiry: HMAC-SHA256 over a compact JSON payload.

A token reads ``bp1.<payload>.<signature>``, both parts base64url without padding; the
signature covers ``bp1.<payload>``. The payload carries the user id, username, role, port
and the issue and expiry times (seconds since the epoch). Pure functions: the caller passes
the key and the time.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass

__all__ = ["TokenClaims", "TokenError", "issue_token", "verify_token"]

_PREFIX = "bp1"


class TokenError(Exception):
    """A token is malformed, forged or expired (the message says which)."""


@dataclass(frozen=True, slots=True)
class TokenClaims:
    """Who a token speaks for, and until when."""

    user_id: int
    username: str
    role: str
    port: str | None
    issued_at: dt.datetime
    expires_at: dt.datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(message: str, secret: bytes) -> str:
    return _b64(hmac.new(secret, message.encode("utf-8"), hashlib.sha256).digest())


def issue_token(claims: TokenClaims, secret: bytes) -> str:
    """Sign ``claims`` with ``secret``."""
    payload = {
        "uid": claims.user_id,
        "sub": claims.username,
        "role": claims.role,
        "port": claims.port,
        "iat": int(claims.issued_at.timestamp()),
        "exp": int(claims.expires_at.timestamp()),
    }
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    message = f"{_PREFIX}.{body}"
    return f"{message}.{_sign(message, secret)}"


def verify_token(token: str, secret: bytes, now: dt.datetime) -> TokenClaims:
    """The claims of a genuine token that has not expired at ``now``.

    Raises:
        TokenError: malformed, bad signature, or expired.
    """
    parts = token.strip().split(".")
    if len(parts) != 3 or parts[0] != _PREFIX:
        raise TokenError("malformed token")
    message = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_sign(message, secret), parts[2]):
        raise TokenError("bad token signature")
    try:
        payload = json.loads(_unb64(parts[1]))
        claims = TokenClaims(
            user_id=int(payload["uid"]),
            username=str(payload["sub"]),
            role=str(payload["role"]),
            port=None if payload["port"] is None else str(payload["port"]),
            issued_at=dt.datetime.fromtimestamp(int(payload["iat"]), dt.UTC),
            expires_at=dt.datetime.fromtimestamp(int(payload["exp"]), dt.UTC),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise TokenError("malformed token payload") from exc
    if now >= claims.expires_at:
        raise TokenError(f"token expired at {claims.expires_at.isoformat()}")
    return claims
