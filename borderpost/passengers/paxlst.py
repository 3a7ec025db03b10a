"""PAXLST (passenger and crew lists, WCO/IATA/ICAO API guidelines) to a :class:`Manifest`.

The segment groups of the guide (D.02B to D.15B): the reporting party (``NAD+MS``, ``COM``),
flights (``TDT`` with ``LOC``/``DTM`` per airport), then one group per traveller (``NAD+FL``
passenger, ``NAD+FM`` crew, ``DDT``/``DDU`` in transit) with ``ATT`` sex, ``DTM+329`` birth,
``MEA``/``FTX+BAG`` bags, ``LOC`` residence/embarkation/debarkation/birth place, ``NAT``,
``RFF`` references and seat, and ``DOC``/``DTM``/``LOC`` documents and visas; ``CNT`` totals.
Unknown segments are ignored; what is malformed is reported and skipped.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any, cast

from borderpost.passengers.dates import edifact_datetime
from borderpost.passengers.edifact import Segment
from borderpost.passengers.envelope import Message
from borderpost.passengers.findings import ParseWarning, Position, warning
from borderpost.passengers.manifest import (
    BagTag,
    Flight,
    Leg,
    Manifest,
    Person,
    Role,
    TravelDocument,
    Visa,
)

__all__ = ["PaxlstReading", "check_totals", "codes", "read_paxlst", "unsupported_reason"]


@cache
def codes() -> Mapping[str, Mapping[str, str]]:
    """The code lists of ``data/codes.toml`` (manifest kinds, party roles, document types ...)."""
    text = resources.files("borderpost.passengers").joinpath("data/codes.toml").read_text()
    return cast(dict[str, dict[str, str]], tomllib.loads(text))


@dataclass(frozen=True, slots=True)
class PaxlstReading:
    """A manifest and the control totals its ``CNT`` segment declares (qualifier, value)."""

    manifest: Manifest
    totals: tuple[tuple[str, str], ...]
    totals_at: Position | None = None


def unsupported_reason(message: Message) -> str | None:
    """Why a PAXLST message is of a variant this reader does not interpret, or ``None``.

    The older US variant (CBP's pre-WCO APIS, association code ``US``) and directories
    before D.02B (``D:93A`` ... ``D:01B``) predate the WCO/IATA/ICAO guide's segment groups.
    """
    association = message.association
    if association == "US":
        return f"{message.identifier}: the older US (CBP) PAXLST variant is not supported"
    release = message.header.value(1, 2).strip().upper()
    if message.header.value(1, 1).strip() == "D" and len(release) == 3 and release[:2].isdigit():
        year = int(release[:2])
        if year >= 90 or year < 2:
            return f"{message.identifier}: directories before D.02B are not supported"
    return None


_TAGS = ("BGM", "RFF", "NAD", "TDT", "LOC", "DTM", "ATT", "NAT", "MEA", "FTX", "DOC", "CNT")


class _Traveller:
    """A person being read: the fields of :class:`Person` found so far."""

    __slots__ = ("bag_tags", "code", "documents", "fields", "references", "role", "visas")

    def __init__(self, role: Role, code: str, fields: dict[str, Any]) -> None:
        self.role, self.code, self.fields = role, code, fields
        self.documents: list[TravelDocument] = []
        self.visas: list[Visa] = []
        self.bag_tags: list[BagTag] = []
        self.references: list[tuple[str, str]] = []


@dataclass(slots=True)
class _Point:
    qualifier: str
    place: str
    departure: datetime | None = None
    arrival: datetime | None = None


class _Reader:
    def __init__(self, message: Message, reference: date, warnings: list[ParseWarning]) -> None:
        self.message = message
        self.reference = reference
        self.warnings = warnings
        self.kind: Role = "passenger"
        self.code = ""
        self.doc_reference: str | None = None
        self.sender: str | None = None
        self.flights: list[Flight] = []
        self.flight: tuple[str, str | None] | None = None
        self.points: list[_Point] = []
        self.persons: list[Person] = []
        self.traveller: _Traveller | None = None
        self.document: dict[str, Any] | None = None
        self.totals: list[tuple[str, str]] = []
        self.totals_at: Position | None = None
        self.section = "header"

    def warn(self, code: str, segment: Segment, message: str) -> None:
        self.warnings.append(warning(code, segment.position, message))

    def code_value(self, segment: Segment, index: int, component: int = 0) -> str:
        """A code or date: spaces around it are removed (and reported). The same as
        ``segment.value(index, component).strip()``, in one call: readers spend their time here."""
        elements = segment.elements
        if index >= len(elements):
            return ""
        if component:
            parts = elements[index].split(segment.component)
            raw = parts[component] if component < len(parts) else ""
        else:
            raw = elements[index].partition(segment.component)[0]
        value = raw.strip()  # as in stripped(), inlined: this is the readers' busiest line
        if value != raw and value:
            self.warn("padded_value", segment, f"{segment.tag} value {raw!r} had spaces")
        return value

    def stripped(self, segment: Segment, raw: str) -> str:
        """``raw`` without spaces around it (reported when there were any)."""
        value = raw.strip()
        if value != raw and value:
            self.warn("padded_value", segment, f"{segment.tag} value {raw!r} had spaces")
        return value

    def when(self, segment: Segment, *, past: bool = False) -> datetime | None:
        """The date of a ``DTM`` (``qualifier:value:format``), the format's own or by length."""
        parts = segment.elements[0].split(segment.component) if segment.elements else []
        value = self.stripped(segment, parts[1]) if len(parts) > 1 else ""
        form = parts[2].strip() if len(parts) > 2 else ""
        parsed = edifact_datetime(value, form, self.reference, past=past)
        if parsed is None:
            self.warn("invalid_date", segment, f"DTM value {value!r} is not a date")
        return parsed

    def read(self) -> PaxlstReading:
        handlers = _HANDLERS
        for segment in self.message.body:
            handler = handlers.get(segment.tag)
            if handler is not None:
                handler(self, segment)
        self._end_person()
        self._end_flight()
        manifest = Manifest(
            kind=self.kind,
            flights=tuple(self.flights),
            persons=tuple(self.persons),
            document_code=self.code,
            reference=self.doc_reference,
            sender=self.sender,
        )
        return PaxlstReading(manifest, tuple(self.totals), self.totals_at)

    def _bgm(self, segment: Segment) -> None:
        self.code = self.code_value(segment, 0)
        kind = codes()["manifest_kinds"].get(self.code)
        self.kind = "crew" if kind == "crew" else "passenger"

    def _rff(self, segment: Segment) -> None:
        first = segment.elements[0] if segment.elements else ""
        raw, _, rest = first.partition(segment.component)
        qualifier, value = self.stripped(segment, raw), rest.partition(segment.component)[0]
        if self.traveller is not None:
            if qualifier == "SEA":
                self.traveller.fields["seat"] = value.strip()
            else:
                self.traveller.references.append((qualifier, value))
        elif qualifier == "TN" and self.section == "header":
            self.doc_reference = value

    def _nad(self, segment: Segment) -> None:
        qualifier = self.code_value(segment, 0)
        self._end_person()
        if qualifier in codes()["reporting_parties"]:
            self._end_flight()
            name = " ".join(part for part in segment.element(3) if part)
            self.sender = name or segment.value(1) or None
            self.section = "sender"
            return
        role = codes()["party_roles"].get(qualifier)
        if role is None:
            self.warn("unknown_party", segment, f"NAD qualifier {qualifier!r} is not known")
            self.section = "ignore"
            return
        self._end_flight()
        self.section = "person"
        names = segment.element(3)
        surname = names[0] if names else ""
        if not surname:
            self.warn("missing_name", segment, f"NAD+{qualifier} holds no surname")
        self.traveller = _Traveller(
            cast(Role, role), qualifier, {"surname": surname, "given_names": " ".join(names[1:])}
        )

    def _tdt(self, segment: Segment) -> None:
        self._end_person()
        self._end_flight()
        number = self.code_value(segment, 1)
        carrier = self.code_value(segment, 4) or None
        if carrier and number and not number.startswith(carrier):
            self.warn(
                "flight_carrier_mismatch",
                segment,
                f"flight {number!r} does not start with its carrier {carrier!r}",
            )
        self.flight = (number, carrier)
        self.section = "flight"

    def _loc(self, segment: Segment) -> None:
        qualifier, place = self.code_value(segment, 0), self.code_value(segment, 1)
        if self.section == "flight":
            self.points.append(_Point(qualifier, place))
        elif self.section == "document" and self.document is not None and qualifier == "91":
            self.document["issuing_state"] = place or None
        elif self.section in ("person", "document") and self.traveller is not None:
            name = {
                "174": "residence",
                "178": "embarkation",
                "179": "debarkation",
                "180": "birth_place",
            }.get(qualifier)
            if name == "birth_place":
                place = place or segment.value(1, 3).strip()
            if name is not None and place:
                self.traveller.fields[name] = place

    def _dtm(self, segment: Segment) -> None:
        qualifier = self.code_value(segment, 0)
        if self.section == "flight" and self.points and qualifier in ("189", "232", "554"):
            point = self.points[-1]
            if qualifier == "232":
                point.arrival = self.when(segment)
            else:
                point.departure = self.when(segment)
        elif self.section == "person" and self.traveller is not None and qualifier == "329":
            moment = self.when(segment, past=True)
            self.traveller.fields["birth_date"] = moment.date() if moment else None
        elif self.section == "document" and self.document is not None:
            name = {"36": "expiry", "182": "issued"}.get(qualifier)
            if name is not None:
                moment = self.when(segment)
                self.document[name] = moment.date() if moment else None

    def _att(self, segment: Segment) -> None:
        if self.traveller is not None and self.code_value(segment, 0) == "2":
            self.traveller.fields["sex"] = self.code_value(segment, 2) or None

    def _nat(self, segment: Segment) -> None:
        if self.traveller is not None:
            self.traveller.fields["nationality"] = self.code_value(segment, 1) or None

    def _mea(self, segment: Segment) -> None:
        if self.traveller is None or self.code_value(segment, 0) != "CT":
            return
        value = self.code_value(segment, 2, 1)
        if value.isdigit():
            self.traveller.fields["bags"] = int(value)
        else:
            self.warn("invalid_number", segment, f"bag count {value!r} is not a whole number")

    def _ftx(self, segment: Segment) -> None:
        if self.traveller is None or self.code_value(segment, 0) != "BAG":
            return
        tag, count = segment.value(3, 0).strip(), self.code_value(segment, 3, 1)
        if tag:
            self.traveller.bag_tags.append(BagTag(tag, int(count) if count.isdigit() else 1))

    def _doc(self, segment: Segment) -> None:
        if self.traveller is None:
            return
        self._end_document()
        number = self.code_value(segment, 1)
        if not number:
            self.warn("missing_document_number", segment, "DOC segment holds no number")
        self.document = {"type": self.code_value(segment, 0), "number": number}
        self.section = "document"

    def _cnt(self, segment: Segment) -> None:
        self._end_person()
        self.section = "trailer"
        self.totals_at = segment.position
        for element in segment.all_elements():
            if element:
                self.totals.append((element[0].strip(), ":".join(element[1:]).strip()))

    def _end_document(self) -> None:
        document, traveller = self.document, self.traveller
        self.document = None
        if document is None or traveller is None:
            return
        if document["type"] == "V":
            document.pop("type")
            traveller.visas.append(Visa(**document))
        else:
            traveller.documents.append(TravelDocument(**document))

    def _end_person(self) -> None:
        self._end_document()
        traveller, self.traveller = self.traveller, None
        if traveller is None:
            return
        self.persons.append(
            Person(
                role=traveller.role,
                role_code=traveller.code,
                documents=tuple(traveller.documents),
                visas=tuple(traveller.visas),
                bag_tags=tuple(traveller.bag_tags),
                references=tuple(traveller.references),
                **traveller.fields,
            )
        )

    def _end_flight(self) -> None:
        if self.flight is None:
            return
        number, carrier = self.flight
        self.flights.append(Flight(number, carrier, _legs(self.points)))
        self.flight, self.points = None, []


_HANDLERS: dict[str, Callable[[_Reader, Segment], None]] = {
    tag: getattr(_Reader, f"_{tag.lower()}") for tag in _TAGS
}


def _legs(points: list[_Point]) -> tuple[Leg, ...]:
    """Legs from a flight's airports in order: ``125`` and departure times open a leg, ``87``
    and arrival times close one; a bare routing airport (``92``) closes an open leg, else
    opens one."""
    legs: list[Leg] = []
    open_leg: _Point | None = None
    for point in points:
        closes = point.arrival is not None or point.qualifier == "87"
        opens = point.departure is not None or point.qualifier == "125"
        if not closes and not opens:
            closes = open_leg is not None
            opens = not closes
        if closes:
            departure = open_leg.departure if open_leg else None
            origin = open_leg.place if open_leg else None
            legs.append(Leg(origin, point.place or None, departure, point.arrival))
            open_leg = None
        if opens:
            if open_leg is not None:
                legs.append(Leg(open_leg.place or None, None, open_leg.departure, None))
            open_leg = point
    if open_leg is not None:
        legs.append(Leg(open_leg.place or None, None, open_leg.departure, None))
    return tuple(legs)


def read_paxlst(message: Message, reference: date, warnings: list[ParseWarning]) -> PaxlstReading:
    """The manifest of one PAXLST message; warnings are appended to ``warnings``.
    ``reference`` resolves two-digit years (the interchange's date of preparation)."""
    return _Reader(message, reference, warnings).read()


def check_totals(reading: PaxlstReading, warnings: list[ParseWarning]) -> None:
    """Compare the ``CNT`` totals (41 crew, 42 passengers) with the persons listed."""
    if reading.totals_at is None:
        return
    for qualifier, declared in reading.totals:
        role = codes()["totals"].get(qualifier)
        if role is None:
            continue
        if not declared.isdigit():
            warnings.append(
                warning("count_not_numeric", reading.totals_at, f"CNT+{qualifier} {declared!r}")
            )
            continue
        listed = sum(1 for person in reading.manifest.persons if person.role == role)
        if int(declared) != listed:
            warnings.append(
                warning(
                    "traveller_count_mismatch",
                    reading.totals_at,
                    f"CNT+{qualifier} declares {declared} {role} on board, {listed} listed",
                )
            )
