"""Inspections, decisions and supervisors' approvals.

Routes stay thin: :mod:`borderpost.inspection` runs the workflow (and checks the port),
:mod:`borderpost.records` reads stored inspections and the approval queue.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Response, UploadFile
from pydantic import BaseModel, Field, field_validator, model_validator

from borderpost.documents import DocumentFields
from borderpost.identity.roles import Permission
from borderpost.inspection import ChipData, InspectionResult, approve, decide, inspect, reject
from borderpost.inspection.errors import Invalid
from borderpost.inspection.fingers import FingerprintProbe
from borderpost.inspection.live_faces import read_live_capture
from borderpost.inspection.result import chip_json
from borderpost.records import inspection_record, pending_approvals
from borderpost.store.models import User
from borderpost.watchlists.fingerprints import MAX_FINGERPRINT_BYTES
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["inspections"], responses=ERROR_RESPONSES)

Inspector = Annotated[User, Depends(require(Permission.INSPECT))]
Decider = Annotated[User, Depends(require(Permission.DECIDE))]
Approver = Annotated[User, Depends(require(Permission.APPROVE))]
Reader = Annotated[User, Depends(require(Permission.READ_TRAVELLER))]
ReferralHandler = Annotated[User, Depends(require(Permission.HANDLE_REFERRAL))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _text(max_length: int, description: str, **extra: Any) -> Any:
    return Field(max_length=max_length, pattern=NO_NUL, description=description, **extra)


class TypedDocument(BaseModel):
    """A document's fields typed in by the officer: no MRZ, or one that cannot be read.

    Checked as an MRZ's fields are, without check digits; the result carries the
    ``entered_by_hand`` finding and no MRZ is stored.
    """

    document_code: str = _text(2, "P passport, V visa, A/C/I identity card.", examples=["P"])
    document_number: str = _text(32, "As printed.", examples=["L898902C3"])
    issuing_state: str = _text(3, "ICAO code of the issuing State.", examples=["UTO"])
    surname: str = _text(200, "Primary identifier, as printed.", examples=["Eriksson"])
    given_names: str = _text(200, "Secondary identifier (may be empty).", default="")
    nationality: str = _text(3, "ICAO code of the holder's nationality.", examples=["UTO"])
    birth_date: dt.date
    sex: str = _text(1, "M, F, X, or empty for unspecified.", default="")
    expiry_date: dt.date
    personal_number: str = _text(32, "Personal number, if any.", default="")

    def to_fields(self) -> DocumentFields:
        """The domain value (the service does every check)."""
        return DocumentFields(**self.model_dump())


#: Base64 of the largest chip file accepted (512 kB: DG2 face images run to ~100 kB).
_B64_MAX = 4 * (512 * 1024 // 3 + 1)


#: Base64 of the largest live capture accepted (8 MB).
_B64_FACE_MAX = 4 * (8 * 1024 * 1024 // 3 + 1)


#: Base64 of the largest fingerprint accepted (4 MB).
_B64_FINGER_MAX = 4 * (MAX_FINGERPRINT_BYTES // 3 + 1)


def _decode(value: str, what: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{what} is not base64") from None


class ChipInput(BaseModel):
    """What was read from the document's chip: EF.SOD and data groups, base64."""

    sod: str = Field(
        min_length=4,
        max_length=_B64_MAX,
        description="EF.SOD as read (base64).",
        examples=["dzCC..."],
    )
    data_groups: dict[Annotated[str, Field(pattern=r"^([1-9]|1[0-6])$")], str] = Field(
        default_factory=dict,
        max_length=16,
        description='Data groups by number, base64: {"1": "YV1fH1...", "15": "..."}.',
    )

    @field_validator("sod")
    @classmethod
    def _sod_base64(cls, value: str) -> str:
        _decode(value, "sod")
        return value

    @field_validator("data_groups")
    @classmethod
    def _groups_base64(cls, value: dict[str, str]) -> dict[str, str]:
        for number, data in value.items():
            if len(data) > _B64_MAX:
                raise ValueError(f"data group {number} is larger than 512 kB")
            _decode(data, f"data group {number}")
        return value

    def to_chip(self) -> ChipData:
        return ChipData(
            sod=_decode(self.sod, "sod"),
            data_groups={
                int(n): _decode(v, f"data group {n}") for n, v in self.data_groups.items()
            },
        )


class FingerprintIn(BaseModel):
    """One finger from the booth's scanner: an image or an ISO/IEC 19794-2 template."""

    finger: int = Field(
        ge=1,
        le=10,
        description="ISO/ANSI finger position: 1 right thumb, "
        "2 right index ... 6 left thumb ... 10 left little.",
    )
    image: str | None = Field(
        default=None,
        min_length=4,
        max_length=_B64_FINGER_MAX,
        description="The print (PNG, TIFF, BMP, JPEG or JPEG 2000 at 500 ppi; base64).",
    )
    template: str | None = Field(
        default=None,
        min_length=4,
        max_length=_B64_FINGER_MAX,
        description="An ISO/IEC 19794-2:2005 finger minutiae record (base64).",
    )

    @model_validator(mode="after")
    def _one_of(self) -> FingerprintIn:
        if (self.image is None) == (self.template is None):
            raise ValueError("give the print as image or as template, exactly one of them")
        _decode(self.image or self.template or "", f"fingerprint {self.finger}")
        return self

    def to_probe(self) -> FingerprintProbe:
        data = self.image or self.template or ""
        return FingerprintProbe(self.finger, _decode(data, f"fingerprint {self.finger}"))


class InspectionRequest(BaseModel):
    """A traveller presenting a document at a port: ``mrz`` or ``fields``, exactly one."""

    mrz: str | None = Field(
        default=None,
        min_length=1,
        max_length=400,
        pattern=NO_NUL,
        description="The MRZ lines, newline-separated.",
    )
    fields: TypedDocument | None = Field(
        default=None, description="The document's fields typed in, when there is no MRZ."
    )
    port: str = Field(
        min_length=1, max_length=16, pattern=NO_NUL, description="The port's code, e.g. LHR."
    )
    direction: Literal["entry", "exit"]
    chip: ChipInput | None = Field(
        default=None,
        description="The chip's EF.SOD and data groups, when read: passive authentication "
        "against the trust store, shown beside the MRZ verdict.",
    )
    live_face: str | None = Field(
        default=None,
        min_length=4,
        max_length=_B64_FACE_MAX,
        description="A camera image of the traveller (JPEG, PNG or JPEG 2000, base64), "
        "compared 1:1 with the chip portrait (DG2). A mismatch suggests referral to an "
        "officer, never a refusal.",
    )

    fingerprints: list[FingerprintIn] = Field(
        default_factory=list,
        max_length=10,
        description="Where the booth has a scanner: prints searched 1:N over the lookout "
        "fingerprints (bozorth3 score at least BORDERPOST_FINGER_MATCH_THRESHOLD). A match "
        "is a candidate that suggests referral, never refusal. The prints are not kept.",
    )

    @field_validator("live_face")
    @classmethod
    def _face_base64(cls, value: str | None) -> str | None:
        if value is not None:
            _decode(value, "live_face")
        return value


class Clearance(BaseModel):
    """A hit cleared as a false match, with the reason."""

    hit_id: int = Field(ge=1, le=2**31 - 1)
    reason: str = Field(max_length=2000, pattern=NO_NUL)


class DecisionRequest(BaseModel):
    """The officer's call on an inspection."""

    decision: Literal["admit", "refer", "refuse", "detain"]
    reason: str = Field(max_length=2000, pattern=NO_NUL)
    cleared_hits: list[Clearance] = Field(default_factory=list, max_length=100)
    permit_type: str | None = Field(
        default=None,
        max_length=32,
        pattern=NO_NUL,
        description="Permit of an admitted entry (default visitor).",
    )


class ReviewRequest(BaseModel):
    """A supervisor's review of a pending decision (a reason is needed to reject)."""

    outcome: Literal["approve", "reject"]
    reason: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)


def inspection_json(result: InspectionResult) -> dict[str, Any]:
    """The answer to ``POST /inspections``: document (as ``mrz check --json``), hits,
    lost/stolen reports, travel history and the suggested action."""
    history = result.history.to_dict()
    return {
        "id": result.inspection_id,
        "port": result.port,
        "direction": result.direction,
        "officer": result.officer,
        "at": result.at.isoformat(),
        "verdict": result.verdict,
        "chip": chip_json(result.chip),
        "face": result.face,
        "document": result.document.to_dict(),
        "hits": [hit.to_dict() for hit in result.watchlist_hits],
        "lost_stolen": [hit.to_dict() for hit in result.document_hits],
        "face_candidates": [hit.to_dict() for hit in result.face_hits],
        "fingerprints": list(result.fingerprints),
        "fingerprint_candidates": [hit.to_dict() for hit in result.fingerprint_hits],
        "traveller": {
            "id": result.history.traveller_id,
            "match": result.history.match,
            "match_detail": result.history.match_detail,
        },
        "history": history["crossings"],
        "overstays": history["overstays"],
        "suggested_action": result.suggestion.action,
        "suggestion_reasons": list(result.suggestion.reasons),
    }


@router.post("/inspections", status_code=201, summary="Primary inspection of a traveller")
def create_inspection(
    body: InspectionRequest, officer: Inspector, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """Read the document (``mrz``, or ``fields`` typed in), screen the traveller, show the
    history and suggest an action. With ``chip``, the chip's data is verified (passive
    authentication) and its verdict (``chip.verdict``: authentic, unverified or failed)
    shown beside the MRZ verdict. With ``live_face``, the traveller's face is compared with
    the chip portrait (``face``: outcome match, no_match or inconclusive, with the reason);
    a mismatch suggests a referral, for an officer to confirm. The live face (or the chip
    portrait) is searched over the lookout photos: ``face_candidates`` lists each photo
    scoring at least ``BORDERPOST_FACE_SEARCH_MIN_SCORE``, with its reason; each is a hit to
    confirm or clear and suggests a referral, never a refusal. Each of ``fingerprints`` is
    searched over the lookout fingerprints: ``fingerprint_candidates`` lists those scoring at
    least ``BORDERPOST_FINGER_MATCH_THRESHOLD`` (bozorth3), ``fingerprints`` what became of
    each print (an unusable one is also a ``fingerprint_unusable`` finding)."""
    result = inspect(
        uow,
        state.screeners.get(),
        officer,
        body.mrz,
        body.port,
        body.direction,
        state.now(),
        fields=None if body.fields is None else body.fields.to_fields(),
        policy=state.policy,
        chip=None if body.chip is None else body.chip.to_chip(),
        live_face=None if body.live_face is None else _decode(body.live_face, "live_face"),
        lookout_faces=state.lookout_faces,
        fingerprints=[print_.to_probe() for print_ in body.fingerprints],
        lookout_fingers=state.lookout_fingers,
    )
    uow.commit()
    return inspection_json(result)


MAX_IMAGE = 20 * 1024 * 1024  # a phone photo or a 300 dpi scan is far smaller


@router.post(
    "/inspections/image", status_code=201, summary="Primary inspection from a document image"
)
def create_inspection_from_image(
    image: Annotated[
        UploadFile, File(description="Photo or scan of the data page: JPEG, PNG, TIFF, JP2, PDF.")
    ],
    port: Annotated[str, Form(min_length=1, max_length=16, pattern=NO_NUL)],
    direction: Annotated[Literal["entry", "exit"], Form()],
    officer: Inspector,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """Read the MRZ from the uploaded image (offline), then inspect as ``POST /inspections``
    does. ``image_reading`` says how sure the reader was and which characters the check
    digits repaired. An image with no readable MRZ is refused (422) with the reason."""
    from borderpost.documents.ocr import read_bytes  # image libraries load only when used

    data = image.file.read(MAX_IMAGE + 1)
    if len(data) > MAX_IMAGE:
        raise Invalid(f"the image is larger than {MAX_IMAGE} bytes")
    reading = read_bytes(data, at=state.now().date())
    if reading.text is None:
        reasons = "; ".join(f.message for f in reading.result.findings)
        raise Invalid(f"no MRZ could be read from the image: {reasons}")
    result = inspect(
        uow,
        state.screeners.get(),
        officer,
        reading.text,
        port,
        direction,
        state.now(),
        policy=state.policy,
        lookout_faces=state.lookout_faces,
    )
    uow.commit()
    answer = inspection_json(result)
    ocr_codes = {"ocr_repaired", "ocr_low_confidence"}
    answer["image_reading"] = {
        "mrz": reading.text,
        "confidence": round(reading.confidence, 4),
        "repaired": [fix.to_dict() for fix in reading.repaired],
        "char_confidence": reading.to_dict()["char_confidence"],
        "findings": [f.to_dict() for f in reading.result.findings if f.code in ocr_codes],
    }
    return answer


@router.get("/inspections/{inspection_id}", summary="One inspection (audited read)")
def get_inspection(
    inspection_id: RecordId, reader: Reader, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """The stored inspection with its hits and decisions."""
    record = inspection_record(
        uow.session,
        inspection_id,
        reader,
        high_risk_threshold=state.policy.high_risk_threshold,
        now=state.now(),
    )
    uow.commit()
    return record


@router.get(
    "/inspections/{inspection_id}/live-capture",
    summary="The kept live face capture (audited read)",
    response_class=Response,
)
def get_live_capture(
    inspection_id: RecordId,
    purpose: Annotated[str, Query(min_length=1, max_length=500)],
    user: ReferralHandler,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """The camera image of an inspection whose live face did not verify, kept for the referral
    until the retention job deletes it; ``purpose`` is recorded in the audit log."""
    image = read_live_capture(
        uow.session, inspection_id, actor=user, purpose=purpose, now=state.now()
    )
    uow.commit()
    return Response(content=image, media_type="application/octet-stream")


@router.post("/inspections/{inspection_id}/decision", status_code=201, summary="Decide")
def make_decision(
    inspection_id: RecordId, body: DecisionRequest, officer: Decider, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """Admit, refer, refuse or detain, clearing hits with reasons; some decisions wait for
    a supervisor's approval (``approval: pending``)."""
    result = decide(
        uow,
        inspection_id,
        officer,
        body.decision,
        body.reason,
        {item.hit_id: item.reason for item in body.cleared_hits},
        state.now(),
        permit_type=body.permit_type,
        policy=state.policy,
    )
    uow.commit()
    return result.to_dict()


@router.get("/approvals", summary="Decisions awaiting a supervisor at a port")
def list_pending(
    supervisor: Approver,
    uow: UowDep,
    port: Annotated[
        str | None, Query(max_length=16, pattern=NO_NUL, description="Default: your port.")
    ] = None,
) -> list[dict[str, Any]]:
    """Pending decisions of the supervisor's port, oldest first."""
    return pending_approvals(uow.session, supervisor, port)


@router.post("/approvals/{decision_id}", summary="Approve or reject a pending decision")
def review_decision(
    decision_id: RecordId, body: ReviewRequest, supervisor: Approver, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """Four eyes: another person, a supervisor of the same port, approves or rejects."""
    if body.outcome == "approve":
        result = approve(uow, decision_id, supervisor, state.now(), policy=state.policy)
    else:
        result = reject(uow, decision_id, supervisor, body.reason or "", state.now())
    uow.commit()
    return result.to_dict()
