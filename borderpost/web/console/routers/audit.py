"""The auditor's pages: the trail with filters, the chain's verification, officer indicators
with the figures behind them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from borderpost import audit as audit_log
from borderpost.audit.search import EventFilter, search_events
from borderpost.records import indicators_for
from borderpost.store.models import User
from borderpost.web.console.deps import page
from borderpost.web.console.forms import FormError, date_field, int_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console/audit", include_in_schema=False)

Auditor = Annotated[User, Depends(page("audit"))]
Verifier = Annotated[User, Depends(page("chain"))]
IndicatorReader = Annotated[User, Depends(page("officers"))]
Text = Annotated[str | None, Query(max_length=128)]
_PAGE = 100


def _day_start(day: dt.date | None, days: int = 0) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day + dt.timedelta(days=days), dt.time(), dt.UTC)


@router.get("", response_class=Response)
def trail(
    request: Request,
    user: Auditor,
    state: StateDep,
    uow: UowDep,
    actor: Text = None,
    action: Text = None,
    subject_type: Text = None,
    subject_id: Text = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    before: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    """Audit events, newest first, by actor, action (prefix), subject and day; audited."""
    values = {
        "actor": actor or "",
        "action": action or "",
        "subject_type": subject_type or "",
        "subject_id": subject_id or "",
        "since": since or "",
        "until": until or "",
    }
    try:
        wanted = EventFilter(
            actor=actor or None,
            action=action or None,
            subject_type=subject_type or None,
            subject_id=subject_id or None,
            since=_day_start(date_field(since, "since")),
            until=_day_start(date_field(until, "until"), days=1),
        )
        older = int_field(before, "before")
    except FormError as exc:
        return render(
            request,
            "audit.html",
            user=user,
            status=422,
            events=[],
            values=values,
            errors={exc.field: exc.message},
            next_before=None,
        )
    found = search_events(uow.session, wanted, limit=_PAGE, before=older)
    audit_log.append(
        uow.session,
        actor=user.username,
        action="audit.read",
        subject_type="audit",
        details={**wanted.to_dict(), "before": older, "returned": len(found)},
        at=state.now(),
    )
    uow.commit()
    return render(
        request,
        "audit.html",
        user=user,
        events=found,
        values=values,
        errors={},
        next_before=found[-1].seq if len(found) == _PAGE else None,
    )


@router.get("/chain", response_class=Response)
def chain(request: Request, user: Verifier, uow: UowDep) -> Response:
    """Walk every link of the hash chain; show the head to note down outside the database."""
    result = audit_log.verify(uow.session)
    return render(
        request,
        "chain.html",
        user=user,
        result=result.to_dict(),
        head=audit_log.head(uow.session),
    )


@router.get("/officers", response_class=Response)
def officers(
    request: Request,
    user: IndicatorReader,
    uow: UowDep,
    port: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """Officer indicators: the value, the port's norm and the reason in words."""
    values = {"port": port or "", "since": since or ""}
    try:
        start = _day_start(date_field(since, "since"))
    except FormError as exc:
        return render(
            request,
            "officers.html",
            user=user,
            status=422,
            indicators=[],
            values=values,
            errors={exc.field: exc.message},
        )
    found = indicators_for(uow.session, user, port_code=port or None, since=start)
    return render(request, "officers.html", user=user, indicators=found, values=values, errors={})
