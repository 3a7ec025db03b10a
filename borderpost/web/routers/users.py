"""Accounts: who am I (anyone logged in); create, list, deactivate, unlock (administrators)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from borderpost.identity import create_user
from borderpost.identity.accounts import account_view, list_accounts, set_active, unlock
from borderpost.identity.roles import PERMISSIONS, Permission, Role
from borderpost.store.models import User
from borderpost.store.repos.ports import PortRepo
from borderpost.web.deps import CurrentUser, StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["users"], responses=ERROR_RESPONSES)

Admin = Annotated[User, Depends(require(Permission.MANAGE_USERS))]
Username = Annotated[str, Path(min_length=1, max_length=64, pattern=NO_NUL)]


class NewUser(BaseModel):
    """An account to create; officers and supervisors need a port."""

    username: str = Field(min_length=1, max_length=64, pattern=NO_NUL)
    password: str = Field(min_length=1, max_length=1024, pattern=NO_NUL)
    role: str = Field(
        min_length=1, max_length=16, pattern=NO_NUL, examples=[role.value for role in Role]
    )
    port: str | None = Field(default=None, max_length=16, pattern=NO_NUL)


@router.get("/users/me", summary="The account behind the token")
def me(user: CurrentUser, uow: UowDep) -> dict[str, Any]:
    """Username, role, port and the permissions the role holds."""
    port = None if user.port_id is None else PortRepo(uow.session).by_id(user.port_id)
    return {
        "username": user.username,
        "role": user.role,
        "port": None if port is None else port.code,
        "permissions": sorted(PERMISSIONS.get(Role(user.role), frozenset())),
    }


@router.get("/users", summary="Every account (audited read)")
def users(admin: Admin, state: StateDep, uow: UowDep) -> list[dict[str, Any]]:
    """Accounts with role, port, and whether active or locked."""
    now = state.now()
    accounts = list_accounts(uow.session, actor=admin.username, now=now)
    uow.commit()
    return [account.to_dict(now) for account in accounts]


def _view(uow: UowDep, user: User, state: StateDep) -> dict[str, Any]:
    port = None if user.port_id is None else PortRepo(uow.session).by_id(user.port_id)
    return account_view(user, port).to_dict(state.now())


@router.post("/users", status_code=201, summary="Create an account")
def create(body: NewUser, admin: Admin, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """The password must meet the policy; the account starts active."""
    user = create_user(
        uow.session,
        username=body.username,
        password=body.password,
        role=body.role,
        port_code=body.port,
        actor=admin.username,
        now=state.now(),
    )
    uow.commit()
    return _view(uow, user, state)


def _set_active(
    username: str, active: bool, admin: User, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    user = set_active(
        uow.session, username=username, active=active, actor=admin.username, now=state.now()
    )
    uow.commit()
    return _view(uow, user, state)


@router.post("/users/{username}/deactivate", summary="Deactivate an account")
def deactivate(username: Username, admin: Admin, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """The account can no longer log in, and its tokens stop working."""
    return _set_active(username, False, admin, state, uow)


@router.post("/users/{username}/activate", summary="Reactivate an account")
def activate(username: Username, admin: Admin, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """The account can log in again."""
    return _set_active(username, True, admin, state, uow)


@router.post("/users/{username}/unlock", summary="Lift a lock-out")
def unlock_user(username: Username, admin: Admin, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Clear the lock and the failed-login count."""
    user = unlock(uow.session, username=username, actor=admin.username, now=state.now())
    uow.commit()
    return _view(uow, user, state)
