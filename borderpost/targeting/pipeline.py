"""The pre-arrival pipeline as a service: an airline file in, assessments and hits stored.

:func:`receive` reads a PAXLST/PNRGOV file, assesses every traveller (with the known subjects
of earlier confirmed hits, see :func:`known_subjects`), stores the manifest (API data), its
travellers, their assessments, one :class:`~borderpost.store.models.TargetingHit` per thing
that fired (each waits for a person's review) and the bookings (PNR), and appends one audit
event. It runs in the caller's unit of work and never commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.passengers import read
from borderpost.passengers.manifest import Booking, Manifest
from borderpost.screening.engine import Screener
from borderpost.store.models import (
    ManifestTraveller,
    PnrBooking,
    TargetedManifest,
    TargetingAssessment,
    TargetingHit,
)
from borderpost.targeting.assess import Assessment, ManifestAssessment, assess_reading
from borderpost.targeting.facts import KnownSubjects, TravelContext, booking_keys, bookings_for
from borderpost.targeting.rules import Rule

__all__ = ["NoManifestError", "StoredManifest", "known_subjects", "receive"]


class NoManifestError(ValueError):
    """The file holds no passenger or crew list."""


@dataclass(frozen=True, slots=True)
class StoredManifest:
    """A stored manifest's id and its assessments."""

    id: int
    result: ManifestAssessment
    hits: int

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "hits": self.hits, **self.result.to_dict()}


def known_subjects(session: Session) -> KnownSubjects:
    """Contact, payment and booking keys of travellers on confirmed hits."""
    rows = session.execute(
        select(ManifestTraveller.id, ManifestTraveller.data)
        .join(TargetingAssessment, TargetingAssessment.traveller_id == ManifestTraveller.id)
        .join(TargetingHit, TargetingHit.assessment_id == TargetingAssessment.id)
        .where(TargetingHit.outcome == "confirmed")
    ).all()
    keys: dict[str, set[str]] = {}
    for traveller_id, data in rows:
        for key in data.get("keys", []):
            keys.setdefault(str(key), set()).add(f"subject:{traveller_id}")
    return KnownSubjects({key: frozenset(labels) for key, labels in keys.items()})


def receive(
    session: Session,
    data: bytes,
    screener: Screener,
    *,
    actor: str,
    now: dt.datetime,
    rules: Sequence[Rule] | None = None,
    master_crew: frozenset[str] | None = None,
) -> list[StoredManifest]:
    """Read, assess and store every manifest of ``data`` (see the module).

    Raises:
        EdifactError: the data is not EDIFACT.
        NoManifestError: it holds no PAXLST message.
    """
    reading = read(data)
    context = TravelContext(known=known_subjects(session), master_crew=master_crew)
    results = assess_reading(reading, screener, rules=rules, context=context, today=now.date())
    if not results:
        raise NoManifestError("the file holds no passenger or crew list (PAXLST)")
    stored = [_store(session, result, actor=actor, now=now) for result in results]
    bookings = [booking for message in reading.messages for booking in message.bookings]
    for booking in bookings:
        session.add(
            PnrBooking(
                manifest_id=stored[0].id,
                record_locator=booking.record_locator[:32],
                data=booking_data(booking),
                masked=None,
                masked_at=None,
                received_at=now,
            )
        )
    session.flush()
    append(
        session,
        actor=actor,
        action="targeting.receive",
        subject_type="manifest",
        subject_id=",".join(str(item.id) for item in stored),
        details={
            "manifests": len(stored),
            "travellers": sum(len(item.result.assessments) for item in stored),
            "hits": sum(item.hits for item in stored),
            "bookings": len(bookings),
        },
        at=now,
    )
    return stored


def booking_data(booking: Booking) -> dict[str, Any]:
    """A booking as plain JSON (dates as ISO text)."""
    loaded = json.loads(json.dumps(dataclasses.asdict(booking), default=str))
    assert isinstance(loaded, dict)
    return loaded


def _scheduled(manifest: Manifest) -> tuple[dt.datetime | None, str | None, str | None]:
    legs = [leg for flight in manifest.flights for leg in flight.legs]
    if not legs:
        return None, None, None
    first, last = legs[0], legs[-1]
    return (last.arrival or first.departure), first.origin, last.destination


def _store(
    session: Session, result: ManifestAssessment, *, actor: str, now: dt.datetime
) -> StoredManifest:
    manifest = result.manifest
    scheduled, origin, destination = _scheduled(manifest)
    flight = manifest.flights[0] if manifest.flights else None
    row = TargetedManifest(
        reference=(manifest.reference or "")[:64] or None,
        kind=manifest.kind,
        flight=(flight.number if flight else "?")[:16],
        carrier=flight.carrier if flight else None,
        origin=origin,
        arrival_port=destination,
        scheduled=scheduled,
        travellers=len(manifest.persons),
        received_by=actor[:128],
        received_at=now,
    )
    session.add(row)
    session.flush()
    hits = 0
    for item in result.assessments:
        hits += _store_assessment(session, row.id, item, result.bookings, now)
    return StoredManifest(row.id, result, hits)


def _store_assessment(
    session: Session,
    manifest_id: int,
    item: Assessment,
    bookings: Sequence[Booking],
    now: dt.datetime,
) -> int:
    person = item.person
    document = person.documents[0] if person.documents else None
    keys = [f"booking:{v}" for c, v in person.references if c == "AVF"]
    for booking in bookings_for(person, bookings):
        for values in booking_keys(booking).values():
            keys.extend(values)
    traveller = ManifestTraveller(
        manifest_id=manifest_id,
        position=item.index,
        role=person.role,
        surname=person.surname,
        given_names=person.given_names,
        birth_date=person.birth_date,
        nationality=(person.nationality or "")[:3] or None,
        document_number=document.number[:32] if document else None,
        document_issuer=(document.issuing_state or "")[:3] or None if document else None,
        data={**person.to_dict(), "keys": sorted(set(keys))},
    )
    session.add(traveller)
    session.flush()
    assessment = TargetingAssessment(
        traveller_id=traveller.id,
        manifest_id=manifest_id,
        status=item.status,
        score=item.score,
        band=item.band,
        facts={k: list(v) if isinstance(v, tuple) else v for k, v in item.facts.items()},
        notes=list(item.notes),
        created_at=now,
    )
    session.add(assessment)
    session.flush()
    rows = [
        TargetingHit(
            kind="watchlist",
            source=hit.list_name[:200],
            entry_id=hit.entry_id[:200],
            name=hit.name,
            score=hit.score,
            reasons=[reason.describe() for reason in hit.reasons],
        )
        for hit in item.hits
    ]
    rows += [
        TargetingHit(
            kind="lost_stolen",
            source="lost/stolen",
            entry_id=doc.record.number[:200],
            name=None,
            score=1.0 if doc.exact else 0.9,
            reasons=[doc.reason],
        )
        for doc in item.lost_stolen
    ]
    rows += [
        TargetingHit(
            kind="document",
            source=check.code[:200],
            entry_id=check.document[:200],
            name=None,
            score=None,
            reasons=[check.reason],
        )
        for check in item.documents
    ]
    rows += [
        TargetingHit(
            kind="rule",
            source=result.rule.id[:200],
            entry_id=None,
            name=result.rule.title,
            score=float(result.rule.weight),
            reasons=list(result.reasons),
        )
        for result in item.rules
    ]
    for hit in rows:
        hit.assessment_id = assessment.id
        hit.manifest_id = manifest_id
        hit.status = "open"
        hit.outcome = None
        hit.created_at = now
        session.add(hit)
    return len(rows)
