"""Primary inspection: the MRZ field, the verdict card, the decision.

The page calls the inspection workflow (:mod:`borderpost.inspection`) and the record reads
(:mod:`borderpost.records`) exactly as the API does; nothing is decided here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from borderpost.identity.roles import Permission, can
from borderpost.inspection import InspectionError, decide, inspect
from borderpost.inspection.policy import DEFAULT_PERMIT
from borderpost.records import inspection_record, traveller_history
from borderpost.store.models import User
from borderpost.store.repos.ports import PortRepo
from borderpost.sync.node import stale_lists
from borderpost.targeting.review import lookout_count
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import language_of, render
from borderpost.web.console.uploads import chip_files, face_image, fingerprint_files
from borderpost.web.console.verdict import card
from borderpost.web.deps import StateDep, UowDep, WebState
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console", include_in_schema=False)

Inspector = Annotated[User, Depends(page("inspect"))]
Reader = Annotated[User, Depends(page("record"))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
_ACTIONS = ("admit", "refer", "refuse", "detain")


def _inspect_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    mrz: str = "",
    port: str | None = None,
    direction: str = "entry",
    errors: dict[str, str] | None = None,
    status: int = 200,
    image_note: str | None = None,
) -> Response:
    ports = PortRepo(uow.session).all()
    own = next((p.code for p in ports if p.id == user.port_id), None)
    # Confirmed pre-arrival hits send lookouts to the arrival port: say so where officers look.
    waiting = lookout_count(uow.session, own) if own is not None else 0
    # At a remote post: warn when the lists screened against are older than the limit.
    state: WebState = request.app.state.borderpost
    limit = state.settings.list_age_limit_hours
    stale = stale_lists(uow.session, state.now(), dt.timedelta(hours=limit))
    return render(
        request,
        "inspect.html",
        user=user,
        status=status,
        ports=[p.code for p in ports],
        port=port or own,
        direction=direction,
        mrz=mrz,
        errors=errors or {},
        lookouts=waiting,
        own_port=own,
        stale_hours=stale,
        stale_never=stale == float("inf"),
        list_age_limit=limit,
        image_note=image_note,
        face_limit_mb=f"{state.settings.face_upload_max_bytes / (1024 * 1024):.0f}",
    )


@router.get("/inspect", response_class=Response)
def inspect_form(request: Request, user: Inspector, uow: UowDep) -> Response:
    """The MRZ field (autofocused), the port (the officer's own) and the direction."""
    return _inspect_page(request, user, uow)


@router.post("/inspect", response_class=Response)
def run_inspection(
    request: Request, user: Inspector, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Inspect, then show the verdict card (a reload does not inspect twice).

    With the chip's files (EF.SOD and data groups) the chip is verified; with a live capture
    (a file, or a snapshot from the browser's camera) the face is compared with the chip
    portrait and searched over the lookout photos, and with prints (``finger_1`` ...
    ``finger_10``) each is searched over the lookout fingerprints, as
    ``POST /api/v1/inspections`` does.
    A file that cannot be used is refused with the reason and nothing is stored."""
    mrz = str(form.get("mrz", ""))[:400]
    port = str(form.get("port", ""))[:16]
    direction = str(form.get("direction", "entry"))[:8]
    try:
        mrz = text_field(form, "mrz", max_length=400, required=True)
        port = text_field(form, "port", max_length=16, required=True)
        direction = text_field(form, "direction", max_length=8, required=True)
        if direction not in ("entry", "exit"):
            raise FormError("direction", "choose entry or exit")
        chip = chip_files(form, "chip_sod", "chip_dg")
        live = face_image(
            form,
            "live_face",
            max_bytes=state.settings.face_upload_max_bytes,
            what="the live capture",
        )
        prints = fingerprint_files(form)
        result = inspect(
            uow,
            state.screeners.get(),
            user,
            mrz.replace("\r\n", "\n").replace("\r", "\n"),
            port,
            direction,
            state.now(),
            policy=state.policy,
            chip=chip,
            live_face=live,
            lookout_faces=state.lookout_faces,
            fingerprints=prints,
            lookout_fingers=state.lookout_fingers,
        )
    except FormError as exc:
        errors = {exc.field: exc.message}
        return _inspect_page(
            request, user, uow, mrz=mrz, port=port, direction=direction, errors=errors, status=422
        )
    except InspectionError as exc:
        kind = kind_of(exc)
        uow.rollback()
        return _inspect_page(
            request,
            user,
            uow,
            mrz=mrz,
            port=port,
            direction=direction,
            errors={"mrz": str(exc)},
            status=422 if kind is None else kind.status,
        )
    uow.commit()
    return RedirectResponse(f"/console/inspections/{result.inspection_id}", status_code=303)


MAX_IMAGE = 20 * 1024 * 1024


@router.post("/inspect/image", response_class=Response)
async def read_image(
    request: Request, user: Inspector, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Read the MRZ from an uploaded photo or scan into the MRZ field, for the officer to
    compare with the document and then inspect (nothing is inspected from the image alone)."""
    from borderpost.documents.ocr import read_bytes  # image libraries load only when used

    port = str(form.get("port", ""))[:16] or None
    direction = str(form.get("direction", "entry"))[:8]
    upload = form.get("image")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _inspect_page(
            request,
            user,
            uow,
            port=port,
            direction=direction,
            errors={"image": language_of(request).text("inspect.image_missing")},
            status=422,
        )
    data = await upload.read(MAX_IMAGE + 1)
    if len(data) > MAX_IMAGE:
        message = language_of(request).text(
            "inspect.image_too_large", size=MAX_IMAGE // (1024 * 1024)
        )
        return _inspect_page(
            request,
            user,
            uow,
            port=port,
            direction=direction,
            errors={"image": message},
            status=422,
        )
    reading = await run_in_threadpool(read_bytes, data, at=state.now().date())
    if reading.text is None:
        reasons = "; ".join(f.message for f in reading.result.findings)
        message = language_of(request).text("inspect.image_failed", reason=reasons)
        return _inspect_page(
            request,
            user,
            uow,
            port=port,
            direction=direction,
            errors={"image": message},
            status=422,
        )
    repaired = "; ".join(
        f"{fix.line}/{fix.position} {fix.before}\u2192{fix.after}" for fix in reading.repaired
    )
    note = language_of(request).text(
        "inspect.image_read",
        confidence=f"{reading.confidence:.2f}",
        repaired=repaired or "-",
    )
    return _inspect_page(
        request, user, uow, mrz=reading.text, port=port, direction=direction, image_note=note
    )


def _card_page(
    request: Request,
    user: User,
    state: StateDep,
    uow: UowDep,
    inspection_id: int,
    *,
    values: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    now = state.now()
    record = inspection_record(
        uow.session,
        inspection_id,
        user,
        high_risk_threshold=state.policy.high_risk_threshold,
        now=now,
    )
    history = None
    if record["traveller"] is not None:
        history = traveller_history(
            uow.session, record["traveller"], user, purpose=f"inspection {inspection_id}", now=now
        )
    uow.commit()
    verdict = card(record, history)
    chosen = (values or {}).get("decision") or record.get("suggested_action") or "refer"
    return render(
        request,
        "inspection.html",
        user=user,
        status=status,
        card=verdict,
        actions=_ACTIONS,
        permits=sorted(state.policy.permits.rules),
        default_permit=DEFAULT_PERMIT,
        values=values or {},
        chosen=chosen,
        error=error,
        may_decide=can(user.role, Permission.DECIDE),
    )


@router.get("/inspections/{inspection_id}", response_class=Response)
def inspection_page(
    request: Request, inspection_id: RecordId, user: Reader, state: StateDep, uow: UowDep
) -> Response:
    """The verdict card: verdict first, then findings, hits, history, and the decision."""
    return _card_page(request, user, state, uow, inspection_id)


def _clearances(form: FormData) -> dict[int, str]:
    cleared: dict[int, str] = {}
    for key in form:
        if key.startswith("clear_") and key[6:].isdigit():
            reason = text_field(form, key, max_length=2000)
            if reason:
                cleared[int(key[6:])] = reason
    return cleared


@router.post("/inspections/{inspection_id}/decision", response_class=Response)
def make_decision(
    request: Request,
    inspection_id: RecordId,
    user: Inspector,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Admit, refer, refuse or detain with a reason; clearing a hit needs its own reason."""
    values = {key: str(value)[:2000] for key, value in form.items() if isinstance(value, str)}
    try:
        decision = text_field(form, "decision", max_length=8, required=True)
        if decision not in _ACTIONS:
            raise FormError("decision", "choose admit, refer, refuse or detain")
        reason = text_field(form, "reason", max_length=2000)
        permit = text_field(form, "permit_type", max_length=32) or None
        decide(
            uow,
            inspection_id,
            user,
            decision,
            reason,
            _clearances(form),
            state.now(),
            permit_type=permit,
            policy=state.policy,
        )
    except FormError as exc:
        return _card_page(
            request, user, state, uow, inspection_id, values=values, error=exc.message, status=422
        )
    except InspectionError as exc:
        uow.rollback()
        kind = kind_of(exc)
        status = 422 if kind is None else kind.status
        return _card_page(
            request, user, state, uow, inspection_id, values=values, error=str(exc), status=status
        )
    uow.commit()
    return RedirectResponse(f"/console/inspections/{inspection_id}#decision", status_code=303)
