"""Bulk cash: declarations at a port (officers and supervisors, their own port), detentions
and releases (supervisors), the FIU export and its on-time record, courier alerts and the
rate table (analysts; administrators import rates too). Every read of a declaration is
audited; amounts travel as decimal strings, never as floats."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from borderpost.cash.alerts import run_detection
from borderpost.cash.detentions import DEFAULT_DAYS, MAX_DAYS, detain, detentions, release
from borderpost.cash.errors import CashError
from borderpost.cash.lines import parse_line
from borderpost.cash.model import PARTY_ROLES, Party
from borderpost.cash.money import parse_amount
from borderpost.cash.profiles import Profile, profile
from borderpost.cash.rates import parse_rates
from borderpost.cash.reads import declaration_detail, declarations, scope_port
from borderpost.cash.records import DeclarationIn, declare, record_offence
from borderpost.cash.stored import import_rates, stored_rates
from borderpost.cash.submissions import export, on_time, submissions
from borderpost.identity.roles import Permission
from borderpost.inspection.errors import Invalid
from borderpost.store.models import User
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/cash", tags=["cash"], responses=ERROR_RESPONSES)

Declarer = Annotated[User, Depends(require(Permission.DECLARE_CASH))]
Reader = Annotated[User, Depends(require(Permission.READ_CASH))]
Detainer = Annotated[User, Depends(require(Permission.DETAIN_CASH))]
Exporter = Annotated[User, Depends(require(Permission.EXPORT_FIU))]
Analyst = Annotated[User, Depends(require(Permission.READ_CASH_ALERTS))]
RateKeeper = Annotated[User, Depends(require(Permission.MANAGE_CASH_RATES))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_RATES = 5 * 1024 * 1024
_AMOUNT = r"^\s*\d[\d ,]*(\.\d+)?\s*$"


class PartyIn(BaseModel):
    """A person in a role."""

    role: str = Field(examples=["carrier"], description="carrier, owner, sender, recipient, payer")
    name: str = Field(min_length=1, max_length=200, examples=["AMINA DIALLO"])
    birth_date: dt.date | None = None
    nationality: str | None = Field(default=None, max_length=3)
    document: str | None = Field(default=None, max_length=40)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=500)
    account: str | None = Field(default=None, max_length=64)


class LineIn(BaseModel):
    """One instrument: ``currency:USD:12000`` or ``gold:EUR:15000:coin:0.900``."""

    line: str = Field(min_length=5, max_length=80, examples=["currency:USD:12000"])


class DeclarationBody(BaseModel):
    """A declaration as the officer records it."""

    port: str = Field(min_length=1, max_length=16, examples=["CTN"])
    kind: str = Field(default="accompanied", examples=["accompanied"])
    direction: str = Field(default="entry", examples=["entry"])
    occurred_at: dt.datetime | None = Field(default=None, description="Default: now.")
    lines: list[LineIn] = Field(min_length=1, max_length=50)
    parties: list[PartyIn] = Field(min_length=1, max_length=20)
    origin: str = Field(default="", max_length=500)
    destination: str = Field(default="", max_length=500)
    route: str = Field(default="", max_length=500)
    intended_use: str = Field(default="", max_length=500)
    source_of_funds: str = Field(default="", max_length=500)
    party_ref: str | None = Field(default=None, max_length=64)
    conveyance_ref: str | None = Field(default=None, max_length=64)
    booking_ref: str | None = Field(default=None, max_length=16)
    inspection_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    crossing_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    found: str | None = Field(default=None, pattern=_AMOUNT, examples=["15000.00"])
    disclosure_requested_on: dt.date | None = None
    disclosed_on: dt.date | None = None


class FoundIn(BaseModel):
    """What a control counted, in the profile's currency."""

    found: str = Field(pattern=_AMOUNT, examples=["15000.00"])


class DetainIn(BaseModel):
    """The legal basis and reason of a detention, and how long it lasts."""

    legal_basis: str = Field(min_length=5, max_length=2000, examples=["Reg. 2018/1672 art. 7"])
    reason: str = Field(min_length=5, max_length=2000)
    days: int = Field(default=DEFAULT_DAYS, ge=1, le=MAX_DAYS)
    amount: str | None = Field(default=None, pattern=_AMOUNT)


class ReleaseIn(BaseModel):
    """Why the cash is released."""

    reason: str = Field(min_length=5, max_length=2000, examples=["court order 17/2026"])


def _profile(state: StateDep) -> Profile:
    try:
        return profile(state.settings.cash_profile)
    except CashError as exc:
        raise Invalid(f"the configured cash profile cannot be used: {exc}") from None


def _amount(text: str | None, what: str) -> Any:
    if text is None:
        return None
    try:
        return parse_amount(text, what=what)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def _party(item: PartyIn) -> Party:
    if item.role not in PARTY_ROLES:
        raise ValueError(f"party role {item.role!r}: use one of {', '.join(PARTY_ROLES)}")
    return Party(
        role=item.role,
        name=item.name.strip(),
        birth_date=item.birth_date,
        nationality=item.nationality,
        document=item.document,
        phone=item.phone,
        address=item.address,
        account=item.account,
    )


@router.get("/profile", summary="The configured cash-control profile")
def configured_profile(user: Reader, state: StateDep) -> dict[str, Any]:
    """Threshold and operator, currency, instruments, aggregation, deadlines, holidays."""
    return _profile(state).to_dict()


@router.post("/rates", summary="Import dated exchange rates (CSV)")
def rates(
    file: Annotated[UploadFile, File(description="CSV: date,currency,quote,rate")],
    user: RateKeeper,
    state: StateDep,
    uow: UowDep,
) -> dict[str, Any]:
    """Rates of the same pair and day are replaced."""
    data = file.file.read(MAX_RATES + 1)
    if len(data) > MAX_RATES:
        raise Invalid(f"the file is larger than {MAX_RATES} bytes")
    try:
        table = parse_rates(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Invalid("the rate file is not UTF-8 text") from None
    count = import_rates(uow.session, table, actor=user.username, now=state.now())
    uow.commit()
    return {"imported": count}


@router.post("/declarations", summary="Record a cash declaration at one's port")
def create(body: DeclarationBody, user: Declarer, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Assessed under the configured profile at the dated rate of the crossing day; a missing
    or false declaration, or a late disclosure, is recorded as an offence."""
    try:
        parties = [_party(p) for p in body.parties]
        lines = [parse_line(item.line) for item in body.lines]
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    chosen = _profile(state)
    data = DeclarationIn(
        port=body.port,
        kind=body.kind,
        direction=body.direction,
        occurred_at=body.occurred_at or state.now(),
        lines=lines,
        parties=parties,
        origin=body.origin,
        destination=body.destination,
        route=body.route,
        intended_use=body.intended_use,
        source_of_funds=body.source_of_funds,
        party_ref=body.party_ref,
        conveyance_ref=body.conveyance_ref,
        booking_ref=body.booking_ref,
        inspection_id=body.inspection_id,
        crossing_id=body.crossing_id,
        found=_amount(body.found, "found"),
        disclosure_requested_on=body.disclosure_requested_on,
        disclosed_on=body.disclosed_on,
    )
    done = declare(
        uow.session,
        data,
        officer=user,
        profile=chosen,
        rates=stored_rates(uow.session),
        now=state.now(),
    )
    uow.commit()
    return {
        "id": done.row.id,
        "ref": done.row.ref,
        "assessment": done.assessment.to_dict(),
        "fiu_due_on": done.row.fiu_due_on.isoformat(),
        "offences": [
            {"kind": o.kind, "amount": str(o.amount), "reason": o.reason} for o in done.offences
        ],
    }


@router.get("/declarations", summary="Recent declarations (own port for port staff)")
def listing(
    user: Reader,
    state: StateDep,
    uow: UowDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """Newest first; the read is audited."""
    found = declarations(uow.session, user, now=state.now(), limit=limit)
    uow.commit()
    return {"declarations": found}


@router.get("/declarations/{declaration_id}", summary="One declaration in full")
def detail(declaration_id: RecordId, user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Lines with rates, parties, offences, detentions and submissions; the read is audited."""
    found = declaration_detail(uow.session, declaration_id, user, now=state.now())
    uow.commit()
    return found


@router.post("/declarations/{declaration_id}/offences", summary="Record what a control found")
def offence(
    declaration_id: RecordId, body: FoundIn, user: Declarer, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """A false declaration when more was found than declared (and it reaches the threshold)."""
    found = record_offence(
        uow.session,
        declaration_id,
        found=_amount(body.found, "found"),
        profile=_profile(state),
        officer=user,
        now=state.now(),
    )
    uow.commit()
    return {"kind": found.kind, "amount": str(found.amount), "reason": found.reason}


@router.post("/declarations/{declaration_id}/detention", summary="Detain the cash")
def detention(
    declaration_id: RecordId, body: DetainIn, user: Detainer, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """On a legal basis, for 1 to 90 days; supervisors of the declaration's port."""
    held = detain(
        uow.session,
        declaration_id,
        legal_basis=body.legal_basis,
        reason=body.reason,
        supervisor=user,
        now=state.now(),
        days=body.days,
        amount=_amount(body.amount, "amount"),
    )
    uow.commit()
    return {"id": held.id, "amount": str(held.amount), "expires_on": held.expires_on.isoformat()}


@router.post("/detentions/{detention_id}/release", summary="Release detained cash")
def release_detention(
    detention_id: RecordId, body: ReleaseIn, user: Detainer, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """With the reason; supervisors of the declaration's port."""
    held = release(uow.session, detention_id, reason=body.reason, supervisor=user, now=state.now())
    uow.commit()
    return {"id": held.id, "released_at": state.now().isoformat()}


@router.get("/detentions", summary="Detentions and their state")
def detention_list(user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Held, expired (past the expiry without a release) or released; own port for staff."""
    return {
        "detentions": detentions(uow.session, today=state.now().date(), port_id=scope_port(user))
    }


@router.post(
    "/declarations/{declaration_id}/fiu",
    summary="Export the declaration to the FIU (XML, validated)",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}}},
)
def fiu(declaration_id: RecordId, user: Exporter, state: StateDep, uow: UowDep) -> Response:
    """The report, validated against the configured schema and recorded as submitted now."""
    sent = export(
        uow.session,
        declaration_id,
        user=user,
        entity_id=state.settings.cash_fiu_entity,
        now=state.now(),
        schema_path=state.settings.cash_fiu_xsd,
    )
    uow.commit()
    return Response(
        sent.xml,
        media_type="application/xml",
        headers={"X-Borderpost-Submission": str(sent.submission.id)},
    )


@router.get("/submissions", summary="FIU submissions and the on-time percentage")
def fiu_submissions(user: Exporter, uow: UowDep) -> dict[str, Any]:
    """Newest first, with the share made within the FIU deadline."""
    return {"figures": on_time(uow.session), "submissions": submissions(uow.session)}


@router.get("/alerts", summary="Cash-courier alerts over the stored declarations")
def alerts(
    user: Analyst,
    state: StateDep,
    uow: UowDep,
    days: Annotated[int, Query(ge=1, le=3660)] = 365,
) -> dict[str, Any]:
    """Structuring, shared parties, linked couriers, purpose mismatches, each explained; with
    the intelligence facts of the declarations they name (the run is audited)."""
    found = run_detection(uow.session, _profile(state), user=user, now=state.now(), days=days)
    uow.commit()
    return {
        "since": found.since.isoformat(),
        "declarations": found.declarations,
        "alerts": [alert.to_dict() for alert in found.alerts],
        "facts": [
            {
                "ref": f.ref,
                "kind": f.kind,
                "date": f.date.isoformat(),
                "summary": f.summary,
                "place": f.place,
                "identifiers": [list(pair) for pair in f.identifiers],
            }
            for f in found.facts
        ],
    }
