"""Intelligence: leads raised as records arrive, their review, and the network of records.

Analysts read and review leads; auditors read. Every read of a lead's details and every review
is audited (the facts name people). ``/intel/network`` ranks the stored records' network and
lays out its best-ranked part for the console's network view.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from borderpost.audit.log import append
from borderpost.identity.roles import Permission
from borderpost.leads import (
    VERDICTS,
    all_facts,
    lead_detail,
    lead_queue,
    review_lead,
    undo_review,
)
from borderpost.store.models import User
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/intel", tags=["intel"], responses=ERROR_RESPONSES)

Reader = Annotated[User, Depends(require(Permission.READ_INTEL))]
Reviewer = Annotated[User, Depends(require(Permission.REVIEW_LEAD))]
LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class LeadReviewIn(BaseModel):
    """An analyst's verdict on a lead; a dismissal needs a reason."""

    verdict: str = Field(examples=["actionable"], description=", ".join(VERDICTS))
    reason: str = Field(default="", max_length=2000, examples=["same courier line as case 17"])


class UndoIn(BaseModel):
    """Which review to undo (the latest standing one when absent)."""

    review: int | None = Field(default=None, ge=1, le=2**31 - 1)


@router.get("/leads", summary="Leads, best score first")
def leads(
    user: Reader,
    uow: UowDep,
    status: Annotated[str, Query(max_length=16)] = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Leads of one status (open, actionable, dismissed, unsure, or all)."""
    return {"leads": lead_queue(uow.session, status=status, limit=limit, offset=offset)}


@router.get("/leads/{lead_id}", summary="A lead with both records and its reviews")
def lead(lead_id: LeadId, user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """The lead, the facts of both records and every review (audited)."""
    found = lead_detail(uow.session, lead_id, actor=user.username, now=state.now())
    uow.commit()
    return found


@router.post("/leads/{lead_id}/reviews", summary="Review a lead")
def review(
    lead_id: LeadId, body: LeadReviewIn, user: Reviewer, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """Actionable, dismissed (with a reason of at least 5 characters) or unsure; append-only."""
    result = review_lead(
        uow.session,
        lead_id,
        verdict=body.verdict,
        reason=body.reason,
        actor=user.username,
        now=state.now(),
    )
    uow.commit()
    return result


@router.post("/leads/{lead_id}/undo", summary="Undo a review of a lead")
def undo(
    lead_id: LeadId, body: UndoIn, user: Reviewer, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """A new row reverses the review; the lead returns to the verdict before it."""
    result = undo_review(
        uow.session, lead_id, actor=user.username, now=state.now(), review_id=body.review
    )
    uow.commit()
    return result


def network_payload(session: Any, limit: int) -> dict[str, Any]:
    """The stored records' network, ranked and laid out (shared with the console)."""
    from borderpost.intel.record_network import facts_network, network_view

    built = facts_network(all_facts(session))
    return network_view(built.network, built.rank(), records=built.records, limit=limit)


@router.get("/network", summary="The network of stored records, ranked and laid out")
def network(
    user: Reader,
    state: StateDep,
    uow: UowDep,
    limit: Annotated[int, Query(ge=2, le=1000)] = 150,
) -> dict[str, Any]:
    """Records linked to the identifiers they name; the ``limit`` best-ranked nodes with a
    position (0..1), community, rank, score, reasons and records; their links. Audited."""
    payload = network_payload(uow.session, limit)
    append(
        uow.session,
        actor=user.username,
        action="intel.network_read",
        subject_type="intel_network",
        details={"shown": payload["shown"], "total": payload["total"]},
        at=state.now(),
    )
    uow.commit()
    return payload
