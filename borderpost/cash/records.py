"""Recording cash declarations: assess them under the profile, store them with their lines,
parties and any offence, link them to the inspection or crossing, audit it. Never commits.

Officers and supervisors record at their own port. A declaration is assessed with the
stored declarations it is added up with (its family or travelling party, or its conveyance,
on the same day, when the profile aggregates so).

Every declaration stored reaches the leads service in the same transaction
(:func:`borderpost.leads.record_arrived`), so a courier's phone or account links it to
seizures, arrests and crossings as it arrives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.cash.deadlines import fiu_due
from borderpost.cash.errors import CashError
from borderpost.cash.facts import facts_of
from borderpost.cash.model import DECLARATION_KINDS, GOLD_FORMS, Declaration, Line, Party
from borderpost.cash.offences import Offence, check_disclosure, check_found
from borderpost.cash.profiles import Profile
from borderpost.cash.rates import RateTable
from borderpost.cash.rules import Assessment, assess, grouping_key
from borderpost.cash.stored import domain, domains
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port, port_by_code
from borderpost.inspection.errors import Invalid, NotFound
from borderpost.leads import record_arrived
from borderpost.store.models import (
    CashDeclaration,
    CashLine,
    CashOffence,
    CashParty,
    Crossing,
    Inspection,
    User,
)

__all__ = ["DeclarationIn", "Recorded", "declare", "record_offence"]


@dataclass(frozen=True, slots=True)
class DeclarationIn:
    """What an officer records (the ``ref`` is given by the store)."""

    port: str
    kind: str
    direction: str
    occurred_at: dt.datetime
    lines: Sequence[Line]
    parties: Sequence[Party]
    origin: str = ""
    destination: str = ""
    route: str = ""
    intended_use: str = ""
    source_of_funds: str = ""
    party_ref: str | None = None
    conveyance_ref: str | None = None
    booking_ref: str | None = None
    inspection_id: int | None = None
    crossing_id: int | None = None
    found: Decimal | None = None  # what a control counted, in the profile's currency
    disclosure_requested_on: dt.date | None = None
    disclosed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    """The stored declaration, its assessment and any offence recorded with it."""

    row: CashDeclaration
    assessment: Assessment
    offences: tuple[Offence, ...]


def _check(data: DeclarationIn) -> None:
    if data.kind not in DECLARATION_KINDS:
        raise Invalid(f"kind {data.kind!r}: use one of {', '.join(DECLARATION_KINDS)}")
    if data.direction not in ("entry", "exit"):
        raise Invalid(f"direction {data.direction!r}: use entry or exit")
    if data.occurred_at.tzinfo is None:
        raise Invalid("the time of the crossing must carry its time zone")
    if not data.lines:
        raise Invalid("a declaration needs at least one line (instrument, currency, amount)")
    if sum(1 for p in data.parties if p.role == "carrier") != 1:
        raise Invalid("a declaration names exactly one carrier (or consignor, if unaccompanied)")
    for field, value, limit in (
        ("party reference", data.party_ref, 64),
        ("conveyance reference", data.conveyance_ref, 64),
        ("booking reference", data.booking_ref, 16),
    ):
        if value is not None and len(value) > limit:
            raise Invalid(f"the {field} is longer than {limit} characters")
    for party in data.parties:
        if not party.name.strip():
            raise Invalid(f"the {party.role} has no name")
        for field, value, limit in (
            ("name", party.name, 200),
            ("nationality", party.nationality, 3),
            ("document", party.document, 40),
            ("phone", party.phone, 40),
            ("account", party.account, 64),
        ):
            if value is not None and len(value.strip()) > limit:
                raise Invalid(f"the {party.role}'s {field} is longer than {limit} characters")
    for line in data.lines:
        if line.gold_form is not None and len(line.gold_form) > 8:
            raise Invalid(f"gold form {line.gold_form[:20]!r}: use one of {', '.join(GOLD_FORMS)}")
    for line in data.lines:
        if line.instrument == "gold" and (line.gold_form not in GOLD_FORMS or line.purity is None):
            raise Invalid(f"a gold line needs its form ({', '.join(GOLD_FORMS)}) and purity")
        if line.purity is not None and not Decimal(0) < line.purity <= Decimal(1):
            raise Invalid(f"purity {line.purity} must be a share above 0 and at most 1")
    if data.kind == "ex_officio" and data.found is None:
        raise Invalid("an ex officio record needs the amount found")
    if data.kind == "unaccompanied" and data.disclosure_requested_on is None:
        raise Invalid("an unaccompanied disclosure needs the day it was requested")


@dataclass(frozen=True, slots=True)
class _Links:
    inspection_id: int | None
    crossing_id: int | None
    traveller_id: int | None  # the carrier, as the inspection or crossing identified them


def _link(session: Session, data: DeclarationIn, port_id: int) -> _Links:
    """The inspection and crossing the declaration belongs to (the crossing an inspection
    recorded, when only the inspection is named), checked to be at the same port."""
    inspection_id, crossing_id = data.inspection_id, data.crossing_id
    traveller_id = None
    if inspection_id is not None:
        inspection = session.get(Inspection, inspection_id)
        if inspection is None:
            raise NotFound(f"inspection {inspection_id} does not exist")
        if inspection.port_id != port_id:
            raise Invalid(f"inspection {inspection_id} was at another port")
        traveller_id = inspection.traveller_id
        if crossing_id is None:
            crossing_id = session.scalar(
                select(Crossing.id).where(Crossing.inspection_id == inspection_id)
            )
    if crossing_id is not None:
        crossing = session.get(Crossing, crossing_id)
        if crossing is None:
            raise NotFound(f"crossing {crossing_id} does not exist")
        if crossing.port_id != port_id:
            raise Invalid(f"crossing {crossing_id} was at another port")
        traveller_id = traveller_id or crossing.traveller_id
    return _Links(inspection_id, crossing_id, traveller_id)


def _group(session: Session, profile: Profile, declaration: Declaration) -> list[Declaration]:
    """The stored declarations added up with ``declaration`` (same party or conveyance, day)."""
    if profile.aggregation == "party" and declaration.party_ref:
        column, value = CashDeclaration.party_ref, declaration.party_ref
    elif profile.aggregation == "conveyance" and declaration.conveyance_ref:
        column, value = CashDeclaration.conveyance_ref, declaration.conveyance_ref
    else:
        return []
    start = dt.datetime.combine(declaration.day, dt.time(), dt.UTC)
    rows = session.scalars(
        select(CashDeclaration).where(
            column == value,
            CashDeclaration.profile == profile.code,
            CashDeclaration.occurred_at >= start,
            CashDeclaration.occurred_at < start + dt.timedelta(days=1),
        )
    )
    return domains(session, rows)


def declare(
    session: Session,
    data: DeclarationIn,
    *,
    officer: User,
    profile: Profile,
    rates: RateTable,
    now: dt.datetime,
) -> Recorded:
    """Assess and store a declaration (see the module docstring).

    Raises:
        Forbidden: the officer may not record declarations at this port.
        Invalid: the declaration is incomplete or inconsistent, or a rate is missing.
        NotFound: the port, inspection or crossing does not exist.
    """
    port = port_by_code(session, data.port)
    check_at_port(officer, port.id, Permission.DECLARE_CASH, "record cash declarations")
    _check(data)
    links = _link(session, data, port.id)
    draft = Declaration(
        ref="(new)",
        kind=data.kind,  # type: ignore[arg-type]  # checked above
        day=data.occurred_at.astimezone(dt.UTC).date(),
        port=port.code,
        direction=data.direction,  # type: ignore[arg-type]
        lines=tuple(data.lines),
        parties=tuple(data.parties),
        party_ref=data.party_ref,
        conveyance_ref=data.conveyance_ref,
    )
    others = _group(session, profile, draft)
    try:
        own = assess(profile, [draft], rates)[0]
        grouped = assess(profile, [*others, draft], rates)
    except CashError as exc:
        raise Invalid(str(exc)) from None
    key = grouping_key(profile, draft)
    together = next(a for a in grouped if a.key == key)
    row = CashDeclaration(
        ref=f"tmp-{now.timestamp()}-{id(draft)}"[:40],
        kind=data.kind,
        profile=profile.code,
        port_id=port.id,
        direction=data.direction,
        occurred_at=data.occurred_at,
        officer_id=officer.id,
        inspection_id=links.inspection_id,
        crossing_id=links.crossing_id,
        origin=data.origin.strip(),
        destination=data.destination.strip(),
        route=data.route.strip(),
        intended_use=data.intended_use.strip(),
        source_of_funds=data.source_of_funds.strip(),
        party_ref=data.party_ref,
        conveyance_ref=data.conveyance_ref,
        booking_ref=data.booking_ref,
        currency=profile.currency,
        total=own.total,
        required=together.required,
        reason=together.reason,
        disclosure_requested_on=data.disclosure_requested_on,
        disclosed_on=data.disclosed_on,
        fiu_due_on=fiu_due(profile, draft.day),
        created_at=now,
    )
    session.add(row)
    session.flush()
    row.ref = f"CD{row.id:07d}"
    for valued in own.lines:
        line = valued.line
        session.add(
            CashLine(
                declaration_id=row.id,
                instrument=line.instrument,
                currency=line.currency,
                amount=line.amount,
                gold_form=line.gold_form,
                purity=line.purity,
                description=line.description,
                rate=valued.rate,
                rate_day=valued.rate_day,
                value=valued.value,
                counted=valued.counted,
                reason=valued.reason,
            )
        )
    for party in data.parties:
        session.add(
            CashParty(
                declaration_id=row.id,
                role=party.role,
                name=party.name.strip(),
                birth_date=party.birth_date,
                nationality=None if party.nationality is None else party.nationality.strip(),
                document=None if party.document is None else party.document.strip(),
                phone=None if party.phone is None else party.phone.strip(),
                address=party.address,
                account=None if party.account is None else party.account.strip(),
                traveller_id=links.traveller_id if party.role == "carrier" else None,
            )
        )
    offences: list[Offence] = []
    if data.kind == "ex_officio":
        found = check_found(profile, None, data.found or Decimal(0))
        offences += [found] if found else []
    elif data.found is not None:
        found = check_found(profile, own.total, data.found)
        offences += [found] if found else []
    if data.kind == "unaccompanied" and data.disclosure_requested_on is not None:
        late = check_disclosure(
            profile, data.disclosure_requested_on, data.disclosed_on or draft.day
        )
        offences += [late] if late else []
    for offence in offences:
        _store_offence(session, row, offence, officer, now)
    session.flush()
    record_arrived(session, facts_of(domain(session, row)), now=now)
    audit.append(
        session,
        actor=officer.username,
        action="cash.declare",
        subject_type="cash_declaration",
        subject_id=row.ref,
        details={
            "kind": row.kind,
            "port": port.code,
            "total": str(row.total),
            "currency": row.currency,
            "required": row.required,
            "offences": [o.kind for o in offences],
        },
        at=now,
    )
    return Recorded(row, replace(own, refs=(row.ref,)), tuple(offences))


def _store_offence(
    session: Session, row: CashDeclaration, offence: Offence, user: User, now: dt.datetime
) -> CashOffence:
    stored = CashOffence(
        declaration_id=row.id,
        kind=offence.kind,
        amount=offence.amount,
        reason=offence.reason,
        recorded_by=user.id,
        recorded_at=now,
    )
    session.add(stored)
    return stored


def record_offence(
    session: Session,
    declaration_id: int,
    *,
    found: Decimal,
    profile: Profile,
    officer: User,
    now: dt.datetime,
) -> Offence:
    """After a control counted ``found`` (profile currency) on a stored declaration, record
    the false declaration it reveals.

    Raises:
        NotFound: no such declaration. Invalid: what was found reveals no offence.
    """
    row = session.get(CashDeclaration, declaration_id)
    if row is None:
        raise NotFound(f"cash declaration {declaration_id} does not exist")
    check_at_port(officer, row.port_id, Permission.DECLARE_CASH, "record cash offences")
    offence = check_found(profile, row.total, found)
    if offence is None:
        raise Invalid(
            f"{found} {profile.currency} found against {row.total} declared is no offence"
        )
    _store_offence(session, row, offence, officer, now)
    session.flush()
    audit.append(
        session,
        actor=officer.username,
        action="cash.offence",
        subject_type="cash_declaration",
        subject_id=row.ref,
        details={"kind": offence.kind, "amount": str(offence.amount)},
        at=now,
    )
    return offence


def count_declarations(session: Session) -> int:
    """How many declarations are stored."""
    return int(session.scalar(select(func.count()).select_from(CashDeclaration)) or 0)
