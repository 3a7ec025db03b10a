"""The audit log (auditors): verify the chain, its head, events; officer indicators."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from borderpost import audit as audit_log
from borderpost.audit.log import Anchor, event_dict, events, parse_anchor
from borderpost.identity.roles import Permission
from borderpost.records import indicators_for
from borderpost.store.models import User
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["audit"], responses=ERROR_RESPONSES)

Auditor = Annotated[User, Depends(require(Permission.READ_AUDIT))]
IndicatorReader = Annotated[User, Depends(require(Permission.VIEW_INDICATORS))]


@router.get("/audit/verify", summary="Check every link of the audit chain")
def verify(
    _user: Auditor,
    uow: UowDep,
    anchor: Annotated[
        str | None,
        Query(max_length=100, pattern=NO_NUL, description="SEQ:HASH noted earlier from the head."),
    ] = None,
) -> dict[str, Any]:
    """``intact`` and, if broken, the first broken entry's sequence number and why."""
    expected: Anchor | None = None if anchor is None else parse_anchor(anchor)
    return audit_log.verify(uow.session, anchor=expected).to_dict()


@router.get("/audit/head", summary="The latest sequence number and hash")
def head(_user: Auditor, uow: UowDep) -> dict[str, Any]:
    """Write it down outside the database: a later verify with it catches a cut tail."""
    anchor = audit_log.head(uow.session)
    return {"seq": anchor.seq, "hash": anchor.hash, "anchor": str(anchor)}


@router.get("/audit/events", summary="Audit events, newest first (audited read)")
def list_events(
    auditor: Auditor,
    state: StateDep,
    uow: UowDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    before: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="Page back.")] = None,
    subject_type: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None,
    subject_id: Annotated[str | None, Query(max_length=128, pattern=NO_NUL)] = None,
) -> dict[str, Any]:
    """Page back with ``before`` set to the smallest ``seq`` of the page."""
    found = events(
        uow.session,
        subject_type=subject_type,
        subject_id=subject_id,
        limit=limit,
        before=before,
    )
    page = [event_dict(event) for event in found]
    audit_log.append(
        uow.session,
        actor=auditor.username,
        action="audit.read",
        subject_type="audit",
        details={"before": before, "limit": limit, "returned": len(page)},
        at=state.now(),
    )
    uow.commit()
    return {"events": page, "next_before": page[-1]["seq"] if len(page) == limit else None}


@router.get("/audit/officers", summary="Officer indicators")
def officers(
    reader: IndicatorReader,
    uow: UowDep,
    port: Annotated[str | None, Query(max_length=16, pattern=NO_NUL)] = None,
    since: Annotated[dt.date | None, Query(description="Inspections from this date (UTC).")] = None,
) -> list[dict[str, Any]]:
    """Patterns worth a look (clearance rates, overrides, out-of-shift work, repeats).
    Supervisors see their own port; auditors any."""
    start = None if since is None else dt.datetime.combine(since, dt.time(), dt.UTC)
    found = indicators_for(uow.session, reader, port_code=port, since=start)
    return [indicator.to_dict() for indicator in found]
