"""The console's session and CSRF tokens, carried in cookies.

The session cookie holds the same signed bearer token the API issues
(:mod:`borderpost.identity.tokens`): HttpOnly, SameSite=Strict, ``Secure`` over HTTPS, and
living exactly as long as the token. Before login a random *pre-session* cookie stands in, so
the login form has a CSRF token too. A form's CSRF token is an HMAC of whichever of the two
the browser holds, under the app's secret: a page of another site can neither read it nor
compute it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

__all__ = [
    "CSRF_FIELD",
    "LANG_COOKIE",
    "PRE_COOKIE",
    "SESSION_COOKIE",
    "clear_session",
    "csrf_basis",
    "csrf_matches",
    "csrf_token",
    "new_pre_session",
    "set_pre_session",
    "set_session",
]

SESSION_COOKIE = "bp_session"
PRE_COOKIE = "bp_pre"
LANG_COOKIE = "bp_lang"
CSRF_FIELD = "csrf"
_PRE_SECONDS = 2 * 60 * 60


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def csrf_basis(request: Request) -> str | None:
    """What the CSRF token is bound to: the session cookie, else the pre-session cookie."""
    return request.cookies.get(SESSION_COOKIE) or request.cookies.get(PRE_COOKIE)


def csrf_token(secret: bytes, basis: str) -> str:
    """The CSRF token for ``basis`` (hex HMAC-SHA256)."""
    return hmac.new(secret, f"csrf:{basis}".encode(), hashlib.sha256).hexdigest()


def csrf_matches(secret: bytes, basis: str | None, sent: object) -> bool:
    """Whether ``sent`` is the CSRF token of ``basis`` (constant-time)."""
    if basis is None or not isinstance(sent, str):
        return False
    return hmac.compare_digest(csrf_token(secret, basis), sent)


def new_pre_session() -> str:
    """A fresh random pre-session value."""
    return secrets.token_urlsafe(24)


def set_pre_session(request: Request, response: Response, value: str) -> None:
    """Give the browser the pre-session cookie ``value`` (for the login form's CSRF token)."""
    response.set_cookie(
        PRE_COOKIE,
        value,
        max_age=_PRE_SECONDS,
        path="/console",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


def set_session(request: Request, response: Response, token: str, seconds: int) -> None:
    """Log the browser in with ``token`` for ``seconds``; the pre-session is spent."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max(seconds, 1),
        path="/console",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    response.delete_cookie(PRE_COOKIE, path="/console")


def clear_session(response: Response) -> None:
    """Forget the session (logout, or a token that no longer verifies)."""
    response.delete_cookie(SESSION_COOKIE, path="/console", httponly=True, samesite="strict")
