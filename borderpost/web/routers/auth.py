"""``POST /api/v1/auth/token``: log in with a username and password, get a bearer token.

Failed logins count towards a lock-out; every attempt is audited by the identity service and
committed whatever the outcome.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form
from pydantic import BaseModel

from borderpost.identity import LoginResult, authenticate
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import LoginFailed, Problem
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["auth"])


class Token(BaseModel):
    """A bearer token and its lifetime in seconds."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


def _refusal(result: LoginResult) -> str:
    if result.reason == "locked" and result.locked_until is not None:
        return (
            "the account is locked after repeated failed logins until "
            f"{result.locked_until.isoformat()}"
        )
    if result.reason == "inactive":
        return "the account is inactive"
    return "wrong username or password"


@router.post(
    "/auth/token",
    summary="Log in (form fields username, password)",
    responses={401: {"model": Problem, "description": "Login refused"}},
)
def login(
    username: Annotated[str, Form(min_length=1, max_length=128, pattern=NO_NUL)],
    password: Annotated[str, Form(min_length=1, max_length=1024, pattern=NO_NUL)],
    state: StateDep,
    uow: UowDep,
) -> Token:
    """Exchange a username and password for a bearer token with an expiry."""
    now = state.now()
    result = authenticate(
        uow.session, username=username, password=password, now=now, settings=state.settings
    )
    uow.commit()
    if not result.ok or result.token is None or result.expires_at is None:
        raise LoginFailed(_refusal(result))
    return Token(
        access_token=result.token,
        expires_in=int((result.expires_at - now).total_seconds()),
    )
