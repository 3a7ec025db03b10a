"""The flight schedule and the crews who fly it.

Every foreign airport of ``geography.toml`` sends its ``daily`` flights to the capital airport
(airports with two or more send one of them to the regional airport instead), and each flight
goes back the same day. The schedule is the same every day; it repeats once more per
``travellers_per_rotation`` travellers (``movement.toml``) so that aircraft do not overfill as
the world grows. Times come from ``stream(spec, "flight", n)``.

Crews are a population of their own: crew member ``k`` of an airline is drawn from
``stream(spec, "crew", k)``, and each flight on each day draws its crew from the airline's pool.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Literal

from borderpost.sim.names import generate
from borderpost.sim.world import tables
from borderpost.sim.world.documents import passport_number
from borderpost.sim.world.geography import Airline, Port, geography
from borderpost.sim.world.model import Direction
from borderpost.sim.world.officers import rules
from borderpost.sim.world.people import weighted
from borderpost.sim.world.spec import WorldSpec, stream

__all__ = [
    "CrewMember",
    "Flight",
    "board",
    "crew",
    "flight_day",
    "nearest",
    "rotations",
    "schedule",
]

Leg = Literal["inbound", "outbound"]
TURNAROUND_MINUTES = 95


@dataclass(frozen=True, slots=True)
class Flight:
    """A scheduled flight, flown every day of the window. ``minute`` is its time of day
    (arrival for inbound flights, departure for outbound ones) in minutes after midnight."""

    number: str
    airline: str
    origin: str  # IATA airport
    destination: str
    port: str  # the home port (airport) it arrives at or leaves from
    leg: Leg
    minute: int
    foreign: str  # the foreign airport's IATA code
    serial: int

    def at(self, day: date) -> datetime:
        """When the flight lands (inbound) or leaves (outbound) on ``day``."""
        return datetime.combine(day, time()) + timedelta(minutes=self.minute)


@dataclass(frozen=True, slots=True)
class CrewMember:
    """A member of an airline's crew (crews appear on manifests, not in travellers.jsonl)."""

    id: str
    airline: str
    role: str
    surname: str
    given_names: str
    nationality: str
    birth_date: date
    sex: str
    document_number: str

    def to_record(self) -> dict[str, str]:
        """The JSON-ready crew line of a manifest."""
        return {
            "id": self.id,
            "role": self.role,
            "surname": self.surname,
            "given_names": self.given_names,
            "nationality": self.nationality,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "document_number": self.document_number,
        }


def rotations(spec: WorldSpec) -> int:
    """How many times a day the schedule is flown for a world of this size."""
    per = int(tables.movement()["travellers_per_rotation"])
    return 1 + spec.travellers // per


def _airline(country: str, serial: int) -> Airline:
    airlines = geography().airlines
    own = [a for a in airlines if a.country == country]
    home = [a for a in airlines if a.country == geography().home.code]
    if own and (serial % 2 == 0 or not home):
        return own[0]
    return home[0] if home else airlines[0]


@cache
def schedule(spec: WorldSpec) -> tuple[Flight, ...]:
    """Every flight of one day, inbound and outbound, in a fixed order."""
    world = geography()
    airports = world.ports_of("airport")
    capital, regional = airports[0], airports[-1]
    flights: list[Flight] = []
    serial = 0
    for _rotation in range(rotations(spec)):
        for foreign in world.airports:
            for k in range(foreign.daily):
                port = regional if foreign.daily >= 2 and k == foreign.daily - 1 else capital
                rng = stream(spec, "flight", serial)
                airline = _airline(foreign.country, serial)
                opens = 0 if port.hours >= 24 else rules().opens * 60 + 60
                closes = min(24 * 60, opens + port.hours * 60) - TURNAROUND_MINUTES - 90
                arrival = rng.randrange(opens, max(opens + 1, closes))
                number = 100 + 2 * serial
                for leg, minute in (
                    ("inbound", arrival),
                    ("outbound", arrival + TURNAROUND_MINUTES),
                ):
                    inbound = leg == "inbound"
                    flights.append(
                        Flight(
                            number=f"{airline.code}{number + (0 if inbound else 1)}",
                            airline=airline.code,
                            origin=foreign.iata if inbound else port.iata,
                            destination=port.iata if inbound else foreign.iata,
                            port=port.code,
                            leg="inbound" if inbound else "outbound",
                            minute=minute,
                            foreign=foreign.iata,
                            serial=serial,
                        )
                    )
                serial += 1
    return tuple(flights)


@cache
def _airline_country(code: str) -> str:
    for airline in geography().airlines:
        if airline.code == code:
            return airline.country
    return geography().home.code


@cache
def _member(spec: WorldSpec, airline: str, number: int) -> CrewMember:
    serial = sum(ord(c) for c in airline) * 100_000 + number
    rng = stream(spec, "crew", serial)
    country = _airline_country(airline)
    cultures = (
        geography().home.cultures
        if country == geography().home.code
        else geography().countries[country].cultures
    )
    culture = weighted(cultures).draw(rng)
    name = generate(rng, culture, nationality=country)
    born = spec.start - timedelta(days=rng.randint(21 * 365, 60 * 365))
    role = "captain" if number % 10 == 0 else "first officer" if number % 10 == 1 else "cabin"
    surname = name.primary or name.secondary
    given = name.secondary if name.primary else ""
    return CrewMember(
        f"K{airline}{number:05d}", airline, role, surname, given, country, born,
        "M" if name.gender == "male" else "F",
        passport_number(country, spec.travellers + serial, 0),
    )  # fmt: skip


def crew(spec: WorldSpec, flight: Flight, day: date) -> tuple[CrewMember, ...]:
    """The crew of ``flight`` on ``day``: a captain, a first officer and cabin crew."""
    data = tables.movement()
    pool = int(data["crew_per_airline"]) * rotations(spec)
    rng: random.Random = stream(spec, "crew-roster", day.toordinal() * 100_000 + flight.serial)
    size = rng.randint(*data["crew"])
    captains = [n for n in range(pool) if n % 10 == 0]
    firsts = [n for n in range(pool) if n % 10 == 1]
    cabin = [n for n in range(pool) if n % 10 > 1]
    chosen = [rng.choice(captains), rng.choice(firsts), *rng.sample(cabin, size - 2)]
    return tuple(_member(spec, flight.airline, n) for n in chosen)


@cache
def _flights(spec: WorldSpec) -> dict[tuple[str, str], tuple[Flight, ...]]:
    """Flights by (home port, leg)."""
    found: dict[tuple[str, str], list[Flight]] = {}
    for flight in schedule(spec):
        found.setdefault((flight.port, flight.leg), []).append(flight)
    return {key: tuple(value) for key, value in found.items()}


@cache
def _airports_of(country: str) -> frozenset[str]:
    return frozenset(a.iata for a in geography().airports if a.country == country)


def _leg(direction: Direction) -> Leg:
    return "inbound" if direction == "entry" else "outbound"


def board(
    spec: WorldSpec, port: Port, direction: Direction, day: date, country: str, rng: random.Random
) -> tuple[Flight, datetime]:
    """A flight on ``day`` for a traveller from ``country`` (one from its airports when there
    is one), and when the traveller passes the booth: after landing, or before departure."""
    flights = _flights(spec)[(port.code, _leg(direction))]
    own = [f for f in flights if f.foreign in _airports_of(country)]
    flight = rng.choice(own or flights)
    data = tables.movement()
    if flight.leg == "inbound":
        return flight, flight.at(day) + timedelta(minutes=rng.randint(*data["arrival_minutes"]))
    return flight, flight.at(day) - timedelta(minutes=rng.randint(*data["departure_minutes"]))


def nearest(spec: WorldSpec, port: Port, direction: Direction, when: datetime) -> Flight:
    """The port's flight of that direction scheduled closest to ``when`` (for planned trips)."""
    flights = _flights(spec)[(port.code, _leg(direction))]
    return min(flights, key=lambda f: (abs((f.at(when.date()) - when).total_seconds()), f.serial))


def flight_day(flight: Flight, when: datetime) -> date:
    """The date the flight is flown for a passenger at the booth at ``when`` (a passenger
    checked in late at night may board the next day's flight)."""
    for day in (when.date(), when.date() + timedelta(days=1), when.date() - timedelta(days=1)):
        if abs((flight.at(day) - when).total_seconds()) <= 6 * 3600:
            return day
    return when.date()
