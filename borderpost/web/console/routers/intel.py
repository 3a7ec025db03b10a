"""Intelligence in the console: the leads queue with review actions, the interactive network
of records, and the map and timeline of records.

Every page calls the leads service (:mod:`borderpost.leads`) and the pure renderers of
:mod:`borderpost.intel` exactly as the API does; nothing is scored or decided here. The network
view's layout is computed on the server and embedded as JSON; ``static/network.js`` draws it
(pan, zoom, click a node for its reasons and records, highlight communities and key players)
and the page shows the same ranking as a table without JavaScript.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from borderpost.audit.log import append
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import InspectionError
from borderpost.leads import VERDICTS, all_facts, lead_queue, review_lead, undo_review
from borderpost.store.models import User
from borderpost.store.models.leads import LEAD_STATUSES
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console/intel", include_in_schema=False)

LeadReader = Annotated[User, Depends(page("leads"))]
LeadReviewer = Annotated[User, Depends(page("lead_review"))]
NetworkReader = Annotated[User, Depends(page("network"))]
MapReader = Annotated[User, Depends(page("intel_map"))]
LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _leads_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    status: str = "open",
    error: tuple[int, str] | None = None,
    done: dict[str, str] | None = None,
    code: int = 200,
) -> Response:
    return render(
        request,
        "leads.html",
        user=user,
        status=code,
        leads=lead_queue(uow.session, status=status, limit=100),
        shown=status,
        statuses=("all", *LEAD_STATUSES),
        verdicts=VERDICTS,
        may_review=can(user.role, Permission.REVIEW_LEAD),
        error=error,
        done=done,
    )


@router.get("/leads", response_class=Response)
def leads(
    request: Request,
    user: LeadReader,
    uow: UowDep,
    status: Annotated[str, Query(max_length=16)] = "open",
    lead: Annotated[str | None, Query(max_length=12)] = None,
    verdict: Annotated[str | None, Query(max_length=16)] = None,
) -> Response:
    """Leads of one status, best score first, with a review form per lead for analysts."""
    if status not in ("all", *LEAD_STATUSES):
        status = "open"
    done = None
    if lead is not None and verdict in (*VERDICTS, "undo"):
        done = {"lead": lead[:12], "verdict": verdict}
    return _leads_page(request, user, uow, status=status, done=done)


@router.post("/leads/{lead_id}", response_class=Response)
def review(
    request: Request,
    lead_id: LeadId,
    user: LeadReviewer,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Record the analyst's verdict (``undo`` reverses their latest standing review)."""
    back = str(form.get("back", "open"))[:16]
    back = back if back in ("all", *LEAD_STATUSES) else "open"
    try:
        verdict = text_field(form, "verdict", max_length=16)
        if verdict == "undo":
            undo_review(uow.session, lead_id, actor=user.username, now=state.now())
        elif verdict in VERDICTS:
            reason = text_field(form, "reason", max_length=2000)
            review_lead(
                uow.session,
                lead_id,
                verdict=verdict,
                reason=reason,
                actor=user.username,
                now=state.now(),
            )
        else:
            raise FormError("verdict", "choose actionable, dismissed or unsure")
    except FormError as exc:
        return _leads_page(request, user, uow, status=back, error=(lead_id, exc.message), code=422)
    except InspectionError as exc:
        uow.rollback()
        kind = kind_of(exc)
        return _leads_page(
            request,
            user,
            uow,
            status=back,
            error=(lead_id, str(exc)),
            code=422 if kind is None else kind.status,
        )
    uow.commit()
    query = urlencode({"status": back, "lead": lead_id, "verdict": verdict})
    return RedirectResponse(f"/console/intel/leads?{query}", status_code=303)


@router.get("/network", response_class=Response)
def network(
    request: Request,
    user: NetworkReader,
    state: StateDep,
    uow: UowDep,
    limit: Annotated[int, Query(ge=2, le=1000)] = 150,
) -> Response:
    """The network of stored records: interactive with JavaScript, a ranked table without."""
    from borderpost.web.routers.intel import network_payload

    payload: dict[str, Any] = network_payload(uow.session, limit)
    append(
        uow.session,
        actor=user.username,
        action="intel.network_read",
        subject_type="intel_network",
        details={"shown": payload["shown"], "total": payload["total"]},
        at=state.now(),
    )
    uow.commit()
    communities = sorted({n["community"] for n in payload["nodes"]})
    return render(
        request,
        "network.html",
        user=user,
        view=payload,
        communities=communities,
        limit=limit,
    )


@router.get("/map", response_class=Response)
def map_page(
    request: Request,
    user: MapReader,
    uow: UowDep,
    per: Annotated[str, Query(max_length=8)] = "week",
) -> Response:
    """Records by place (offline SVG map) and per day or week (timeline)."""
    from borderpost.intel.maps import map_svg
    from borderpost.intel.timelines import BUCKETS, timeline_svg

    per = per if per in BUCKETS else "week"
    records = all_facts(uow.session)
    return render(
        request,
        "intel_map.html",
        user=user,
        records=len(records),
        per=per,
        buckets=BUCKETS,
        # Our own renderers escape every value they draw (borderpost.intel.svg).
        map_svg=Markup(map_svg(records)),
        timeline_svg=Markup(timeline_svg(records, bucket=per)),
    )
