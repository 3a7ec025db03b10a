"""``/api/v1/conveyances``: vehicles at land posts (checks, crossings, stolen-vehicle hits and
lists) and cargo (manifests, container selections, random controls, examinations, hit
rates). Officers and supervisors check vehicles and decide hits at their own port; admins
import stolen lists; analysts submit manifests and draw controls; officers record
examinations; auditors read."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from pydantic import BaseModel, Field

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
from borderpost.inspection.errors import Forbidden, Invalid
from borderpost.store.models import Port, User
from borderpost.store.models.conveyances import EXAM_OUTCOMES
from borderpost.vehicles import (
    check_vehicle,
    decide_hit,
    import_stolen_list,
    open_hits,
    record_crossing,
    vehicle_crossing,
)
from borderpost.vehicles.crossings import Occupant
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(prefix="/conveyances", tags=["conveyances"], responses=ERROR_RESPONSES)

Checker = Annotated[User, Depends(require(Permission.CHECK_VEHICLE))]
HitDecider = Annotated[User, Depends(require(Permission.DECIDE_VEHICLE_HIT))]
CrossingReader = Annotated[
    User, Depends(require(Permission.CHECK_VEHICLE, Permission.SEARCH_RECORDS))
]
ListManager = Annotated[User, Depends(require(Permission.MANAGE_LISTS))]
CargoSubmitter = Annotated[User, Depends(require(Permission.SUBMIT_CARGO))]
CargoReader = Annotated[User, Depends(require(Permission.READ_CARGO))]
Examiner = Annotated[User, Depends(require(Permission.EXAMINE_CARGO))]
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_UPLOAD = 20 * 1024 * 1024


def _port_code(uow: UowDep, user: User) -> str:
    port = uow.session.get(Port, user.port_id) if user.port_id is not None else None
    if port is None:
        raise Forbidden(f"{user.username} is not attached to a port")
    return port.code


def _upload(file: UploadFile) -> bytes:
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise Invalid(f"the file is larger than {MAX_UPLOAD} bytes")
    return data


# --- vehicles ---------------------------------------------------------------------------


@router.get("/vehicles/check", summary="Check a VIN, plate or engine number")
def vehicle_check(
    user: Checker,
    state: StateDep,
    uow: UowDep,
    vin: Annotated[str | None, Query(max_length=40, pattern=NO_NUL)] = None,
    plate: Annotated[str | None, Query(max_length=32, pattern=NO_NUL)] = None,
    country: Annotated[str | None, Query(max_length=3, pattern=NO_NUL)] = None,
    engine: Annotated[str | None, Query(max_length=40, pattern=NO_NUL)] = None,
) -> dict[str, Any]:
    """What the VIN and plate say (check digit, manufacturer, model years; layout and OCR
    corrections), stolen-list hits with reasons, and the vehicle's earlier crossings."""
    card = check_vehicle(
        uow.session,
        actor=user.username,
        now=state.now(),
        vin=vin,
        plate=plate,
        country=country,
        engine_number=engine,
    )
    uow.commit()
    return card


class OccupantIn(BaseModel):
    role: str = Field(pattern="^(driver|passenger)$", examples=["driver"])
    inspection_id: int | None = Field(None, ge=1, le=2**31 - 1)
    name: str | None = Field(None, max_length=200)
    birth_date: dt.date | None = None


class CrossingIn(BaseModel):
    direction: str = Field(pattern="^(entry|exit)$", examples=["exit"])
    plate: str = Field("", max_length=32, examples=["UT 1234-AB"])
    country: str | None = Field(None, max_length=3, examples=["UTO"])
    vin: str | None = Field(None, max_length=40, examples=["1G4AH59H45G118341"])
    engine_number: str | None = Field(None, max_length=40)
    make: str | None = Field(None, max_length=64)
    container: str | None = Field(None, max_length=20, examples=["CSQU3054383"])
    occupants: list[OccupantIn] = Field(default_factory=list, max_length=80)
    finding: str | None = Field(None, max_length=2000)


@router.post("/vehicles/crossings", summary="Record a vehicle crossing at one's port")
def crossing_create(
    body: CrossingIn, user: Checker, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """The vehicle, its driver and passengers (linked to their inspections) and the
    stolen-list hits it met, stored as open hits for an officer to decide."""
    result = record_crossing(
        uow.session,
        officer=user.username,
        port=_port_code(uow, user),
        direction=body.direction,
        now=state.now(),
        plate=body.plate,
        country=body.country,
        vin=body.vin,
        engine_number=body.engine_number,
        make=body.make,
        container=body.container,
        occupants=[Occupant(o.role, o.inspection_id, o.name, o.birth_date) for o in body.occupants],
        finding=body.finding,
    )
    uow.commit()
    return result


@router.get("/vehicles/crossings/{crossing_id}", summary="A vehicle crossing (audited)")
def crossing_read(
    crossing_id: Id, user: CrossingReader, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """The crossing with its vehicle, occupants and hits. Officers read their own port's."""
    result = vehicle_crossing(uow.session, crossing_id)
    if not can(user.role, Permission.SEARCH_RECORDS) and result["port_id"] != user.port_id:
        raise Forbidden(f"{user.username} may read vehicle crossings of their own port only")
    audit.append(
        uow.session,
        actor=user.username,
        action="vehicle_crossing.read",
        subject_type="vehicle_crossing",
        subject_id=crossing_id,
        at=state.now(),
    )
    uow.commit()
    return result


@router.get("/vehicles/hits", summary="Open stolen-vehicle hits at one's port")
def hits_open(user: HitDecider, uow: UowDep) -> dict[str, Any]:
    """Hits waiting for an officer's decision, newest first."""
    return {"hits": open_hits(uow.session, port=_port_code(uow, user))}


class DecisionIn(BaseModel):
    confirm: bool = Field(examples=[True])
    reason: str = Field(min_length=1, max_length=2000, examples=["VIN and engine match"])


@router.post("/vehicles/hits/{hit_id}", summary="Confirm or dismiss a stolen-vehicle hit")
def hit_decide(
    hit_id: Id, body: DecisionIn, user: HitDecider, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """A person's decision on a hit, once, with a reason (audited)."""
    result = decide_hit(
        uow.session,
        hit_id=hit_id,
        actor=user.username,
        confirm=body.confirm,
        reason=body.reason,
        now=state.now(),
    )
    uow.commit()
    return result


@router.post("/stolen-vehicles", summary="Import a stolen-vehicle list (CSV)")
def stolen_import(
    file: Annotated[UploadFile, File(description="CSV with a vin or engine number column.")],
    user: ListManager,
    state: StateDep,
    uow: UowDep,
    list_name: Annotated[str, Form(min_length=1, max_length=200, pattern=NO_NUL)] = "national",
) -> dict[str, Any]:
    """The list becomes the file's content; vehicles no longer listed are withdrawn."""
    summary = import_stolen_list(
        uow.session, _upload(file), list_name=list_name, actor=user.username, now=state.now()
    )
    uow.commit()
    return summary.to_dict()


# --- cargo ------------------------------------------------------------------------------


@router.post("/cargo/manifests", summary="Submit a cargo manifest (CUSCAR or CSV)")
def cargo_submit(
    file: Annotated[UploadFile, File(description="UN/EDIFACT CUSCAR, or CSV.")],
    user: CargoSubmitter,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """Every container assessed against the risk indicators with the records' history."""
    stored = receive_manifest(
        uow.session, _upload(file), user_id=user.id, actor=user.username, now=state.now()
    )
    uow.commit()
    return {"manifests": stored}


@router.get("/cargo/manifests", summary="Cargo manifests received")
def cargo_list(
    user: CargoReader, uow: UowDep, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> dict[str, Any]:
    return {"manifests": manifests(uow.session, limit=limit)}


@router.get("/cargo/manifests/{manifest_id}", summary="A cargo manifest and its selections")
def cargo_manifest(
    manifest_id: Id, user: CargoReader, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """Consignments, containers with score, reasons, selection, control draw, examination
    (audited: the parties are named)."""
    view = manifest_view(uow.session, manifest_id)
    audit.append(
        uow.session,
        actor=user.username,
        action="cargo_manifest.read",
        subject_type="cargo_manifest",
        subject_id=manifest_id,
        at=state.now(),
    )
    uow.commit()
    return view


class ControlsIn(BaseModel):
    rate: float = Field(gt=0, le=0.5, examples=[0.02])


@router.post("/cargo/manifests/{manifest_id}/controls", summary="Draw random controls")
def cargo_controls(
    manifest_id: Id, body: ControlsIn, user: CargoSubmitter, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """Mark a random share of the manifest's containers for control examination."""
    drawn = draw_controls(
        uow.session, manifest_id=manifest_id, rate=body.rate, actor=user.username, now=state.now()
    )
    uow.commit()
    return {"drawn": drawn}


class ExaminationIn(BaseModel):
    outcome: str = Field(examples=["nothing_found"], description=", ".join(EXAM_OUTCOMES))
    finding: str | None = Field(None, max_length=4000)


@router.post("/cargo/containers/{container_id}/examination", summary="Record an examination")
def cargo_examine(
    container_id: Id, body: ExaminationIn, user: Examiner, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """What opening the container found (once per container)."""
    result = record_examination(
        uow.session,
        container_id=container_id,
        outcome=body.outcome,
        finding=body.finding,
        user_id=user.id,
        actor=user.username,
        now=state.now(),
    )
    uow.commit()
    return result


@router.get("/cargo/statistics", summary="Targeted against random hit rates")
def cargo_statistics(
    user: CargoReader,
    uow: UowDep,
    manifest_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> dict[str, Any]:
    """Hit rates of examined selected containers and of random controls, and the lift."""
    return examination_statistics(uow.session, manifest_id=manifest_id)
