"""Ports of entry: list (anyone logged in), register (administrators)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from borderpost.identity.roles import Permission
from borderpost.inspection.ports import add_port, port_dict
from borderpost.store.models import User
from borderpost.store.repos.ports import PortRepo
from borderpost.web.deps import CurrentUser, StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["ports"], responses=ERROR_RESPONSES)

PortManager = Annotated[User, Depends(require(Permission.MANAGE_PORTS))]


class NewPort(BaseModel):
    """A port of entry to register."""

    code: str = Field(min_length=1, max_length=16, pattern=NO_NUL, examples=["LHR"])
    name: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    kind: str = Field(
        min_length=1, max_length=8, pattern=NO_NUL, examples=["airport", "seaport", "land"]
    )
    country: str | None = Field(default=None, max_length=3, pattern=NO_NUL)
    remote: bool = False
    timezone: str = Field(default="UTC", max_length=64, pattern=NO_NUL)
    shift: str | None = Field(default=None, max_length=16, pattern=NO_NUL, examples=["06:00-22:00"])


@router.get("/ports", summary="Ports of entry")
def ports(_user: CurrentUser, uow: UowDep) -> list[dict[str, Any]]:
    """Every registered port."""
    return [port_dict(port) for port in PortRepo(uow.session).all()]


@router.post("/ports", status_code=201, summary="Register a port of entry")
def add(body: NewPort, admin: PortManager, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Codes are unique; the shift is the staffed hours in the port's time zone."""
    port = add_port(
        uow.session,
        code=body.code,
        name=body.name,
        kind=body.kind,
        country=body.country,
        remote=body.remote,
        timezone=body.timezone,
        shift=body.shift,
        actor=admin.username,
        now=state.now(),
    )
    uow.commit()
    return port_dict(port)
