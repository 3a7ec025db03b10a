"""Write manifests as PAXLST D.05B (WCO/IATA/ICAO API guideline), so that simulated flights
become the messages an airline would send.

One interchange (``UNA``, ``UNB`` ... ``UNZ``) with one functional group (``UNG`` ...
``UNE``) holding one message per manifest, or several parts per manifest when
``max_persons`` is given (``UNH`` element 4: sequence number, ``C`` first, ``F`` final; the
``CNT`` totals in the final part). Counts and control references are exact, and every
service character inside a value is released.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from borderpost.passengers.edifact import Delimiters
from borderpost.passengers.manifest import Flight, Manifest, Person

__all__ = ["WRITER_DELIMITERS", "write_paxlst"]

# Syntax version 4: the repetition separator is '*' (released inside values like the others).
WRITER_DELIMITERS = Delimiters(repetition="*")
MESSAGE_ID = "PAXLST:D:05B:UN:IATA"


class _Escaper:
    def __init__(self, delimiters: Delimiters) -> None:
        self.delimiters = delimiters
        special = delimiters.special()
        if delimiters.repetition != " ":
            special += delimiters.repetition
        self.special = set(special)

    def __call__(self, value: str) -> str:
        if not self.special.intersection(value):
            return value
        release = self.delimiters.release
        if release is None:
            raise ValueError(f"{value!r} holds a delimiter and the advice names no release")
        return "".join(release + char if char in self.special else char for char in value)


def _yymmdd(value: date) -> str:
    return value.strftime("%y%m%d")


def _when(value: datetime) -> str:
    return value.strftime("%y%m%d%H%M")


class _Message:
    """Segments of one message, each a list of elements, each a list of components."""

    def __init__(self) -> None:
        self.segments: list[list[list[str]]] = []

    def add(self, tag: str, *elements: str | Sequence[str]) -> None:
        parts = [[element] if isinstance(element, str) else list(element) for element in elements]
        self.segments.append([[tag], *parts])


def _flight(message: _Message, flight: Flight) -> None:
    message.add("TDT", "20", flight.number, "", "", flight.carrier or "")
    if len(flight.legs) == 1:
        leg = flight.legs[0]
        message.add("LOC", "125", leg.origin or "")
        if leg.departure is not None:
            message.add("DTM", ["189", _when(leg.departure), "201"])
        message.add("LOC", "87", leg.destination or "")
        if leg.arrival is not None:
            message.add("DTM", ["232", _when(leg.arrival), "201"])
        return
    for leg in flight.legs:
        message.add("LOC", "92", leg.origin or "")
        if leg.departure is not None:
            message.add("DTM", ["189", _when(leg.departure), "201"])
        message.add("LOC", "92", leg.destination or "")
        if leg.arrival is not None:
            message.add("DTM", ["232", _when(leg.arrival), "201"])


def _person(message: _Message, person: Person) -> None:
    name = [person.surname, person.given_names] if person.given_names else [person.surname]
    message.add("NAD", person.role_code, "", "", name)
    if person.sex:
        message.add("ATT", "2", "", person.sex)
    if person.birth_date is not None:
        message.add("DTM", ["329", _yymmdd(person.birth_date)])
    if person.bags is not None:
        message.add("MEA", "CT", "", ["", str(person.bags)])
    for tag in person.bag_tags:
        message.add("FTX", "BAG", "", "", [tag.number, str(tag.count)])
    for qualifier, place in (
        ("174", person.residence),
        ("178", person.embarkation),
        ("179", person.debarkation),
    ):
        if place:
            message.add("LOC", qualifier, place)
    if person.birth_place:
        message.add("LOC", "180", ["", "", "", person.birth_place])
    if person.nationality:
        message.add("NAT", "2", person.nationality)
    for qualifier, value in person.references:
        message.add("RFF", [qualifier, value])
    if person.seat:
        message.add("RFF", ["SEA", person.seat])
    documents = [(d.type, d.number, d.issuing_state, d.expiry, d.issued) for d in person.documents]
    documents += [("V", v.number, v.issuing_state, v.expiry, v.issued) for v in person.visas]
    for kind, number, issuer, expiry, issued in documents:
        message.add("DOC", kind, number)
        if expiry is not None:
            message.add("DTM", ["36", _yymmdd(expiry)])
        if issued is not None:
            message.add("DTM", ["182", _yymmdd(issued)])
        if issuer:
            message.add("LOC", "91", issuer)


def _parts(manifest: Manifest, max_persons: int | None) -> Iterator[tuple[Person, ...]]:
    persons = manifest.persons
    size = max_persons if max_persons and max_persons > 0 else max(1, len(persons))
    for start in range(0, max(1, len(persons)), size):
        yield persons[start : start + size]


def _messages(
    manifest: Manifest, number: int, max_persons: int | None
) -> Iterator[tuple[_Message, str]]:
    parts = list(_parts(manifest, max_persons))
    access = manifest.reference or f"MANIFEST{number}"
    for index, persons in enumerate(parts, 1):
        message = _Message()
        reference = f"{number}" if len(parts) == 1 else f"{number}-{index}"
        header: list[str | list[str]] = [reference, MESSAGE_ID.split(":")]
        if len(parts) > 1:
            header += [access, [f"{index:02d}", "F" if index == len(parts) else "C"]]
        message.add("UNH", *header)
        message.add("BGM", manifest.document_code or ("250" if manifest.kind == "crew" else "745"))
        if manifest.reference is not None:
            message.add("RFF", ["TN", manifest.reference])
        if manifest.sender is not None:
            message.add("NAD", "MS", "", "", [manifest.sender])
        for flight in manifest.flights:
            _flight(message, flight)
        for person in persons:
            _person(message, person)
        if index == len(parts):
            totals = []
            for qualifier, role in (("42", "passenger"), ("41", "crew")):
                count = sum(1 for p in manifest.persons if p.role == role)
                if count or role == manifest.kind:
                    totals.append([qualifier, str(count)])
            message.add("CNT", *totals)
        message.add("UNT", str(len(message.segments) + 1), reference)
        yield message, reference


def _render(segments: list[list[list[str]]], d: Delimiters, escape: _Escaper, end: str) -> str:
    return "".join(
        d.element.join(d.component.join(escape(c) for c in element) for element in segment)
        + d.terminator
        + end
        for segment in segments
    )


def write_paxlst(
    manifests: Sequence[Manifest],
    *,
    sender: str = "BORDERPOST",
    recipient: str = "BORDER",
    prepared: datetime,
    control: str = "1",
    delimiters: Delimiters = WRITER_DELIMITERS,
    max_persons: int | None = None,
    line_breaks: bool = True,
) -> str:
    """One interchange of PAXLST messages (text; encode it as UTF-8).

    ``prepared`` is the interchange's date and time of preparation (two-digit birth years
    are read against it); ``control`` its control reference; ``max_persons`` splits a long
    manifest into parts; ``line_breaks`` puts each segment on its own line.
    """
    escape = _Escaper(delimiters)
    messages = [
        item
        for number, manifest in enumerate(manifests, 1)
        for item in _messages(manifest, number, max_persons)
    ]
    body = [segment for message, _ in messages for segment in message.segments]
    syntax = "UNOB" if all(ord(c) < 128 for s in body for e in s for c in "".join(e)) else "UNOY"
    stamp = [prepared.strftime("%y%m%d"), prepared.strftime("%H%M")]
    envelope_head = [
        [["UNB"], [syntax, "4"], [sender], [recipient], stamp, [control]],
        [["UNG"], ["PAXLST"], [sender], [recipient], stamp, [control], ["UN"], ["D", "05B"]],
    ]
    envelope_tail = [
        [["UNE"], [str(len(messages))], [control]],
        [["UNZ"], ["1"], [control]],
    ]
    end = "\n" if line_breaks else ""
    text = delimiters.advice() + end
    text += _render(envelope_head + body + envelope_tail, delimiters, escape, end)
    return text
