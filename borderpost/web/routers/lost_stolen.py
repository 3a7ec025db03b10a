"""``GET /api/v1/lost-stolen``: is a document reported lost or stolen (audited)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from borderpost.identity.roles import Permission
from borderpost.store.models import User
from borderpost.watchlists.lookup import lookup_document
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["lost/stolen"], responses=ERROR_RESPONSES)

Searcher = Annotated[User, Depends(require(Permission.INSPECT, Permission.SEARCH_RECORDS))]


@router.get("/lost-stolen", summary="Look a document number up in the lost/stolen lists")
def lookup(
    number: Annotated[str, Query(min_length=1, max_length=64, pattern=NO_NUL)],
    user: Searcher,
    state: StateDep,
    uow: UowDep,
    country: Annotated[
        str | None, Query(max_length=64, pattern=NO_NUL, description="Issuing country.")
    ] = None,
) -> dict[str, Any]:
    """Reports matching the number, exact first, then OCR-confusable variants."""
    hits = lookup_document(
        uow.session,
        state.screeners.get().lost_stolen,
        number=number,
        country=country,
        actor=user.username,
        now=state.now(),
    )
    uow.commit()
    return {"number": number, "country": country, "hits": hits}
