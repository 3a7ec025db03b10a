"""Facts about one traveller on one manifest, named so that rules can test them.

:data:`FACTS` lists every fact a rule may name, with what it means; :func:`traveller_facts`
computes them from the manifest, the traveller's bookings (PNR, when the airline sent one),
the known subjects and the master crew list. A fact that cannot be known (no booking, no crew
list) is None, and a test on None never holds: a missing booking fires no booking rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from borderpost.passengers.manifest import Booking, Manifest, Person
from borderpost.screening.docnumbers import normalize_document_number

__all__ = [
    "FACTS",
    "FactValue",
    "KnownSubjects",
    "TravelContext",
    "booking_keys",
    "bookings_for",
    "parse_master_crew",
    "traveller_facts",
]

FactValue = bool | int | str | tuple[str, ...] | None

#: Every fact a rule may use, and what it means.
FACTS: Mapping[str, str] = {
    "role": "passenger or crew",
    "origin": "IATA airport the flight leaves from",
    "destination": "IATA airport the flight lands at last",
    "route": "every airport of the journey (flight legs and booked itinerary)",
    "transit_points": "airports of the journey other than its first origin and last destination",
    "nationality": "the traveller's nationality (ICAO code)",
    "document_issuer": "the issuing State of the traveller's first document",
    "one_way": "the booking has no segment back to the journey's origin",
    "booked_days_before": "days between the ticket (or booking) and departure",
    "payment_cash": "the booking was paid (partly) in cash",
    "paid_by_third_party": "a sponsor/payer named in the booking is not one of its travellers",
    "shared_contact_with_known_subject": "a phone or e-mail of the booking is a known subject's",
    "shared_payment_with_known_subject": "a card or account of the booking is a known subject's",
    "shared_booking_with_known_subject": "a known subject is on the same booking",
    "age": "age in whole years on the day of travel",
    "minor": "younger than 18 on the day of travel",
    "minor_without_related_adult": (
        "a minor with no adult of the same surname or booking on the manifest"
    ),
    "crew_not_on_master_list": "a crew member whose document is not on the master crew list",
}
_CASH = frozenset({"CA", "CASH"})
_DIGITS = re.compile(r"\D+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPONSOR = re.compile(r"(?:SPONSOR|PAID BY|PAYER)[:\s]+([A-Z' -]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KnownSubjects:
    """Contact, payment and booking keys of known subjects (a watchlisted traveller, a person
    on a confirmed hit): each key maps to the labels of the subjects who hold it."""

    keys: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def others(self, keys: Iterable[str], me: str) -> list[str]:
        """Keys held by a known subject other than ``me``."""
        return [key for key in keys if self.keys.get(key, frozenset()) - {me}]

    def merged(self, extra: Mapping[str, Iterable[str]]) -> KnownSubjects:
        keys = {key: set(labels) for key, labels in self.keys.items()}
        for key, labels in extra.items():
            keys.setdefault(key, set()).update(labels)
        return KnownSubjects({key: frozenset(labels) for key, labels in keys.items()})


@dataclass(frozen=True, slots=True)
class TravelContext:
    """Everything beyond the manifest that facts come from."""

    bookings: Sequence[Booking] = ()
    known: KnownSubjects = field(default_factory=KnownSubjects)
    master_crew: frozenset[str] | None = None  # normalised document numbers; None: no list
    today: dt.date | None = None


def booking_keys(booking: Booking) -> dict[str, list[str]]:
    """A booking's keys by kind: ``contact`` (phones as digits, e-mails lower-cased),
    ``payment`` (card vendor and number) and ``booking`` (the record locator)."""
    contacts: list[str] = []
    for text in booking.contacts:
        contacts.extend(f"email:{m.lower()}" for m in _EMAIL.findall(text))
        digits = _DIGITS.sub("", _EMAIL.sub("", text))
        if len(digits) >= 6:
            contacts.append(f"phone:{digits[-9:]}")
    payments = [
        f"payment:{(p.vendor or '').upper()}:{p.number}"
        for p in booking.payments
        if p.number and sum(c.isdigit() for c in p.number) >= 4
    ]
    return {
        "contact": contacts,
        "payment": payments,
        "booking": [f"booking:{booking.record_locator}"] if booking.record_locator else [],
    }


def bookings_for(person: Person, bookings: Sequence[Booking]) -> list[Booking]:
    """The bookings of ``person``: by booking reference (``AVF``), else by name."""
    refs = {value for code, value in person.references if code == "AVF"}
    found = [b for b in bookings if b.record_locator in refs]
    if found:
        return found
    name = (person.surname.upper(), person.given_names.upper())
    return [
        b
        for b in bookings
        if any((t.surname.upper(), t.given_names.upper()) == name for t in b.travellers)
    ]


def _departure(manifest: Manifest) -> dt.date | None:
    for flight in manifest.flights:
        for leg in flight.legs:
            when = leg.departure or leg.arrival
            if when is not None:
                return when.date()
    return None


def _journey(manifest: Manifest, person: Person, bookings: Sequence[Booking]) -> list[str]:
    airports: list[str] = []
    for booking in bookings:
        for item in booking.itinerary:
            if item.kind == "air":
                airports.extend(a for a in (item.origin, item.destination) if a)
    if not airports:
        for flight in manifest.flights:
            for leg in flight.legs:
                airports.extend(a for a in (leg.origin, leg.destination) if a)
        airports = [a for a in (person.embarkation, *airports, person.debarkation) if a]
    return list(dict.fromkeys(airports)) if airports else []


def _transit(journey: list[str]) -> tuple[str, ...]:
    return tuple(journey[1:-1]) if len(journey) > 2 else ()


def _one_way(bookings: Sequence[Booking]) -> bool | None:
    legs = [item for b in bookings for item in b.itinerary if item.kind == "air"]
    if not legs:
        return None
    start = legs[0].origin
    return not any(item.destination == start for item in legs[1:])


def _booked_days(bookings: Sequence[Booking], departure: dt.date | None) -> int | None:
    if departure is None:
        return None
    moments = [
        ticket.issued
        for booking in bookings
        for traveller in booking.travellers
        for ticket in traveller.tickets
        if ticket.issued is not None
    ] + [item.at for booking in bookings for item in booking.history if item.at is not None]
    if not moments:
        return None
    return (departure - min(moments).date()).days


def _third_party(bookings: Sequence[Booking]) -> bool | None:
    if not bookings:
        return None
    surnames = {t.surname.upper() for b in bookings for t in b.travellers}
    for booking in bookings:
        for text in (*booking.contacts, *booking.remarks):
            match = _SPONSOR.search(text)
            if match and not set(match.group(1).upper().split()) & surnames:
                return True
    return False


def _age(person: Person, on: dt.date | None) -> int | None:
    born = person.birth_date
    if born is None or on is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def traveller_facts(
    manifest: Manifest, index: int, context: TravelContext, *, label: str | None = None
) -> dict[str, FactValue]:
    """The facts (:data:`FACTS`) of the ``index``-th person of ``manifest``. ``label`` names
    the traveller among known subjects (so that their own keys do not count as shared)."""
    person = manifest.persons[index]
    me = label if label is not None else f"traveller:{index}"
    bookings = bookings_for(person, context.bookings)
    departure = _departure(manifest) or context.today
    journey = _journey(manifest, person, bookings)
    keys: dict[str, list[str]] = {"contact": [], "payment": [], "booking": []}
    for booking in bookings:
        for kind, values in booking_keys(booking).items():
            keys[kind].extend(values)
    booking_refs = [f"booking:{v}" for c, v in person.references if c == "AVF"]
    has_booking = bool(bookings)
    age = _age(person, departure)
    document = person.documents[0] if person.documents else None
    return {
        "role": person.role,
        "origin": journey[0] if journey else None,
        "destination": journey[-1] if journey else None,
        "route": tuple(journey),
        "transit_points": _transit(journey),
        "nationality": person.nationality,
        "document_issuer": document.issuing_state if document else None,
        "one_way": _one_way(bookings),
        "booked_days_before": _booked_days(bookings, departure),
        "payment_cash": (
            any(p.type.upper() in _CASH for b in bookings for p in b.payments)
            if has_booking
            else None
        ),
        "paid_by_third_party": _third_party(bookings),
        "shared_contact_with_known_subject": (
            bool(context.known.others(keys["contact"], me)) if has_booking else None
        ),
        "shared_payment_with_known_subject": (
            bool(context.known.others(keys["payment"], me)) if has_booking else None
        ),
        "shared_booking_with_known_subject": bool(
            context.known.others([*keys["booking"], *booking_refs], me)
        ),
        "age": age,
        "minor": None if age is None else age < 18,
        "minor_without_related_adult": _minor_alone(manifest, index, age, departure),
        "crew_not_on_master_list": _off_crew_list(person, context.master_crew),
    }


def _minor_alone(manifest: Manifest, index: int, age: int | None, on: dt.date | None) -> bool:
    if age is None or age >= 18:
        return False
    person = manifest.persons[index]
    refs = {v for c, v in person.references if c == "AVF"}
    for other_index, other in enumerate(manifest.persons):
        if other_index == index or other.role != "passenger":
            continue
        other_age = _age(other, on)
        if other_age is None or other_age < 18:
            continue
        if other.surname.upper() == person.surname.upper():
            return False
        if refs & {v for c, v in other.references if c == "AVF"}:
            return False
    return True


def _off_crew_list(person: Person, master: frozenset[str] | None) -> bool | None:
    if person.role != "crew" or master is None:
        return None
    numbers = {normalize_document_number(d.number) for d in person.documents}
    return not numbers & master


def parse_master_crew(text: str) -> frozenset[str]:
    """Document numbers of a master crew list: a CSV with a ``document_number`` column
    (other columns are ignored), or one number a line."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return frozenset()
    header = [cell.strip().lower() for cell in rows[0]]
    if "document_number" in header:
        column = header.index("document_number")
        values = [row[column] for row in rows[1:] if len(row) > column]
    else:
        values = [row[0] for row in rows if row]
    return frozenset(n for n in (normalize_document_number(v) for v in values) if n)
