"""Vehicles and cargo in the console: check a VIN or plate and record a vehicle crossing, the
stolen-vehicle hits waiting at one's port (a person confirms or dismisses each), cargo
manifests with their container selections, random controls and examination results.

The pages call the same services as ``/api/v1/conveyances`` (:mod:`borderpost.vehicles`,
:mod:`borderpost.cargo`); nothing is decided or computed here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from borderpost import audit
from borderpost.cargo import (
    draw_controls,
    examination_statistics,
    manifest_view,
    manifests,
    receive_manifest,
    record_examination,
)
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import InspectionError, Invalid
from borderpost.store.models import CargoContainer, Port, User
from borderpost.store.models.conveyances import EXAM_OUTCOMES
from borderpost.vehicles import check_vehicle, decide_hit, open_hits, record_crossing
from borderpost.vehicles.crossings import Occupant
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, int_field, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console", include_in_schema=False)

Checker = Annotated[User, Depends(page("vehicles"))]
HitDecider = Annotated[User, Depends(page("vehicle_hits"))]
CargoLister = Annotated[User, Depends(page("cargo"))]
CargoReader = Annotated[User, Depends(page("cargo_manifest"))]
CargoUploader = Annotated[User, Depends(page("cargo_upload"))]
Examiner = Annotated[User, Depends(page("cargo_examine"))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_UPLOAD = 20 * 1024 * 1024
_CHECK_FIELDS = ("vin", "plate", "country", "engine")
_CROSSING_FIELDS = (
    "direction",
    "plate",
    "country",
    "vin",
    "engine",
    "make",
    "container",
    "driver_inspection",
    "driver_name",
    "passengers",
    "finding",
)


def _status(exc: Exception) -> int:
    kind = kind_of(exc)
    return 422 if kind is None else kind.status


def _port_code(uow: UowDep, user: User) -> str:
    port = uow.session.get(Port, user.port_id) if user.port_id is not None else None
    if port is None:
        raise Invalid(f"{user.username} is not attached to a port")
    return port.code


# --- vehicles ---------------------------------------------------------------------------


def _vehicles_page(
    request: Request,
    user: User,
    *,
    card: dict[str, Any] | None = None,
    crossing: dict[str, Any] | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "vehicles.html",
        user=user,
        status=status,
        card=card,
        crossing=crossing,
        values=values or {},
        errors=errors or {},
    )


@router.get("/vehicles", response_class=Response)
def vehicles(
    request: Request,
    user: Checker,
    state: StateDep,
    uow: UowDep,
    vin: Annotated[str | None, Query(max_length=40)] = None,
    plate: Annotated[str | None, Query(max_length=32)] = None,
    country: Annotated[str | None, Query(max_length=3)] = None,
    engine: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """The check form; with a VIN, plate or engine number, what they say and any hits."""
    values = {k: v for k, v in zip(_CHECK_FIELDS, (vin, plate, country, engine), strict=True) if v}
    if not values:
        return _vehicles_page(request, user)
    try:
        card = check_vehicle(
            uow.session,
            actor=user.username,
            now=state.now(),
            vin=vin,
            plate=plate,
            country=country,
            engine_number=engine,
        )
    except InspectionError as exc:
        return _vehicles_page(
            request, user, values=values, errors={"check": str(exc)}, status=_status(exc)
        )
    uow.commit()
    return _vehicles_page(request, user, card=card, values=values)


def _occupants(form: FormData) -> list[Occupant]:
    out: list[Occupant] = []
    inspection = int_field(
        text_field(form, "driver_inspection", max_length=12), "driver_inspection"
    )
    driver = text_field(form, "driver_name", max_length=200)
    if inspection is not None or driver:
        out.append(Occupant("driver", inspection_id=inspection, name=driver or None))
    for line in text_field(form, "passengers", max_length=4000).splitlines():
        text = line.strip()
        if not text:
            continue
        number = int_field(text, "passengers") if text.isdigit() else None
        out.append(Occupant("passenger", inspection_id=number, name=None if number else text))
    return out


@router.post("/vehicles/crossings", response_class=Response)
def crossing(
    request: Request, user: Checker, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Record a vehicle crossing at the officer's port, with its occupants; show its hits."""
    values = {name: str(form.get(name, ""))[:4000] for name in _CROSSING_FIELDS}
    try:
        result = record_crossing(
            uow.session,
            officer=user.username,
            port=_port_code(uow, user),
            direction=text_field(form, "direction", max_length=10),
            now=state.now(),
            plate=text_field(form, "plate", max_length=32),
            country=text_field(form, "country", max_length=3) or None,
            vin=text_field(form, "vin", max_length=40) or None,
            engine_number=text_field(form, "engine", max_length=40) or None,
            make=text_field(form, "make", max_length=64) or None,
            container=text_field(form, "container", max_length=20) or None,
            occupants=_occupants(form),
            finding=text_field(form, "finding", max_length=2000) or None,
        )
    except FormError as exc:
        return _vehicles_page(
            request, user, values=values, errors={exc.field: exc.message}, status=422
        )
    except InspectionError as exc:
        uow.rollback()
        return _vehicles_page(
            request, user, values=values, errors={"crossing": str(exc)}, status=_status(exc)
        )
    uow.commit()
    return _vehicles_page(request, user, crossing=result)


def _hits_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    error: str | None = None,
    done: str | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "vehicle_hits.html",
        user=user,
        status=status,
        hits=open_hits(uow.session, port=_port_code(uow, user)),
        error=error,
        done=done,
    )


@router.get("/vehicles/hits", response_class=Response)
def vehicle_hits(
    request: Request,
    user: HitDecider,
    uow: UowDep,
    done: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """Stolen-vehicle hits at the user's port waiting for a person's decision."""
    return _hits_page(request, user, uow, done=done)


@router.post("/vehicles/hits/{hit_id}", response_class=Response)
def vehicle_hit(
    request: Request,
    hit_id: RecordId,
    user: HitDecider,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Confirm or dismiss one hit, with a reason."""
    try:
        decision = text_field(form, "decision", max_length=10)
        if decision not in ("confirm", "dismiss"):
            raise FormError("decision", "choose confirm or dismiss")
        result = decide_hit(
            uow.session,
            hit_id=hit_id,
            actor=user.username,
            confirm=decision == "confirm",
            reason=text_field(form, "reason", max_length=2000, required=True),
            now=state.now(),
        )
    except FormError as exc:
        return _hits_page(request, user, uow, error=f"#{hit_id}: {exc.message}", status=422)
    except InspectionError as exc:
        uow.rollback()
        return _hits_page(request, user, uow, error=f"#{hit_id}: {exc}", status=_status(exc))
    uow.commit()
    return RedirectResponse(
        f"/console/vehicles/hits?done={result['id']}+{result['status']}", status_code=303
    )


# --- cargo ------------------------------------------------------------------------------


def _cargo_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "cargo.html",
        user=user,
        status=status,
        manifests=manifests(uow.session),
        statistics=examination_statistics(uow.session),
        may_upload=can(user.role, Permission.SUBMIT_CARGO),
        errors=errors or {},
    )


@router.get("/cargo", response_class=Response)
def cargo(request: Request, user: CargoLister, uow: UowDep) -> Response:
    """Manifests received, the targeted-against-random hit rates, and the upload form."""
    return _cargo_page(request, user, uow)


@router.post("/cargo", response_class=Response)
def cargo_upload(
    request: Request, user: CargoUploader, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Assess and store the file's manifests; show the first."""
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise FormError("file", "choose a CUSCAR or CSV file to submit")
        data = upload.file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise FormError("file", f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB")
        stored = receive_manifest(
            uow.session, data, user_id=user.id, actor=user.username, now=state.now()
        )
    except FormError as exc:
        return _cargo_page(request, user, uow, errors={exc.field: exc.message}, status=422)
    except InspectionError as exc:
        uow.rollback()
        return _cargo_page(request, user, uow, errors={"file": str(exc)}, status=_status(exc))
    uow.commit()
    return RedirectResponse(f"/console/cargo/{stored[0]['id']}", status_code=303)


def _manifest_page(
    request: Request,
    user: User,
    uow: UowDep,
    manifest_id: int,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    view = manifest_view(uow.session, manifest_id)
    return render(
        request,
        "cargo_manifest.html",
        user=user,
        status=status,
        manifest=view,
        statistics=examination_statistics(uow.session, manifest_id=manifest_id),
        outcomes=EXAM_OUTCOMES,
        may_examine=can(user.role, Permission.EXAMINE_CARGO),
        may_draw=can(user.role, Permission.SUBMIT_CARGO),
        error=error,
    )


@router.get("/cargo/{manifest_id}", response_class=Response)
def cargo_manifest(
    request: Request, manifest_id: RecordId, user: CargoReader, state: StateDep, uow: UowDep
) -> Response:
    """A manifest: every container with its reasons, controls, examinations (audited)."""
    response = _manifest_page(request, user, uow, manifest_id)
    audit.append(
        uow.session,
        actor=user.username,
        action="cargo_manifest.read",
        subject_type="cargo_manifest",
        subject_id=manifest_id,
        at=state.now(),
    )
    uow.commit()
    return response


@router.post("/cargo/{manifest_id}/controls", response_class=Response)
def cargo_controls(
    request: Request,
    manifest_id: RecordId,
    user: CargoUploader,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Draw a random share (in percent) of the manifest's containers for control."""
    try:
        percent = int_field(text_field(form, "percent", max_length=3), "percent", low=1, high=50)
        if percent is None:
            raise FormError("percent", "give a percentage from 1 to 50")
        draw_controls(
            uow.session,
            manifest_id=manifest_id,
            rate=percent / 100,
            actor=user.username,
            now=state.now(),
        )
    except FormError as exc:
        return _manifest_page(request, user, uow, manifest_id, error=exc.message, status=422)
    except InspectionError as exc:
        uow.rollback()
        return _manifest_page(request, user, uow, manifest_id, error=str(exc), status=_status(exc))
    uow.commit()
    return RedirectResponse(f"/console/cargo/{manifest_id}", status_code=303)


@router.post("/cargo/{manifest_id}/containers/{container_id}", response_class=Response)
def cargo_examination(
    request: Request,
    manifest_id: RecordId,
    container_id: RecordId,
    user: Examiner,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Record what examining one container found."""
    try:
        box = uow.session.get(CargoContainer, container_id)
        if box is None or box.manifest_id != manifest_id:
            raise Invalid(f"container record {container_id} is not on manifest {manifest_id}")
        record_examination(
            uow.session,
            container_id=container_id,
            outcome=text_field(form, "outcome", max_length=16),
            finding=text_field(form, "finding", max_length=4000) or None,
            user_id=user.id,
            actor=user.username,
            now=state.now(),
        )
    except FormError as exc:
        return _manifest_page(request, user, uow, manifest_id, error=exc.message, status=422)
    except InspectionError as exc:
        uow.rollback()
        return _manifest_page(request, user, uow, manifest_id, error=str(exc), status=_status(exc))
    uow.commit()
    return RedirectResponse(f"/console/cargo/{manifest_id}#c{container_id}", status_code=303)
