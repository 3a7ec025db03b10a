"""How each traveller crosses the border in the window: entries, exits, flights, permits.

``crossings(spec, context, traveller, document)`` draws traveller ``i``'s trips from
``stream(spec, "movement", i)`` by the kind of traveller they are (``movement.toml``):

- border traders (residents of a neighbouring country) cross by road every week or so;
- visitors (other foreigners, and citizens who live abroad) come once, by air mostly, on the
  permit their nationality gets (``visas.csv``); a few stay longer than it lets them
  (overstayers: their exit comes after the permitted date, or not in the window);
- residents (citizens and foreign residents of the home country) go abroad and come back.

Every traveller has at least one crossing in the window. Crossings by air board a scheduled
flight (:mod:`.flights`); by land or sea they fall in the port's opening hours. The officer on
duty at the port checks the document: a watchlisted traveller raises a screening hit (most of
the time), a reported document a lost/stolen alert, an expired or forged one a document alert,
and the officer decides (:func:`.officers.decide`). A network member's movement is the trips
their network plans for them (:attr:`.model.Plan.trips`). A few crossings carry cash above the
declaration threshold, which the traveller declares.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from borderpost.sim.world import tables
from borderpost.sim.world.clerks import enforcement_table
from borderpost.sim.world.documents import TravelDocument
from borderpost.sim.world.flights import Flight, board, flight_day, nearest
from borderpost.sim.world.geography import Port, PortKind, geography
from borderpost.sim.world.model import Direction, Officer, PlannedCrossing, Traveller
from borderpost.sim.world.officers import rules
from borderpost.sim.world.people import Weighted, weighted
from borderpost.sim.world.spec import WorldSpec, stream

__all__ = ["Context", "Crossing", "Declaration", "Staff", "crossings", "kind_of"]

#: ``on_duty(port_code, when, rng)`` → the officer at the booth (see :func:`.officers.on_duty`).
OnDuty = Callable[[str, datetime, random.Random], Officer]
#: ``decide(officer, hit, member, rng)`` → "cleared", "referred" or "refused".
Decide = Callable[[Officer, bool, bool, random.Random], str]


@dataclass(frozen=True, slots=True)
class Staff:
    """The officers movement asks: who is on duty, what they decide, and who an id is."""

    on_duty: OnDuty
    decide: Decide
    officer: Callable[[str], Officer]


@dataclass(frozen=True, slots=True)
class Declaration:
    """Cash a traveller declares on a crossing: its value in US dollars, the currency carried,
    and what they wrote for its source and purpose."""

    usd: int
    currency: str
    source: str
    purpose: str


def _declared(rng: random.Random, threshold: int) -> Declaration:
    data = tables.movement()
    table = enforcement_table()["declarations"]
    low, high = data["cash_amounts"]
    return Declaration(
        max(threshold, rng.randrange(low, high) // 100 * 100),
        rng.choice(data["currencies"]),
        rng.choice(table["sources"]),
        rng.choice(table["purposes"]),
    )


@dataclass(frozen=True, slots=True)
class Crossing:
    """One passage of the border by one traveller, as the port recorded it (plus who it was).

    ``alerts`` are what the booth saw: "watchlist" (a screening hit), "lost_stolen" (the
    document is reported) and "document" (expired, or its MRZ fails). ``declaration`` is the
    cash declared on this crossing, if any.
    """

    id: str
    traveller_id: str
    document: TravelDocument
    direction: Direction
    port: str
    mode: str
    when: datetime
    officer_id: str
    decision: str
    alerts: tuple[str, ...]
    flight: Flight | None = None
    flight_date: date | None = None
    vessel: str = ""
    vehicle: str = ""
    permit: str = ""
    permitted_until: date | None = None
    network_id: str = ""
    planned_id: str = ""
    commodity: str = ""
    concealment: str = ""
    overstay: bool = False
    declaration: Declaration | None = None

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready line of crossings.jsonl (network facts stay in the truth)."""
        return {
            "id": self.id,
            "traveller_id": self.traveller_id,
            "document_id": self.document.id,
            "document_number": self.document.number,
            "document_country": self.document.issuing_state,
            "direction": self.direction,
            "port": self.port,
            "mode": self.mode,
            "time": self.when.isoformat(timespec="minutes"),
            "officer_id": self.officer_id,
            "decision": self.decision,
            "alerts": list(self.alerts),
            "flight": None if self.flight is None else self.flight.number,
            "flight_date": None if self.flight_date is None else self.flight_date.isoformat(),
            "vessel": self.vessel or None,
            "vehicle": self.vehicle or None,
            "permit": self.permit or None,
            "permitted_until": None
            if self.permitted_until is None
            else self.permitted_until.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class _Leg:
    direction: Direction
    day: float  # days after the window's start
    mode: str
    port: Port


_PORT_KINDS: dict[str, PortKind] = {"air": "airport", "sea": "seaport", "land": "land"}
_MODES = {kind: mode for mode, kind in _PORT_KINDS.items()}


@cache
def _ports(mode: str) -> tuple[Weighted, dict[str, Port]]:
    ports = geography().ports_of(_PORT_KINDS[mode])
    return weighted({p.code: p.share for p in ports}), {p.code: p for p in ports}


@cache
def _neighbour_ports() -> dict[str, Port]:
    return {p.neighbour: p for p in geography().ports_of("land")}


@cache
def _modes(kind: str) -> Weighted:
    return weighted(tables.movement()["kinds"][kind]["modes"])


def kind_of(traveller: Traveller, rng: random.Random) -> str:
    """The kind of traveller (a table of movement.toml's ``kinds``)."""
    home = geography().home.code
    if traveller.residence == home:
        return "resident"
    neighbour = traveller.residence in _neighbour_ports()
    if neighbour and rng.random() < tables.movement()["border_traders"]:
        return "border_trader"
    return "visitor"


def _port(mode: str, traveller: Traveller, rng: random.Random) -> Port:
    if mode == "land":
        near = _neighbour_ports().get(traveller.residence)
        if near is not None and rng.random() < 0.85:
            return near
    table, by_code = _ports(mode)
    return by_code[table.draw(rng)]


def _trips(kind: str, days: int, rng: random.Random) -> list[tuple[float, float]]:
    """(start, length) in days of the traveller's trips, at least one crossing in the window."""
    data = tables.movement()["kinds"][kind]
    low, high = data["stay"]
    every = float(data["every_days"])
    length = rng.uniform(low, high + 1)
    start = rng.uniform(-length, days)
    found = [(start, length)]
    while True:
        start = start + length + rng.expovariate(1 / every)
        if start >= days:
            return found
        length = rng.uniform(low, high + 1)
        found.append((start, length))


def _in_hours(port: Port, day: date, rng: random.Random) -> datetime:
    if port.hours >= 24:
        minute = rng.randrange(24 * 60)
    else:
        opens = rules().opens * 60
        minute = opens + rng.randrange(port.hours * 60)
    return datetime.combine(day, time()) + timedelta(minutes=minute)


def _legs(spec: WorldSpec, traveller: Traveller, kind: str, rng: random.Random) -> list[_Leg]:
    out: Direction = "exit" if kind == "resident" else "entry"
    back: Direction = "entry" if kind == "resident" else "exit"
    legs: list[_Leg] = []
    for start, length in _trips(kind, spec.days, rng):
        mode = _modes(kind).draw(rng)
        port = _port(mode, traveller, rng)
        legs.append(_Leg(out, start, mode, port))
        home_port = port if rng.random() < 0.8 else _port(mode, traveller, rng)
        legs.append(_Leg(back, start + length, mode, home_port))
    return legs


def _planned(spec: WorldSpec, trips: Sequence[PlannedCrossing]) -> list[_Leg]:
    legs = []
    by_code = {p.code: p for p in geography().ports}
    for trip in trips:
        port = by_code[trip.port]
        mode = _MODES[port.kind]
        offset = (trip.when - datetime.combine(spec.start, time())).total_seconds() / 86400
        legs.append(_Leg(trip.direction, offset, mode, port))
    return legs


@dataclass(frozen=True, slots=True)
class Context:
    """What movement needs beyond the traveller: staff, and the traveller's standing."""

    staff: Staff
    watchlisted: bool = False
    trips: tuple[PlannedCrossing, ...] = ()
    intercepted: frozenset[str] = frozenset()  # planned crossing ids the border intercepts


def _alerts(
    document: TravelDocument, watchlisted: bool, on: date, rng: random.Random
) -> tuple[str, ...]:
    data = tables.movement()
    found = []
    if rng.random() < (data["hit"] if watchlisted else data["false_hit"]):
        found.append("watchlist")
    if document.reported:
        found.append("lost_stolen")
    if document.status == "forged" or document.expiry < on:
        found.append("document")
    return tuple(found)


def _permit(
    spec: WorldSpec, traveller: Traveller, document: TravelDocument, on: date
) -> tuple[str, date | None]:
    home = geography().home.code
    if document.nationality == home:
        return "citizen", None
    if traveller.residence == home:
        return "residence_permit", None
    found = tables.permit(document.nationality)
    return found.kind, on + timedelta(days=found.stay_days - 1)


def _overstay(legs: list[_Leg], kind: str, rng: random.Random, stay: int) -> bool:
    """Stretch the first visit of a visitor past the permitted stay, at movement.toml's rate."""
    data = tables.movement()
    if kind != "visitor" or rng.random() >= data["overstay"] or len(legs) < 2:
        return False
    extra = rng.randint(*data["overstay_days"])
    first, second = legs[0], legs[1]
    legs[1] = _Leg(second.direction, first.day + stay + extra, second.mode, second.port)
    del legs[2:]
    return True


def _timed(
    spec: WorldSpec,
    traveller: Traveller,
    legs: list[_Leg],
    planned: Sequence[PlannedCrossing],
    rng: random.Random,
) -> list[tuple[datetime, int, _Leg, Flight | None, PlannedCrossing | None]]:
    """Each leg in the window with the moment it passes the booth (and its flight), in order."""
    home = geography().home.code
    country = traveller.nationality if traveller.nationality != home else traveller.residence
    timed = []
    for number, leg in enumerate(legs):
        trip = planned[number] if planned else None
        offset = int(leg.day // 1)
        if not 0 <= offset < spec.days:
            continue
        flight = None
        if trip is not None:
            when = trip.when
            if leg.mode == "air":
                flight = nearest(spec, leg.port, leg.direction, when)
        elif leg.mode == "air":
            flight, when = board(spec, leg.port, leg.direction, spec.day(offset), country, rng)
        else:
            when = _in_hours(leg.port, spec.day(offset), rng)
        timed.append((when, number, leg, flight, trip))
    timed.sort(key=lambda item: (item[0], item[1]))
    return timed


def crossings(
    spec: WorldSpec, context: Context, traveller: Traveller, document: TravelDocument
) -> list[Crossing]:
    """Traveller's crossings in the window, in time order, crossing with ``document``."""
    rng = stream(spec, "movement", traveller.index)
    data = tables.movement()
    kind = kind_of(traveller, rng)
    planned = context.trips
    overstayer = False
    if planned:
        legs = _planned(spec, planned)
    else:
        legs = _legs(spec, traveller, kind, rng)
        _permit_kind, until = _permit(spec, traveller, document, spec.start)
        if until is not None:
            stay = (until - spec.start).days + 1
            overstayer = _overstay(legs, kind, rng, stay)
    found: list[Crossing] = []
    threshold = geography().home.declaration_threshold
    for when, number, leg, flight, trip in _timed(spec, traveller, legs, planned, rng):
        if trip is not None and trip.officer_id is not None:
            officer = context.staff.officer(trip.officer_id)
        else:
            officer = context.staff.on_duty(leg.port.code, when, rng)
        alerts = _alerts(document, context.watchlisted, when.date(), rng)
        decision = context.staff.decide(officer, bool(alerts), trip is not None, rng)
        if trip is not None and trip.id in context.intercepted:
            decision = "referred"  # searched in secondary: see seizures.jsonl
        permit, until = ("", None)
        if leg.direction == "entry":
            permit, until = _permit(spec, traveller, document, when.date())
        declaration = None
        if rng.random() < data["cash"]:
            declaration = _declared(rng, threshold)
        found.append(
            Crossing(
                id=f"C{traveller.index:09d}-{len(found):03d}",
                traveller_id=traveller.id,
                document=document,
                direction=leg.direction,
                port=leg.port.code,
                mode=leg.mode,
                when=when,
                officer_id=officer.id,
                decision=decision,
                alerts=alerts,
                flight=flight,
                flight_date=None if flight is None else flight_day(flight, when),
                vessel=rng.choice(data["vessels"]) if leg.mode == "sea" else "",
                vehicle=trip.vehicle if trip is not None else "",
                permit=permit,
                permitted_until=until,
                network_id=trip.network_id if trip is not None else "",
                planned_id=trip.id if trip is not None else "",
                commodity=trip.commodity if trip is not None else "",
                concealment=trip.concealment if trip is not None else "",
                overstay=overstayer and number == 0,
                declaration=declaration,
            )
        )
        if decision == "refused":
            break
    return found
