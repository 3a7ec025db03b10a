"""The console's dependencies: the logged-in user (from the session cookie), the page guard
(the role must be allowed the page, on the server), and the CSRF-checked form."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from borderpost.identity import TokenError, verify_token
from borderpost.store.models import User
from borderpost.store.repos.users import UserRepo
from borderpost.web.console.pages import PAGES, allowed
from borderpost.web.console.session import CSRF_FIELD, SESSION_COOKIE, csrf_basis, csrf_matches
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import PermissionDenied

__all__ = ["ConsoleUser", "CsrfFailed", "CsrfForm", "LoginRequired", "page"]


class LoginRequired(Exception):
    """No session, or one that expired or no longer names an active account."""

    def __init__(self, *, expired: bool) -> None:
        super().__init__("log in to use the console")
        self.expired = expired


class CsrfFailed(Exception):
    """A state-changing form came without this session's CSRF token."""


def _console_user(request: Request, state: StateDep, uow: UowDep) -> User:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired(expired=False)
    try:
        claims = verify_token(token, state.settings.token_secret(), state.now())
    except TokenError:
        raise LoginRequired(expired=True) from None
    user = UserRepo(uow.session).by_id(claims.user_id)
    if user is None or user.username != claims.username or not user.active:
        raise LoginRequired(expired=True)
    return user


ConsoleUser = Annotated[User, Depends(_console_user)]


def page(key: str) -> Callable[[User], User]:
    """A dependency that passes the user on if their role may open page ``key``
    (see :data:`borderpost.web.console.pages.PAGES`), and answers 403 otherwise."""
    wanted = PAGES[key]

    def check(user: ConsoleUser) -> User:
        if not allowed(user.role, wanted):
            raise PermissionDenied(f"{user.username} ({user.role}) may not open this page")
        return user

    check.__name__ = f"page_{key}"
    return check


def _form_checker() -> Callable[[Request, StateDep], AsyncIterator[FormData]]:
    async def checked(request: Request, state: StateDep) -> AsyncIterator[FormData]:
        form = await request.form()
        try:
            secret = state.settings.token_secret()
            if not csrf_matches(secret, csrf_basis(request), form.get(CSRF_FIELD)):
                raise CsrfFailed("the form's security token is missing or wrong")
            yield form
        finally:
            await form.close()  # uploaded files, if someone sent any

    return checked


CsrfForm = Annotated[FormData, Depends(_form_checker())]
