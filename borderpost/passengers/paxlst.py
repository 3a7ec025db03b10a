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
from typing import cast

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
    """A person being read: the fields of :class:`Person` found so far (attributes, not a
    dictionary of keyword arguments: a person is built with positional arguments, which
    is the cheaper call, once per traveller of every manifest)."""

    __slots__ = (
        "bag_tags", "bags", "birth_date", "birth_place", "code", "debarkation", "documents",
        "embarkation", "given_names", "nationality", "references", "residence", "role", "seat",
        "sex", "surname", "visas",
    )  # fmt: skip

    def __init__(self, role: Role, code: str, surname: str, given_names: str) -> None:
        self.role, self.code, self.surname, self.given_names = role, code, surname, given_names
        self.sex: str | None = None
        self.birth_date: date | None = None
        self.nationality: str | None = None
        self.residence: str | None = None
        self.birth_place: str | None = None
        self.embarkation: str | None = None
        self.debarkation: str | None = None
        self.seat: str | None = None
        self.bags: int | None = None
        self.documents: list[TravelDocument] = []
        self.visas: list[Visa] = []
        self.bag_tags: list[BagTag] = []
        self.references: list[tuple[str, str]] = []

    def person(self) -> Person:
        return Person(
            self.role, self.code, self.surname, self.given_names, self.sex, self.birth_date,
            self.nationality, self.residence, self.birth_place, self.embarkation,
            self.debarkation, tuple(self.documents), tuple(self.visas), self.seat, self.bags,
            tuple(self.bag_tags), tuple(self.references),
        )  # fmt: skip


class _Document:
    """A travel document or visa being read (``DOC`` and the ``DTM``/``LOC`` after it)."""

    __slots__ = ("expiry", "issued", "issuing_state", "number", "type")

    def __init__(self, kind: str, number: str) -> None:
        self.type, self.number = kind, number
        self.issuing_state: str | None = None
        self.expiry: date | None = None
        self.issued: date | None = None


@dataclass(slots=True)
class _Point:
    qualifier: str
    place: str
    departure: datetime | None = None
    arrival: datetime | None = None


_RESIDENCE_PLACES = frozenset(("174", "178", "179", "180"))
_LEG_TIMES = frozenset(("189", "232", "554"))


class _Reader:
    """One message's reader. The handlers run once per segment of every manifest, so they
    read their components inline (``elements[i].partition(component)[0]``, then ``strip``)
    rather than through :meth:`code_value`: the same values and warnings, in the same order,
    at a fraction of the cost (see ``bench/paxlst.py``)."""

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
        self.document: _Document | None = None
        self.totals: list[tuple[str, str]] = []
        self.totals_at: Position | None = None
        self.section = "header"
        # DTM components after the qualifier, separator, past -> date, padded value, value
        self.dates: dict[
            tuple[str, str, bool], tuple[tuple[datetime, date] | None, str | None, str]
        ] = {}
        tables = codes()
        self.reporting_parties = tables["reporting_parties"]
        self.party_roles = cast(Mapping[str, Role], tables["party_roles"])

    def warn(self, code: str, segment: Segment, message: str) -> None:
        self.warnings.append(warning(code, segment.position, message))

    def padded(self, segment: Segment, raw: str) -> None:
        """Report a value written with spaces around it."""
        self.warn("padded_value", segment, f"{segment.tag} value {raw!r} had spaces")

    def code_value(self, segment: Segment, index: int, component: int = 0) -> str:
        """A code or date: spaces around it are removed (and reported). The same as
        ``segment.value(index, component).strip()``, in one call."""
        elements = segment.elements
        if index >= len(elements):
            return ""
        if component:
            parts = elements[index].split(segment.component)
            raw = parts[component] if component < len(parts) else ""
        else:
            raw = elements[index].partition(segment.component)[0]
        value = raw.strip()
        if value != raw and value:
            self.padded(segment, raw)
        return value

    def stripped(self, segment: Segment, raw: str) -> str:
        """``raw`` without spaces around it (reported when there were any)."""
        value = raw.strip()
        if value != raw and value:
            self.padded(segment, raw)
        return value

    def when(
        self, segment: Segment, rest: str, *, past: bool = False
    ) -> tuple[datetime, date] | None:
        """The date of a ``DTM`` from ``rest``, its components after the qualifier
        (``value:format``), in the format's own form or by length; with its day. Each
        distinct ``rest`` is read once per message."""
        key = (rest, segment.component, past)
        found = self.dates.get(key)
        if found is None:
            parts = rest.split(segment.component)
            raw = parts[0]
            value = raw.strip()
            form = parts[1].strip() if len(parts) > 1 else ""
            parsed = edifact_datetime(value, form, self.reference, past=past)
            moment = (parsed, parsed.date()) if parsed is not None else None
            padded = raw if value != raw and value else None
            found = self.dates[key] = (moment, padded, value)
        moment, padded, value = found
        if padded is not None:
            self.padded(segment, padded)
        if moment is None:
            self.warn("invalid_date", segment, f"DTM value {value!r} is not a date")
        return moment

    def read(self) -> PaxlstReading:
        get = _HANDLERS.get
        for segment in self.message.body:
            handler = get(segment.tag)
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
        elements, separator = segment.elements, segment.component
        raw, _, rest = (elements[0] if elements else "").partition(separator)
        qualifier = raw.strip()
        if qualifier != raw and qualifier:
            self.padded(segment, raw)
        value = rest.partition(separator)[0]
        traveller = self.traveller
        if traveller is not None:
            if qualifier == "SEA":
                traveller.seat = value.strip()
            else:
                traveller.references.append((qualifier, value))
        elif qualifier == "TN" and self.section == "header":
            self.doc_reference = value

    def _nad(self, segment: Segment) -> None:
        elements = segment.elements
        raw = elements[0].partition(segment.component)[0] if elements else ""
        qualifier = raw.strip()
        if qualifier != raw and qualifier:
            self.padded(segment, raw)
        self._end_person()
        if qualifier in self.reporting_parties:
            self._end_flight()
            name = " ".join(part for part in segment.element(3) if part)
            self.sender = name or segment.value(1) or None
            self.section = "sender"
            return
        role = self.party_roles.get(qualifier)
        if role is None:
            self.warn("unknown_party", segment, f"NAD qualifier {qualifier!r} is not known")
            self.section = "ignore"
            return
        if self.flight is not None:
            self._end_flight()
        self.section = "person"
        names = elements[3].split(segment.component) if len(elements) > 3 else []
        surname = names[0] if names else ""
        if not surname:
            self.warn("missing_name", segment, f"NAD+{qualifier} holds no surname")
        self.traveller = _Traveller(role, qualifier, surname, " ".join(names[1:]))

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
        elements, separator = segment.elements, segment.component
        size = len(elements)
        raw = elements[0].partition(separator)[0] if size else ""
        qualifier = raw.strip()
        if qualifier != raw and qualifier:
            self.padded(segment, raw)
        raw = elements[1].partition(separator)[0] if size > 1 else ""
        place = raw.strip()
        if place != raw and place:
            self.padded(segment, raw)
        section = self.section
        if section == "flight":
            self.points.append(_Point(qualifier, place))
        elif section == "document" and self.document is not None and qualifier == "91":
            self.document.issuing_state = place or None
        elif (
            (section == "person" or section == "document")
            and self.traveller is not None
            and qualifier in _RESIDENCE_PLACES
        ):
            self._place(self.traveller, qualifier, place, segment)

    @staticmethod
    def _place(traveller: _Traveller, qualifier: str, place: str, segment: Segment) -> None:
        """Residence (``174``), embarkation (``178``), debarkation (``179``) or birth place
        (``180``, the place's name when it has no code)."""
        if qualifier == "180":
            place = place or segment.value(1, 3).strip()
        if not place:
            return
        if qualifier == "174":
            traveller.residence = place
        elif qualifier == "178":
            traveller.embarkation = place
        elif qualifier == "179":
            traveller.debarkation = place
        else:
            traveller.birth_place = place

    def _dtm(self, segment: Segment) -> None:
        elements = segment.elements
        raw, _, rest = elements[0].partition(segment.component) if elements else ("", "", "")
        qualifier = raw.strip()
        if qualifier != raw and qualifier:
            self.padded(segment, raw)
        section = self.section
        if section == "flight":
            if self.points and qualifier in _LEG_TIMES:
                point = self.points[-1]
                moment = self.when(segment, rest)
                if qualifier == "232":
                    point.arrival = moment[0] if moment else None
                else:
                    point.departure = moment[0] if moment else None
        elif section == "person":
            if self.traveller is not None and qualifier == "329":
                moment = self.when(segment, rest, past=True)
                self.traveller.birth_date = moment[1] if moment else None
        elif section == "document" and self.document is not None:
            if qualifier == "36":
                moment = self.when(segment, rest)
                self.document.expiry = moment[1] if moment else None
            elif qualifier == "182":
                moment = self.when(segment, rest)
                self.document.issued = moment[1] if moment else None

    def _att(self, segment: Segment) -> None:
        traveller = self.traveller
        if traveller is None:
            return
        elements, separator = segment.elements, segment.component
        size = len(elements)
        raw = elements[0].partition(separator)[0] if size else ""
        function = raw.strip()
        if function != raw and function:
            self.padded(segment, raw)
        if function == "2":
            raw = elements[2].partition(separator)[0] if size > 2 else ""
            sex = raw.strip()
            if sex != raw and sex:
                self.padded(segment, raw)
            traveller.sex = sex or None

    def _nat(self, segment: Segment) -> None:
        traveller = self.traveller
        if traveller is not None:
            elements = segment.elements
            raw = elements[1].partition(segment.component)[0] if len(elements) > 1 else ""
            nationality = raw.strip()
            if nationality != raw and nationality:
                self.padded(segment, raw)
            traveller.nationality = nationality or None

    def _mea(self, segment: Segment) -> None:
        if self.traveller is None or self.code_value(segment, 0) != "CT":
            return
        value = self.code_value(segment, 2, 1)
        if value.isdigit():
            self.traveller.bags = int(value)
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
        if self.document is not None:
            self._end_document()
        elements, separator = segment.elements, segment.component
        size = len(elements)
        raw = elements[1].partition(separator)[0] if size > 1 else ""
        number = raw.strip()
        if number != raw and number:
            self.padded(segment, raw)
        if not number:
            self.warn("missing_document_number", segment, "DOC segment holds no number")
        raw = elements[0].partition(separator)[0] if size else ""
        kind = raw.strip()
        if kind != raw and kind:
            self.padded(segment, raw)
        self.document = _Document(kind, number)
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
        if document.type == "V":
            visa = Visa(document.number, document.issuing_state, document.expiry, document.issued)
            traveller.visas.append(visa)
        else:
            traveller.documents.append(
                TravelDocument(
                    document.type,
                    document.number,
                    document.issuing_state,
                    document.expiry,
                    document.issued,
                )
            )

    def _end_person(self) -> None:
        if self.document is not None:
            self._end_document()
        traveller = self.traveller
        if traveller is None:
            return
        self.traveller = None
        self.persons.append(traveller.person())

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
