"""Who the traveller is in our records, and where they went before.

:func:`identify` finds the traveller's earlier record, in order: the same document (issuing
State and number), the same name key and birth date, then a name that matches across
spelling variants and transliterations (:func:`borderpost.names.compare`, at or above a
threshold) among travellers born the same day. Otherwise it creates a record.

:func:`overstays` is pure: which stays ran past their permitted date. :func:`read_history`
reads the crossings and stays, and audits the read (personal data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.documents import MrzResult
from borderpost.names import compare, prepare
from borderpost.store.models import DocumentSeen, Traveller
from borderpost.store.repos.crossings import CrossingRepo, CrossingRow, StayRow
from borderpost.store.repos.travellers import TravellerRepo, name_key

__all__ = [
    "History",
    "MatchMethod",
    "Overstay",
    "TravellerMatch",
    "crossing_dict",
    "identify",
    "overstays",
    "travel_record",
]

MatchMethod = Literal["document", "name", "name_variant", "new"]


@dataclass(frozen=True, slots=True)
class TravellerMatch:
    """The traveller record used for this inspection, and how it was found."""

    traveller: Traveller
    method: MatchMethod
    detail: str


@dataclass(frozen=True, slots=True)
class Overstay:
    """A stay that ran ``days_over`` days past ``permitted_until`` (``exited_at`` None: no
    exit recorded)."""

    entered_at: dt.datetime
    permitted_until: dt.date
    exited_at: dt.datetime | None
    days_over: int

    def to_dict(self) -> dict[str, object]:
        return {
            "entered_at": self.entered_at.isoformat(),
            "permitted_until": self.permitted_until.isoformat(),
            "exited_at": None if self.exited_at is None else self.exited_at.isoformat(),
            "days_over": self.days_over,
            "reason": self.reason,
        }

    @property
    def reason(self) -> str:
        entered = self.entered_at.date().isoformat()
        until = self.permitted_until.isoformat()
        if self.exited_at is None:
            return (
                f"entered {entered}, permitted until {until}, no exit recorded: "
                f"{self.days_over} days over"
            )
        return (
            f"entered {entered}, permitted until {until}, left "
            f"{self.exited_at.date().isoformat()}: {self.days_over} days over"
        )


@dataclass(frozen=True, slots=True)
class History:
    """The traveller's previous crossings (oldest first) and overstays."""

    traveller_id: int
    match: MatchMethod
    match_detail: str
    crossings: tuple[CrossingRow, ...]
    overstays: tuple[Overstay, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "traveller": self.traveller_id,
            "match": self.match,
            "match_detail": self.match_detail,
            "crossings": [crossing_dict(crossing) for crossing in self.crossings],
            "overstays": [overstay.to_dict() for overstay in self.overstays],
        }


def crossing_dict(crossing: CrossingRow) -> dict[str, object]:
    """The JSON shape of a previous crossing."""
    return {
        "port": crossing.port,
        "direction": crossing.direction,
        "at": crossing.occurred_at.isoformat(),
    }


def full_name(surname: str | None, given_names: str | None) -> str:
    """Given names then surname, as one string."""
    return f"{given_names or ''} {surname or ''}".strip()


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def overstays(stays: Sequence[StayRow], today: dt.date) -> list[Overstay]:
    """The stays that ran past their permitted date: left late, or still not left by
    ``today``."""
    found = []
    for stay in stays:
        exited = None if stay.exited_at is None else _utc(stay.exited_at)
        last_day = today if exited is None else exited.date()
        days = (last_day - stay.permitted_until).days
        if days > 0:
            found.append(Overstay(_utc(stay.entered_at), stay.permitted_until, exited, days))
    return found


def _same_person(traveller: Traveller, document: MrzResult) -> bool:
    born_same = traveller.birth_date is None or document.birth_date in (
        None,
        traveller.birth_date,
    )
    sex = document.sex if document.sex in ("M", "F") else None
    gender_same = traveller.gender is None or sex is None or traveller.gender == sex
    return born_same and gender_same


def identify(
    session: Session, document: MrzResult, *, threshold: float, now: dt.datetime
) -> TravellerMatch:
    """The traveller's earlier record, or a new one (flushed). See the module docstring."""
    repo = TravellerRepo(session)
    number, state = document.document_number, document.issuing_state
    if number and state:
        for seen in repo.documents(state, number):
            traveller = None if seen.traveller_id is None else repo.get(seen.traveller_id)
            if traveller is not None and _same_person(traveller, document):
                return TravellerMatch(traveller, "document", f"document {state} {number}")
    surname, given = document.surname or "", document.given_names or ""
    birth = document.birth_date
    if birth is not None:
        exact = repo.by_name_key(name_key(surname, given), birth)
        if exact:
            return TravellerMatch(exact[0], "name", f"same name and birth date {birth}")
        query = prepare(full_name(surname, given))
        best: tuple[float, Traveller, str] | None = None
        for candidate in repo.by_birth_date(birth):
            if not _same_person(candidate, document):
                continue
            result = compare(query, full_name(candidate.surname, candidate.given_names))
            if result.score >= threshold and (best is None or result.score > best[0]):
                best = (result.score, candidate, result.reason)
        if best is not None:
            return TravellerMatch(best[1], "name_variant", f"born {birth}; {best[2]}")
    traveller = repo.add(
        surname=surname,
        given_names=given,
        birth_date=birth,
        nationality=document.nationality,
        gender=document.sex if document.sex in ("M", "F", "X") else None,
        created_at=now,
    )
    return TravellerMatch(traveller, "new", "no earlier record")


def record_document(
    session: Session, traveller: Traveller, document: MrzResult, now: dt.datetime
) -> DocumentSeen | None:
    """The document as seen with this traveller: the earlier row if the same, else a new one.

    ``None`` when the MRZ gave no document number or issuing State to record.
    """
    number, state = document.document_number, document.issuing_state
    if not number or not state or not document.document_code:
        return None
    repo = TravellerRepo(session)
    for seen in repo.documents(state, number):
        if seen.traveller_id == traveller.id:
            return seen
    return repo.add_document(
        DocumentSeen(
            traveller_id=traveller.id,
            document_type=document.document_code[:2],
            number=number[:32],
            issuing_state=state[:3],
            nationality=document.nationality,
            expiry_date=document.expiry_date,
            mrz=document.mrz or None,  # typed fields: no MRZ was read
            first_seen_at=now,
        )
    )


def travel_record(
    session: Session,
    traveller_id: int,
    *,
    actor: str,
    details: dict[str, object],
    now: dt.datetime,
) -> tuple[list[CrossingRow], list[Overstay]]:
    """A traveller's crossings (oldest first) and overstays as of ``now``, audited as
    ``traveller.read`` with ``details`` (at least the purpose) and the counts."""
    repo = CrossingRepo(session)
    crossings = repo.history(traveller_id)
    found = overstays(repo.stays(traveller_id), now.date())
    audit.append(
        session,
        actor=actor,
        action="traveller.read",
        subject_type="traveller",
        subject_id=traveller_id,
        details={**details, "crossings": len(crossings), "overstays": len(found)},
        at=now,
    )
    return crossings, found


def read_history(
    session: Session,
    match: TravellerMatch,
    *,
    actor: str,
    purpose: str,
    now: dt.datetime,
) -> History:
    """The traveller's crossings and overstays as of ``now``; audited as ``traveller.read``."""
    traveller_id = match.traveller.id
    crossings, found = travel_record(
        session,
        traveller_id,
        actor=actor,
        details={"purpose": purpose, "match": match.method},
        now=now,
    )
    return History(
        traveller_id,
        match.method,
        match.detail,
        tuple(crossings),
        tuple(found),
    )
