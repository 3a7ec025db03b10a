"""Dependencies shared by the routers, as ``Annotated`` types.

``UowDep`` is one unit of work per request (committed by the route, rolled back otherwise);
``CurrentUser`` is the account behind a valid bearer token; ``require(permission, ...)``
lets through only roles holding one of the permissions in
:data:`borderpost.identity.roles.PERMISSIONS`. Port scoping is the services' job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from borderpost.config import Settings
from borderpost.identity import TokenError, verify_token
from borderpost.identity.roles import Permission, can
from borderpost.inspection.policy import InspectionPolicy
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import User
from borderpost.store.repos.users import UserRepo
from borderpost.watchlists.face_gallery import LookoutFaces
from borderpost.watchlists.finger_gallery import LookoutFingers
from borderpost.watchlists.screener import ScreenerCache
from borderpost.web.errors import PermissionDenied, Unauthenticated

__all__ = [
    "TOKEN_URL",
    "CurrentUser",
    "StateDep",
    "UowDep",
    "WebState",
    "require",
]

TOKEN_URL = "/api/v1/auth/token"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class WebState:
    """What the app holds for its lifetime: settings, the store, the screener."""

    settings: Settings
    store: Store
    screeners: ScreenerCache
    policy: InspectionPolicy
    clock: Callable[[], dt.datetime] = field(default=_utc_now)
    #: The lookout photos' face templates, searched 1:N at inspection (kept per process).
    lookout_faces: LookoutFaces = field(default_factory=LookoutFaces)
    #: The lookout fingerprints' templates, searched 1:N at inspection (kept per process).
    lookout_fingers: LookoutFingers = field(default_factory=LookoutFingers)

    def now(self) -> dt.datetime:
        return self.clock()


def _state(request: Request) -> WebState:
    state = request.app.state.borderpost
    assert isinstance(state, WebState)
    return state


StateDep = Annotated[WebState, Depends(_state)]


def _unit_of_work(state: StateDep) -> Iterator[UnitOfWork]:
    with UnitOfWork(state.store) as uow:
        yield uow


UowDep = Annotated[UnitOfWork, Depends(_unit_of_work)]

_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


def _current_user(
    state: StateDep, uow: UowDep, token: Annotated[str | None, Depends(_bearer)]
) -> User:
    if token is None:
        raise Unauthenticated("this route needs a bearer token (POST /api/v1/auth/token)")
    try:
        claims = verify_token(token, state.settings.token_secret(), state.now())
    except TokenError as exc:
        raise Unauthenticated(str(exc)) from None
    user = UserRepo(uow.session).by_id(claims.user_id)
    if user is None or user.username != claims.username:
        raise Unauthenticated("the token's account does not exist")
    if not user.active:
        raise Unauthenticated(f"{user.username}'s account is inactive")
    return user


CurrentUser = Annotated[User, Depends(_current_user)]


def require(*permissions: Permission) -> Callable[[User], User]:
    """A dependency that passes the current user on if their role holds any of
    ``permissions``, and answers 403 otherwise."""
    wanted = ", ".join(permissions)

    def check(user: CurrentUser) -> User:
        if not any(can(user.role, permission) for permission in permissions):
            raise PermissionDenied(f"{user.username} ({user.role}) lacks the permission {wanted}")
        return user

    check.__name__ = f"require_{'_or_'.join(p.name.lower() for p in permissions)}"
    return check
