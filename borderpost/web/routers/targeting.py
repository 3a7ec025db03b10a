"""Pre-arrival targeting: manifests in, assessments out, the review queue, per-rule statistics
and the lookouts sent to a port. Analysts submit and review; auditors read; officers and
supervisors see the lookouts for their own port; analysts may unmask a depersonalised booking
with a recorded justification."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from borderpost.identity.roles import Permission
from borderpost.inspection.errors import Invalid
from borderpost.passengers import EdifactError
from borderpost.store.models import Port, User
from borderpost.targeting.pipeline import NoManifestError, receive
from borderpost.targeting.reads import manifest_summary
from borderpost.targeting.retention import unmask
from borderpost.targeting.review import (
    OUTCOMES,
    lookouts,
    manifest_hits,
    record_review,
    review_queue,
    rule_statistics,
)
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES

router = APIRouter(tags=["targeting"], responses=ERROR_RESPONSES)

Submitter = Annotated[User, Depends(require(Permission.SUBMIT_MANIFEST))]
Reviewer = Annotated[User, Depends(require(Permission.REVIEW_HIT))]
Reader = Annotated[User, Depends(require(Permission.READ_TARGETING))]
LookoutReader = Annotated[User, Depends(require(Permission.READ_LOOKOUTS))]
Unmasker = Annotated[User, Depends(require(Permission.UNMASK_PNR))]
MAX_UPLOAD = 20 * 1024 * 1024


class ReviewIn(BaseModel):
    """A person's outcome for a hit."""

    outcome: str = Field(examples=["false_match"], description=", ".join(OUTCOMES))
    reason: str = Field(min_length=1, max_length=2000, examples=["different birth date"])


class UnmaskIn(BaseModel):
    """Why the masked booking must be read back (recorded in the audit trail)."""

    justification: str = Field(
        min_length=1, max_length=2000, examples=["case 2026/17: courier network, warrant 88"]
    )


@router.post("/manifests", summary="Submit an airline PAXLST/PNRGOV file for assessment")
def submit(
    file: Annotated[UploadFile, File(description="EDIFACT PAXLST (and PNRGOV) messages.")],
    user: Submitter,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """Every traveller assessed; every hit waits for a person's review."""
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise Invalid(f"the file is larger than {MAX_UPLOAD} bytes")
    try:
        stored = receive(
            uow.session,
            data,
            state.screeners.get(),
            actor=user.username,
            now=state.now(),
        )
    except (EdifactError, NoManifestError) as exc:
        raise Invalid(str(exc)) from None
    uow.commit()
    return {"manifests": [item.to_dict() for item in stored]}


@router.get("/manifests/{manifest_id}", summary="A stored manifest and its hits")
def manifest(
    manifest_id: Annotated[int, Path(ge=1, le=2**31 - 1)], user: Reader, uow: UowDep
) -> dict[str, Any]:
    """The manifest as received and every hit of its travellers, open or reviewed."""
    summary = manifest_summary(uow.session, manifest_id)
    return {**summary, "hits": manifest_hits(uow.session, manifest_id)}


@router.get("/reviews", summary="The review queue: open targeting hits")
def queue(user: Reader, uow: UowDep) -> dict[str, Any]:
    """Open hits, highest-scored travellers first."""
    return {"hits": review_queue(uow.session)}


@router.post("/reviews/{hit_id}", summary="Record a person's outcome for a hit")
def review(
    hit_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: ReviewIn,
    user: Reviewer,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """Close a hit (append-only); a confirmed hit sends a lookout to the arrival port."""
    result = record_review(
        uow.session,
        hit_id,
        outcome=body.outcome,
        reason=body.reason,
        reviewer=user.username,
        now=state.now(),
    )
    uow.commit()
    return result


@router.get("/rules/stats", summary="Per-rule hits and confirmations")
def stats(user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Hits, reviewed and confirmed per rule, with owner and review date."""
    return {"rules": rule_statistics(uow.session, today=state.now().date())}


@router.get("/lookouts", summary="Lookouts sent by confirmed targeting hits")
def port_lookouts(user: LookoutReader, uow: UowDep) -> dict[str, Any]:
    """Officers and supervisors see their own port's; analysts and auditors every port's."""
    port = None
    if user.port_id is not None:
        port = uow.session.scalar(select(Port.code).where(Port.id == user.port_id))
    return {"port": port, "lookouts": lookouts(uow.session, port=port)}


@router.post("/pnr/{booking_id}/unmask", summary="Read a depersonalised PNR booking back")
def pnr_unmask(
    booking_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: UnmaskIn,
    user: Unmasker,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """The full booking, for a role that may unmask, with a justification of at least 10
    characters; the read and its justification are written to the audit trail."""
    booking = unmask(
        uow.session,
        booking_id,
        actor=user.username,
        role=user.role,
        justification=body.justification,
        now=state.now(),
    )
    uow.commit()
    return {"booking": booking_id, "data": booking}
