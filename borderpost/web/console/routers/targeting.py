"""Pre-arrival targeting in the console: submit an airline file and see its assessments, the
review queue (a person closes every hit), per-rule statistics, the lookouts sent to a port,
and unmasking a depersonalised booking with a recorded justification.

Every page calls the targeting services (:mod:`borderpost.targeting`) exactly as the API
does; nothing is decided or computed here.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import InspectionError
from borderpost.passengers import EdifactError
from borderpost.store.models import Port, User
from borderpost.targeting.pipeline import NoManifestError, receive
from borderpost.targeting.reads import (
    manifest_summary,
    manifest_travellers,
    recent_bookings,
    recent_manifests,
)
from borderpost.targeting.retention import unmask
from borderpost.targeting.review import (
    OUTCOMES,
    lookouts,
    record_review,
    review_queue,
    rule_statistics,
)
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, int_field, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console/targeting", include_in_schema=False)

ManifestLister = Annotated[User, Depends(page("manifests"))]
Uploader = Annotated[User, Depends(page("upload"))]
ManifestReader = Annotated[User, Depends(page("manifest"))]
QueueReader = Annotated[User, Depends(page("reviews"))]
Reviewer = Annotated[User, Depends(page("review"))]
RuleReader = Annotated[User, Depends(page("rules"))]
LookoutReader = Annotated[User, Depends(page("port_lookouts"))]
Unmasker = Annotated[User, Depends(page("pnr"))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
#: The largest airline file accepted (the API's limit too).
MAX_UPLOAD = 20 * 1024 * 1024


def _status(exc: Exception) -> int:
    kind = kind_of(exc)
    return 422 if kind is None else kind.status


def _manifests_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "manifests.html",
        user=user,
        status=status,
        manifests=recent_manifests(uow.session),
        may_upload=can(user.role, Permission.SUBMIT_MANIFEST),
        errors=errors or {},
    )


@router.get("/manifests", response_class=Response)
def manifests(request: Request, user: ManifestLister, uow: UowDep) -> Response:
    """Recent manifests with their hit counts; for analysts, the upload form."""
    return _manifests_page(request, user, uow)


def _file(form: CsrfForm) -> bytes:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise FormError("file", "choose a PAXLST or PNRGOV file to submit")
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise FormError("file", f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB")
    if not data.strip():
        raise FormError("file", "the file is empty")
    return data


@router.post("/manifests", response_class=Response)
def upload(
    request: Request, user: Uploader, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Assess and store the file's manifests, then show the (first) manifest's assessments."""
    try:
        data = _file(form)
        stored = receive(
            uow.session, data, state.screeners.get(), actor=user.username, now=state.now()
        )
    except FormError as exc:
        return _manifests_page(request, user, uow, errors={exc.field: exc.message}, status=422)
    except (EdifactError, NoManifestError) as exc:
        uow.rollback()
        return _manifests_page(request, user, uow, errors={"file": str(exc)}, status=422)
    uow.commit()
    target = f"/console/targeting/manifests/{stored[0].id}" if len(stored) == 1 else ""
    return RedirectResponse(target or "/console/targeting/manifests", status_code=303)


@router.get("/manifests/{manifest_id}", response_class=Response)
def manifest(
    request: Request, manifest_id: RecordId, user: ManifestReader, uow: UowDep
) -> Response:
    """A manifest's travellers: risk band, score, every hit and rule hit with its reasons."""
    summary = manifest_summary(uow.session, manifest_id)
    return render(
        request,
        "manifest.html",
        user=user,
        manifest=summary,
        travellers=manifest_travellers(uow.session, manifest_id),
        bookings=recent_bookings(uow.session, manifest_id=manifest_id),
        may_unmask=can(user.role, Permission.UNMASK_PNR),
    )


def _queue_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    error: tuple[int, str, str] | None = None,
    values: dict[str, str] | None = None,
    done: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "reviews.html",
        user=user,
        status=status,
        queue=review_queue(uow.session, oldest_first=True),
        outcomes=OUTCOMES,
        may_review=can(user.role, Permission.REVIEW_HIT),
        error=error,
        values=values or {},
        done=done,
    )


@router.get("/reviews", response_class=Response)
def reviews(
    request: Request,
    user: QueueReader,
    uow: UowDep,
    hit: Annotated[str | None, Query(max_length=12)] = None,
    outcome: Annotated[str | None, Query(max_length=24)] = None,
    port: Annotated[str | None, Query(max_length=16)] = None,
) -> Response:
    """Open hits, oldest first; for analysts, a review form per hit."""
    done = None
    if hit is not None and outcome in OUTCOMES:
        done = {"hit": hit[:12], "outcome": outcome, "port": (port or "")[:16] or None}
    return _queue_page(request, user, uow, done=done)


@router.post("/reviews/{hit_id}", response_class=Response)
def review(
    request: Request,
    hit_id: RecordId,
    user: Reviewer,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Record the reviewer's outcome and reason; a confirmed hit sends a lookout to the
    arrival port."""
    values = {"outcome": str(form.get("outcome", ""))[:24], "reason": str(form.get("reason", ""))}
    try:
        outcome = text_field(form, "outcome", max_length=24)
        if outcome not in OUTCOMES:
            raise FormError("outcome", "choose one of the outcomes")
        reason = text_field(form, "reason", max_length=2000, required=True)
        result = record_review(
            uow.session,
            hit_id,
            outcome=outcome,
            reason=reason,
            reviewer=user.username,
            now=state.now(),
        )
    except FormError as exc:
        return _queue_page(
            request, user, uow, error=(hit_id, exc.field, exc.message), values=values, status=422
        )
    except InspectionError as exc:
        uow.rollback()
        return _queue_page(
            request,
            user,
            uow,
            error=(hit_id, "reason", str(exc)),
            values=values,
            status=_status(exc),
        )
    uow.commit()
    query = urlencode({"hit": hit_id, "outcome": outcome, "port": result["port"] or ""})
    return RedirectResponse(f"/console/targeting/reviews?{query}", status_code=303)


@router.get("/rules", response_class=Response)
def rules(request: Request, user: RuleReader, state: StateDep, uow: UowDep) -> Response:
    """Hits, reviewed and confirmed per rule, with the rules past their review date flagged."""
    stats = rule_statistics(uow.session, today=state.now().date())
    return render(request, "rules.html", user=user, stats=stats)


@router.get("/lookouts", response_class=Response)
def port_lookouts(request: Request, user: LookoutReader, uow: UowDep) -> Response:
    """Lookouts sent by confirmed hits: port staff see their own port's, others every port's."""
    port = None
    if user.port_id is not None:
        row = uow.session.get(Port, user.port_id)
        port = None if row is None else row.code
    return render(
        request,
        "port_lookouts.html",
        user=user,
        port=port,
        lookouts=lookouts(uow.session, port=port),
    )


def _pnr_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    booking: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "pnr.html",
        user=user,
        status=status,
        values=values,
        errors=errors or {},
        bookings=recent_bookings(uow.session),
        booking=None if booking is None else json.dumps(booking, ensure_ascii=False, indent=2),
        locator=None if booking is None else booking.get("record_locator", ""),
    )


@router.get("/pnr", response_class=Response)
def pnr_form(
    request: Request,
    user: Unmasker,
    uow: UowDep,
    booking: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    """The unmask form (booking id, justification) and the recent bookings."""
    return _pnr_page(request, user, uow, values={"booking": (booking or "")[:12]})


@router.post("/pnr", response_class=Response)
def pnr_unmask(
    request: Request, user: Unmasker, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Read a booking back in full with a justification; the read is audited."""
    values = {
        "booking": str(form.get("booking", ""))[:12],
        "justification": str(form.get("justification", ""))[:2000],
    }
    try:
        text = text_field(form, "booking", max_length=12, required=True)
        booking_id = int_field(text, "booking")
        assert booking_id is not None  # required above
        justification = text_field(form, "justification", max_length=2000, required=True)
        data = unmask(
            uow.session,
            booking_id,
            actor=user.username,
            role=user.role,
            justification=justification,
            now=state.now(),
        )
    except FormError as exc:
        return _pnr_page(
            request, user, uow, values=values, errors={exc.field: exc.message}, status=422
        )
    except InspectionError as exc:
        uow.rollback()
        field = "justification" if _status(exc) == 422 else "booking"
        return _pnr_page(
            request, user, uow, values=values, errors={field: str(exc)}, status=_status(exc)
        )
    uow.commit()
    return _pnr_page(request, user, uow, values={"booking": str(booking_id)}, booking=data)
