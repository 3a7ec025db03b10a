"""An assessment per traveller: screening hits, lost/stolen documents, document checks and the
targeting rules that fired, each with its reason, and a risk band from their weights.

An assessment never decides anything: it is ``to_review`` when something fired (a person
reviews every hit before any action, see :mod:`borderpost.targeting.review`) and ``no_hit``
otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from borderpost.passengers.manifest import Booking, Manifest, Person
from borderpost.passengers.reading import Reading
from borderpost.screening.engine import Hit, Screener
from borderpost.screening.lost_stolen import LostStolenHit
from borderpost.screening.query import Query, QueryError
from borderpost.targeting.documents import DocumentCheck, check_documents
from borderpost.targeting.facts import (
    FactValue,
    TravelContext,
    booking_keys,
    bookings_for,
    traveller_facts,
)
from borderpost.targeting.rules import Rule, RuleResult, default_rules, policy

__all__ = [
    "Assessment",
    "ManifestAssessment",
    "assess_manifest",
    "assess_reading",
    "band_for",
    "query_for",
]

Status = Literal["to_review", "no_hit"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """What fired for one traveller, and why. ``score`` adds the weights of everything that
    fired; ``band`` is the policy's risk band for it."""

    index: int
    person: Person
    hits: tuple[Hit, ...]
    lost_stolen: tuple[LostStolenHit, ...]
    documents: tuple[DocumentCheck, ...]
    rules: tuple[RuleResult, ...]
    facts: Mapping[str, FactValue]
    score: int
    band: str
    notes: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        fired = self.hits or self.lost_stolen or self.documents or self.rules
        return "to_review" if fired else "no_hit"

    def reasons(self) -> list[str]:
        """Every reason in one list, for a person to read."""
        found = [f"{h.list_name} {h.entry_id} {h.name!r} score {h.score:.2f}" for h in self.hits]
        found += [doc.reason for doc in self.lost_stolen]
        found += [check.reason for check in self.documents]
        found += [
            f"rule {result.rule.id} ({result.rule.title}): " + "; ".join(result.reasons)
            for result in self.rules
        ]
        return found

    def to_dict(self) -> dict[str, object]:
        person = self.person
        return {
            "index": self.index,
            "role": person.role,
            "surname": person.surname,
            "given_names": person.given_names,
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
            "nationality": person.nationality,
            "documents": [
                f"{d.type} {d.number} {d.issuing_state or ''}".strip() for d in person.documents
            ],
            "status": self.status,
            "score": self.score,
            "band": self.band,
            "hits": [hit.to_dict() for hit in self.hits],
            "lost_stolen": [
                {
                    "list": "lost/stolen",
                    "number": doc.record.number,
                    "country": doc.record.country,
                    "status": doc.record.status,
                    "reason": doc.reason,
                }
                for doc in self.lost_stolen
            ],
            "document_checks": [check.to_dict() for check in self.documents],
            "rule_hits": [result.to_dict() for result in self.rules],
            "reasons": self.reasons(),
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class ManifestAssessment:
    """A manifest and the assessment of each of its persons (same order)."""

    manifest: Manifest
    assessments: tuple[Assessment, ...]
    bookings: tuple[Booking, ...] = ()

    def to_dict(self) -> dict[str, object]:
        flights = [flight.to_dict() for flight in self.manifest.flights]
        return {
            "reference": self.manifest.reference,
            "kind": self.manifest.kind,
            "flights": flights,
            "travellers": len(self.assessments),
            "to_review": sum(1 for a in self.assessments if a.status == "to_review"),
            "assessments": [a.to_dict() for a in self.assessments],
        }


@dataclass(frozen=True, slots=True)
class _Weights:
    watchlist: int
    lost_stolen: int
    document: int
    bands: tuple[tuple[str, int], ...] = field(default=())


def _weights() -> _Weights:
    data = policy()
    weights = data["weights"]
    bands = tuple((str(b["band"]), int(b["min"])) for b in data["bands"])
    return _Weights(
        int(weights["watchlist"]), int(weights["lost_stolen"]), int(weights["document"]), bands
    )


def band_for(score: int) -> str:
    """The risk band of a score (the first band of the policy whose minimum it reaches)."""
    for band, minimum in _weights().bands:
        if score >= minimum:
            return band
    return "none"


def query_for(person: Person) -> Query:
    """The screening query for a manifest person (name, birth date, nationality, sex and
    first document).

    Raises:
        QueryError: the person has no usable name or a field screening cannot read.
    """
    document = person.documents[0] if person.documents else None
    return Query.parse(
        f"{person.given_names} {person.surname}".strip(),
        dob=person.birth_date.isoformat() if person.birth_date else None,
        nationality=person.nationality,
        gender=person.sex if person.sex in ("M", "F", "X") else None,
        document_number=document.number if document else None,
        document_country=document.issuing_state if document else None,
    )


def _travel_date(manifest: Manifest, fallback: dt.date) -> dt.date:
    for flight in manifest.flights:
        for leg in flight.legs:
            when = leg.departure or leg.arrival
            if when is not None:
                return when.date()
    return fallback


def assess_manifest(
    manifest: Manifest,
    screener: Screener,
    *,
    rules: Sequence[Rule] | None = None,
    context: TravelContext | None = None,
    today: dt.date | None = None,
) -> ManifestAssessment:
    """Assess every person of ``manifest`` (see the module)."""
    context = context or TravelContext()
    rules = default_rules() if rules is None else rules
    today = today or context.today or dt.date.today()
    weights = _weights()
    on = _travel_date(manifest, today)
    screenings: list[tuple[tuple[Hit, ...], tuple[LostStolenHit, ...], tuple[str, ...]]] = []
    for person in manifest.persons:
        try:
            screening = screener.screen(query_for(person))
        except QueryError as exc:
            screenings.append(((), (), (f"not screened: {exc}",)))
            continue
        screenings.append((screening.hits, screening.documents, ()))
    # Travellers on a watchlist are known subjects: who shares their booking, phone or card?
    extra: dict[str, set[str]] = {}
    for index, (hits, _docs, _notes) in enumerate(screenings):
        if not hits:
            continue
        person = manifest.persons[index]
        label = f"traveller:{index}"
        for value in (v for c, v in person.references if c == "AVF"):
            extra.setdefault(f"booking:{value}", set()).add(label)
        for booking in bookings_for(person, context.bookings):
            for keys in booking_keys(booking).values():
                for key in keys:
                    extra.setdefault(key, set()).add(label)
    known = context.known.merged(extra) if extra else context.known
    full = TravelContext(context.bookings, known, context.master_crew, today)
    document_checks = check_documents(
        manifest, on, recently_issued_days=int(policy()["recently_issued_days"])
    )
    assessments = []
    for index, person in enumerate(manifest.persons):
        hits, stolen, notes = screenings[index]
        facts = traveller_facts(manifest, index, full)
        fired = tuple(r for r in (rule.evaluate(facts) for rule in rules) if r is not None)
        checks = tuple(document_checks[index])
        score = (
            weights.watchlist * bool(hits)
            + weights.lost_stolen * bool(stolen)
            + weights.document * len(checks)
            + sum(result.rule.weight for result in fired)
        )
        assessments.append(
            Assessment(
                index=index,
                person=person,
                hits=hits,
                lost_stolen=stolen,
                documents=checks,
                rules=fired,
                facts=facts,
                score=score,
                band=band_for(score),
                notes=notes,
            )
        )
    return ManifestAssessment(manifest, tuple(assessments), tuple(context.bookings))


def assess_reading(
    reading: Reading,
    screener: Screener,
    *,
    rules: Sequence[Rule] | None = None,
    context: TravelContext | None = None,
    today: dt.date | None = None,
) -> list[ManifestAssessment]:
    """Assess the manifests of a file; its PNRGOV bookings join the context's bookings."""
    context = context or TravelContext()
    bookings = tuple(context.bookings) + tuple(
        booking for message in reading.messages for booking in message.bookings
    )
    joined = TravelContext(bookings, context.known, context.master_crew, context.today)
    return [
        assess_manifest(message.manifest, screener, rules=rules, context=joined, today=today)
        for message in reading.messages
        if message.manifest is not None
    ]
