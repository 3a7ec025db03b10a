"""``GET /api/v1/travellers/{id}/history``: a traveller's crossings and overstays (audited)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from borderpost.identity.roles import Permission
from borderpost.records import traveller_history
from borderpost.store.models import User
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["travellers"], responses=ERROR_RESPONSES)

Reader = Annotated[User, Depends(require(Permission.READ_TRAVELLER))]


@router.get("/travellers/{traveller_id}/history", summary="A traveller's history (audited)")
def history(
    traveller_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    reader: Reader,
    state: StateDep,
    uow: UowDep,
    purpose: Annotated[
        str,
        Query(min_length=1, max_length=200, pattern=NO_NUL, description="Why the record is read."),
    ] = "api",
) -> dict[str, Any]:
    """The traveller's record, crossings (oldest first) and overstays. Officers and
    supervisors read only travellers inspected at their port."""
    found = traveller_history(uow.session, traveller_id, reader, purpose=purpose, now=state.now())
    uow.commit()
    return found
