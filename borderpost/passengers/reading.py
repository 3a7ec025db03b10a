"""Read a file of airline messages: tokenize, build the envelope, interpret each message.

:func:`read` is the one entry point the CLI and services use. It returns every message
(PAXLST as a :class:`Manifest`, PNRGOV as bookings, anything else counted and reported) and
every warning, in file order. The only exception it raises is
:class:`~borderpost.passengers.edifact.EdifactError`, when the input is not EDIFACT at all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from borderpost.passengers.collection import collector_paused
from borderpost.passengers.dates import edifact_datetime
from borderpost.passengers.edifact import tokenize
from borderpost.passengers.envelope import Envelope, Interchange, Message, structure
from borderpost.passengers.findings import ParseWarning, warning
from borderpost.passengers.manifest import Booking, Flight, Manifest, Person
from borderpost.passengers.paxlst import (
    PaxlstReading,
    check_totals,
    read_paxlst,
    unsupported_reason,
)
from borderpost.passengers.pnrgov import read_pnrgov

__all__ = ["MessageReading", "Reading", "read"]


@dataclass(frozen=True, slots=True)
class MessageReading:
    """One message as read (a PAXLST sent in parts is one reading, ``parts`` > 1)."""

    type: str
    identifier: str
    reference: str
    interchange: int
    declared_segments: str | None
    segment_count: int
    manifest: Manifest | None = None
    totals: tuple[tuple[str, str], ...] = ()
    flights: tuple[Flight, ...] = ()
    bookings: tuple[Booking, ...] = ()
    parts: int = 1

    @property
    def persons(self) -> tuple[Person, ...]:
        """The travellers: a manifest's persons, or a PNRGOV's booked travellers."""
        if self.manifest is not None:
            return self.manifest.persons
        return tuple(
            Person(
                role="passenger",
                role_code="TIF",
                surname=traveller.surname,
                given_names=traveller.given_names,
                sex=traveller.sex,
                birth_date=traveller.birth_date,
                nationality=traveller.nationality,
                documents=traveller.documents,
                references=((("AVF", booking.record_locator),) if booking.record_locator else ()),
            )
            for booking in self.bookings
            for traveller in booking.travellers
        )

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "type": self.type,
            "identifier": self.identifier,
            "reference": self.reference,
            "flights": [flight.to_dict() for flight in self.flights],
            "persons": [person.to_dict() for person in self.persons],
        }
        if self.manifest is not None:
            found["kind"] = self.manifest.kind
            found["document_code"] = self.manifest.document_code
            found["sender"] = self.manifest.sender
            found["totals"] = dict(self.totals)
            found["parts"] = self.parts
        if self.type == "PNRGOV":
            found["bookings"] = [_plain(booking) for booking in self.bookings]
        return found


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything read from one file."""

    interchanges: int
    messages: tuple[MessageReading, ...]
    warnings: tuple[ParseWarning, ...]
    segment_count: int

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``borderpost api parse --json``."""
        return {
            "interchanges": self.interchanges,
            "messages": [message.to_dict() for message in self.messages],
            "warnings": [item.to_dict() for item in self.warnings],
        }


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _reference(interchange: Interchange, today: date) -> date:
    """The date two-digit years are read against: the interchange's date of preparation."""
    prepared = edifact_datetime(interchange.prepared, "", today)
    return prepared.date() if prepared is not None else today


def _paxlst_parts(messages: list[Message]) -> list[list[Message]]:
    """Messages grouped so that the parts of one PAXLST (same interchange, same common access
    reference, numbered transfers) stand together; every other message alone."""
    groups: list[list[Message]] = []
    for message in messages:
        number, _ = message.part
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and number is not None
            and number != 1
            and previous.part[1] != "F"
            and message.type == "PAXLST" == previous.type
            and message.access_reference
            and message.access_reference == previous.access_reference
            and message.interchange == previous.interchange
            and previous.part[0] is not None
        ):
            groups[-1].append(message)
        else:
            groups.append([message])
    return groups


def _join(readings: list[PaxlstReading]) -> PaxlstReading:
    first = readings[0]
    if len(readings) == 1:
        return first
    flights = first.manifest.flights  # every part repeats the flights
    persons = tuple(p for r in readings for p in r.manifest.persons)
    manifest = dataclasses.replace(first.manifest, flights=flights, persons=persons)
    last = next((r for r in reversed(readings) if r.totals_at is not None), first)
    return PaxlstReading(manifest, last.totals, last.totals_at)


def _read_paxlst(
    parts: list[Message], reference: date, warnings: list[ParseWarning]
) -> MessageReading:
    head = parts[0]
    base = {
        "type": "PAXLST",
        "identifier": head.identifier,
        "reference": head.reference,
        "interchange": head.interchange,
        "declared_segments": head.declared_segments,
        "segment_count": head.segment_count,
        "parts": len(parts),
    }
    reason = unsupported_reason(head)
    if reason is not None:
        warnings.append(warning("unsupported_variant", head.header.position, reason))
        return MessageReading(**base)  # type: ignore[arg-type]
    reading = _join([read_paxlst(part, reference, warnings) for part in parts])
    numbers = [part.part[0] for part in parts]
    if numbers[0] is not None and (
        numbers != list(range(1, len(parts) + 1)) or parts[-1].part[1] != "F"
    ):
        warnings.append(
            warning(
                "part_missing",
                parts[-1].header.position,
                f"message {head.access_reference!r} has parts {numbers}, "
                f"last marked {parts[-1].part[1]!r}",
            )
        )
    check_totals(reading, warnings)
    return MessageReading(
        **base,  # type: ignore[arg-type]
        manifest=reading.manifest,
        totals=reading.totals,
        flights=reading.manifest.flights,
    )


def _interpret(envelope: Envelope, today: date) -> tuple[list[MessageReading], list[ParseWarning]]:
    warnings = list(envelope.warnings)
    readings: list[MessageReading] = []
    references: dict[int, date] = {}  # per interchange
    for group in _paxlst_parts(envelope.messages):
        head = group[0]
        reference = references.get(head.interchange)
        if reference is None:
            interchange = envelope.interchanges[head.interchange]
            reference = references[head.interchange] = _reference(interchange, today)
        if head.type == "PAXLST":
            readings.append(_read_paxlst(group, reference, warnings))
            continue
        base = MessageReading(
            head.type or "?",
            head.identifier,
            head.reference,
            head.interchange,
            head.declared_segments,
            head.segment_count,
        )
        if head.type == "PNRGOV":
            pnr = read_pnrgov(head, reference, warnings)
            base = dataclasses.replace(base, flights=pnr.flights, bookings=pnr.bookings)
        else:
            warnings.append(
                warning(
                    "unsupported_message",
                    head.header.position,
                    f"{head.identifier or 'untyped'} message: content not interpreted",
                )
            )
        readings.append(base)
    return readings, warnings


def read(data: bytes | str, *, today: date | None = None) -> Reading:
    """Every message and warning in ``data``. ``today`` stands in for the date of preparation
    when an interchange has none (two-digit years are read against it)."""
    with collector_paused():
        envelope = structure(tokenize(data))
        readings, warnings = _interpret(envelope, today or date.today())
        interchanges, segment_count = len(envelope.interchanges), envelope.segment_count
        # The segments are garbage once read: freed now, while the collector is paused, its
        # next pass does not walk them (see borderpost.passengers.collection).
        del envelope
    warnings.sort(key=lambda item: (item.position.segment, item.position.offset))
    return Reading(
        interchanges=interchanges,
        messages=tuple(readings),
        warnings=tuple(warnings),
        segment_count=segment_count,
    )
