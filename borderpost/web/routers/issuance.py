"""Passport issuance: applications with evidence of identity, the checker's decision, the
adjudication queue for duplicate identities, the blank-booklet stock ledger, the civil registry
list and insider signals. Issuance officers take applications; issuance supervisors decide
others' applications, adjudicate and keep the stock; auditors read and see insider signals."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile
from pydantic import BaseModel, Field

from borderpost.identity.roles import Permission
from borderpost.issuance.adjudication import VERDICTS, adjudicate, queue
from borderpost.issuance.applications import (
    KINDS,
    ApplicationInput,
    add_evidence,
    check_identity,
    create_application,
)
from borderpost.issuance.decisions import collect, decide, override_alert, submit
from borderpost.issuance.errors import IssuanceInvalid
from borderpost.issuance.insider import officer_signals
from borderpost.issuance.ledger import TRANSITIONS
from borderpost.issuance.photos import MAX_PHOTO_BYTES, enrol_photo, read_photo
from borderpost.issuance.registry import RegistryError, parse_registry_csv
from borderpost.issuance.registry_store import import_registry
from borderpost.issuance.rules import default_rules
from borderpost.issuance.stock import balance, booklets, move, receive, reconcile, serial_range
from borderpost.issuance.views import application_view, list_applications
from borderpost.store.models import User
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/issuance", tags=["issuance"], responses=ERROR_RESPONSES)

Enroller = Annotated[User, Depends(require(Permission.ENROL))]
Reader = Annotated[User, Depends(require(Permission.READ_APPLICATION))]
Approver = Annotated[User, Depends(require(Permission.APPROVE_ISSUANCE))]
Adjudicator = Annotated[User, Depends(require(Permission.ADJUDICATE))]
StockReader = Annotated[User, Depends(require(Permission.READ_STOCK))]
StockKeeper = Annotated[User, Depends(require(Permission.MANAGE_STOCK))]
Auditor = Annotated[User, Depends(require(Permission.READ_INSIDER_SIGNALS))]
Registrar = Annotated[User, Depends(require(Permission.MANAGE_REGISTRY))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_REGISTRY = 50 * 1024 * 1024


class ApplicationIn(BaseModel):
    """The identity the applicant claims."""

    kind: str = Field(examples=["first"], description=", ".join(KINDS))
    surname: str = Field(min_length=1, max_length=200, examples=["PETROV"])
    given_names: str = Field(default="", max_length=200, examples=["IVAN"])
    sex: str = Field(min_length=1, max_length=1, examples=["M"])
    birth_date: dt.date = Field(examples=["1985-03-14"])
    nationality: str = Field(min_length=2, max_length=64, examples=["UTO"])
    office: str = Field(min_length=1, max_length=64, examples=["CAPITAL"])
    national_id: str | None = Field(default=None, max_length=64, examples=["850314-1234"])
    national_id_issued_on: dt.date | None = None
    birth_place: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=64)
    guarantor: str | None = Field(default=None, max_length=200)
    loss_reported_on: dt.date | None = None
    vip: bool = False


class EvidenceIn(BaseModel):
    kind: str = Field(min_length=1, max_length=40, examples=["birth_certificate"])
    issuer: str = Field(min_length=1, max_length=200, examples=["Civil registry, Capital"])
    number: str = Field(min_length=1, max_length=100, examples=["BC-1985-77812"])
    result: str = Field(examples=["verified"], description="verified, not_verified, ...")
    note: str | None = Field(default=None, max_length=2000)


class CheckIn(BaseModel):
    matches: bool
    method: str = Field(min_length=1, max_length=500, examples=["photo against ID card"])


class DecisionIn(BaseModel):
    approve: bool
    reason: str = Field(min_length=1, max_length=2000)


class ReasonIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class AdjudicationIn(BaseModel):
    verdict: str = Field(examples=["different_person"], description=", ".join(VERDICTS))
    reason: str = Field(min_length=1, max_length=2000)


class CollectIn(BaseModel):
    matches: bool
    method: str = Field(min_length=1, max_length=500)
    serial: str | None = Field(default=None, max_length=32)


class ReceiptIn(BaseModel):
    country: str = Field(min_length=2, max_length=64, examples=["UTO"])
    batch: str = Field(min_length=1, max_length=64, examples=["2026-11 delivery"])
    prefix: str = Field(min_length=0, max_length=8, pattern=r"^[A-Za-z]*$", examples=["UT"])
    first: int = Field(ge=0, le=10**7)
    count: int = Field(ge=1, le=100_000)
    document_type: str = Field(default="passport", max_length=32)


class MoveIn(BaseModel):
    event: str = Field(description=", ".join(TRANSITIONS))
    location: str | None = Field(default=None, max_length=64)
    witness: str | None = Field(default=None, max_length=128)
    reason: str | None = Field(default=None, max_length=2000)
    country: str | None = Field(default=None, max_length=64)


class CountIn(BaseModel):
    location: str = Field(min_length=1, max_length=64, examples=["CAPITAL"])
    present: list[str] = Field(max_length=100_000)


@router.post("/applications", summary="Take a passport application")
def apply(body: ApplicationIn, user: Enroller, state: StateDep, uow: UowDep) -> dict[str, Any]:
    row = create_application(
        uow.session, officer=user, data=ApplicationInput(**body.model_dump()), now=state.now()
    )
    uow.commit()
    return {"id": row.id, "status": row.status}


@router.get("/applications", summary="Recent applications (audited)")
def applications(
    user: Reader,
    state: StateDep,
    uow: UowDep,
    status: Annotated[str | None, Query(max_length=24)] = None,
) -> dict[str, Any]:
    rows = list_applications(uow.session, actor=user, now=state.now(), status=status)
    uow.commit()
    return {"applications": rows}


@router.get("/applications/{application_id}", summary="One application in full (audited)")
def application(
    application_id: RecordId, user: Reader, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    view = application_view(uow.session, application_id, actor=user, now=state.now())
    uow.commit()
    return view


@router.post("/applications/{application_id}/evidence", summary="Record verified evidence")
def evidence(
    application_id: RecordId, body: EvidenceIn, user: Enroller, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    row = add_evidence(
        uow.session, application_id, actor=user, now=state.now(), **body.model_dump()
    )
    uow.commit()
    return {"id": row.id, "kind": row.kind, "result": row.result}


@router.post("/applications/{application_id}/photo", summary="Enrol the applicant's photo")
def photo_enrol(
    application_id: RecordId,
    file: Annotated[UploadFile, File(description="JPEG, PNG or JPEG 2000 with one face")],
    user: Enroller,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """The photo is checked (readable, exactly one face) and stored with its face template,
    which the 1:N duplicate search at submission compares with every earlier applicant's."""
    data = file.file.read(MAX_PHOTO_BYTES + 1)
    result = enrol_photo(uow.session, application_id, actor=user, photo=data, now=state.now())
    uow.commit()
    return result


_IMAGE_TYPES = (
    (b"\xff\xd8", "image/jpeg"),
    (b"\x89PNG", "image/png"),
    (b"\x00\x00\x00\x0cjP", "image/jp2"),
    (b"\xff\x4f\xff\x51", "image/jp2"),
)


@router.get(
    "/applications/{application_id}/photo",
    summary="The enrolment photo (audited)",
    response_class=Response,
)
def photo_read(
    application_id: RecordId,
    purpose: Annotated[str, Query(min_length=1, max_length=500)],
    user: Reader,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """The photo as enrolled; ``purpose`` (why it is read) is recorded in the audit log."""
    data = read_photo(uow.session, application_id, actor=user, purpose=purpose, now=state.now())
    uow.commit()
    media = next((kind for magic, kind in _IMAGE_TYPES if data.startswith(magic)), None)
    return Response(content=data, media_type=media or "application/octet-stream")


@router.post("/applications/{application_id}/identity-check", summary="Identity at enrolment")
def identity_check(
    application_id: RecordId, body: CheckIn, user: Enroller, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    row = check_identity(
        uow.session,
        application_id,
        actor=user,
        method=body.method,
        matches=body.matches,
        now=state.now(),
    )
    uow.commit()
    return {"id": row.id, "enrolment_check": row.enrolment_check}


@router.post("/applications/{application_id}/submit", summary="Run integrity rules, 1:N search")
def submit_application(
    application_id: RecordId, user: Enroller, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    result = submit(
        uow.session,
        application_id,
        actor=user,
        book=default_rules(),
        screener=state.screeners.get(),
        now=state.now(),
    )
    uow.commit()
    return result


@router.post("/alerts/{alert_id}/override", summary="Override an integrity alert with a reason")
def override(
    alert_id: RecordId, body: ReasonIn, user: Approver, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    alert = override_alert(uow.session, alert_id, actor=user, reason=body.reason, now=state.now())
    uow.commit()
    return {"id": alert.id, "rule": alert.rule, "overridden_by": alert.overridden_by}


@router.post("/applications/{application_id}/decision", summary="Approve or reject (checker)")
def decision(
    application_id: RecordId, body: DecisionIn, user: Approver, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    row = decide(
        uow.session,
        application_id,
        actor=user,
        approve=body.approve,
        reason=body.reason,
        book=default_rules(),
        now=state.now(),
    )
    uow.commit()
    return {"id": row.id, "status": row.status, "validity_years": row.validity_years}


@router.post("/applications/{application_id}/collect", summary="Identity check and hand-over")
def collection(
    application_id: RecordId, body: CollectIn, user: Enroller, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    row = collect(
        uow.session,
        application_id,
        actor=user,
        matches=body.matches,
        method=body.method,
        serial=body.serial,
        now=state.now(),
    )
    uow.commit()
    return {"id": row.id, "status": row.status, "passport_number": row.passport_number}


@router.get("/adjudication", summary="Open duplicate-identity candidates")
def adjudication_queue(user: Adjudicator, state: StateDep, uow: UowDep) -> dict[str, Any]:
    found = queue(uow.session, actor=user, now=state.now())
    uow.commit()
    return {"candidates": found}


@router.post("/adjudication/{candidate_id}", summary="Decide a candidate with a reason")
def adjudication_decide(
    candidate_id: RecordId, body: AdjudicationIn, user: Adjudicator, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    row = adjudicate(
        uow.session,
        candidate_id,
        actor=user,
        verdict=body.verdict,
        reason=body.reason,
        now=state.now(),
    )
    uow.commit()
    return {"id": row.id, "status": row.status, "decided_by": row.decided_by}


@router.get("/stock", summary="The booklet ledger's balance and booklets")
def stock(
    user: StockReader,
    uow: UowDep,
    state_filter: Annotated[str | None, Query(alias="state", max_length=16)] = None,
) -> dict[str, Any]:
    return {
        "balance": balance(uow.session).to_dict(),
        "booklets": booklets(uow.session, state=state_filter),
    }


@router.post("/stock/receipts", summary="Receive a range of blank booklets into the safe")
def stock_receive(
    body: ReceiptIn, user: StockKeeper, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    found = receive(
        uow.session,
        serial_range(body.prefix, body.first, body.count),
        actor=user,
        country=body.country,
        batch=body.batch,
        document_type=body.document_type,
        now=state.now(),
    )
    uow.commit()
    return {"balance": found.to_dict()}


@router.post("/stock/booklets/{serial}", summary="Move one booklet (dispatch, spoil, ...)")
def stock_move(
    serial: Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9]+$")],
    body: MoveIn,
    user: StockKeeper,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    if body.event == "personalise":
        raise IssuanceInvalid("booklets are personalised by collecting an approved application")
    row = move(
        uow.session,
        serial,
        body.event,
        actor=user,
        now=state.now(),
        location=body.location,
        witness=body.witness,
        reason=body.reason,
        country=body.country,
    )
    uow.commit()
    if body.event == "missing":
        state.screeners.invalidate()  # the border screens against the new stolen blank
    return {"serial": row.serial, "state": row.state, "lost_stolen_id": row.lost_stolen_id}


@router.post("/stock/counts", summary="A stock count: uncounted booklets are reported missing")
def stock_count(body: CountIn, user: StockKeeper, state: StateDep, uow: UowDep) -> dict[str, Any]:
    missing = reconcile(uow.session, body.location, body.present, actor=user, now=state.now())
    uow.commit()
    if missing:
        state.screeners.invalidate()
    return {"missing": missing, "balance": balance(uow.session).to_dict()}


@router.post("/registry", summary="Replace the civil registry reference list (CSV)")
def registry_import(
    file: Annotated[UploadFile, File(description="national_id,surname,given_names,...")],
    user: Registrar,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    data = file.file.read(MAX_REGISTRY + 1)
    if len(data) > MAX_REGISTRY:
        raise IssuanceInvalid(f"the file is larger than {MAX_REGISTRY} bytes")
    try:
        parsed = parse_registry_csv(data, file_name=file.filename or "registry.csv")
    except RegistryError as exc:
        raise IssuanceInvalid(str(exc)) from None
    summary = import_registry(uow.session, parsed, actor=user, now=state.now())
    uow.commit()
    return summary.to_dict()


@router.get("/signals", summary="Insider signals on issuance staff, with their figures")
def signals(user: Auditor, state: StateDep, uow: UowDep) -> dict[str, Any]:
    found = officer_signals(uow.session, actor=user, book=default_rules(), now=state.now())
    uow.commit()
    return {"signals": [signal.to_dict() for signal in found]}


@router.get("/rules", summary="The integrity rules, as configured")
def rules(user: Reader) -> dict[str, Any]:
    return {"rules": [rule.to_dict() for rule in default_rules().rules.values()]}
