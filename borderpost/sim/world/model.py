"""The types the parts of the synthetic world share.

People who cross the border are *travellers*, numbered 0 .. spec.travellers-1; traveller ``i``
is regenerated on demand from ``stream(spec, "traveller", i)`` (see :mod:`.people`). Smuggling
networks (:mod:`.networks`) recruit some travellers as members and add people who never cross
(organisers abroad); officers (:mod:`.officers`) staff the ports. Movement (:mod:`.movement`)
turns each traveller's life into crossings, merging in the trips a network plans for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from borderpost.sim.names import Gender, PersonName

__all__ = [
    "Commodity",
    "Direction",
    "Member",
    "Network",
    "Officer",
    "Plan",
    "PlannedCrossing",
    "Role",
    "Traveller",
]

Direction = Literal["entry", "exit"]
Commodity = Literal[
    "people", "narcotics", "arms", "cash", "counterfeit", "wildlife", "timber", "minerals"
]
Role = Literal[
    "organiser",
    "recruiter",
    "forger",
    "transporter",
    "driver",
    "courier",
    "money_courier",
    "corrupt_official",
    "smuggled_person",
]


@dataclass(frozen=True, slots=True)
class Traveller:
    """A person of the world who crosses the border (or might)."""

    id: str  # "T00000017": stable, derived from index
    index: int
    name: PersonName  # native parts and passport (Latin) spellings
    birth_date: date
    nationality: str  # ICAO code; the home country's code for citizens
    gender: Gender
    residence: str  # ICAO code of the country the traveller lives in
    phone: str  # E.164, "+229..."
    address: str


@dataclass(frozen=True, slots=True)
class Officer:
    """A border officer; ``corrupt`` officers clear hits and wave network members through."""

    id: str  # "O0042"
    name: PersonName
    port: str  # Port.code
    shift: Literal["day", "night", "rotating"]
    corrupt: bool
    network_id: str | None = None  # the network paying a corrupt officer
    birth_date: date | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """A person's place in a network. ``traveller_index`` is None for people who never cross."""

    person_id: str  # the traveller id, or "X..." for people who never cross
    network_id: str
    role: Role
    traveller_index: int | None
    name: PersonName
    birth_date: date
    nationality: str
    gender: Gender


@dataclass(frozen=True, slots=True)
class PlannedCrossing:
    """A crossing a network plans for one of its members (movement merges it into theirs)."""

    traveller_index: int
    when: datetime
    port: str
    direction: Direction
    network_id: str
    commodity: Commodity
    concealment: str  # "false-bottom suitcase", "swallowed", "fuel tank", ... ("" if none)
    officer_id: str | None = None  # a corrupt officer arranged to be on duty, if any
    vehicle: str = ""  # plate of the conveyance, for land crossings
    id: str = ""  # "N003-C0012": the network's crossings numbered in time order


@dataclass(frozen=True, slots=True)
class Network:
    """A smuggling network: its trade, route, members and the things they share."""

    id: str  # "N001"
    commodity: Commodity
    source: str  # ICAO code of the source country
    ports: tuple[str, ...]  # home ports it uses
    members: tuple[Member, ...]
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()  # plates
    accounts: tuple[str, ...] = ()  # IBAN-like bank account numbers
    shares: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id -> things used


@dataclass(frozen=True, slots=True)
class Plan:
    """The world's smuggling networks and the crossings they plan, by traveller index."""

    networks: tuple[Network, ...]
    trips: dict[int, tuple[PlannedCrossing, ...]]  # traveller index -> planned crossings
    members: dict[int, tuple[Member, ...]]  # traveller index -> their memberships

    def trips_of(self, index: int) -> tuple[PlannedCrossing, ...]:
        """The crossings networks plan for traveller ``index`` (usually none)."""
        return self.trips.get(index, ())

    def memberships(self, index: int) -> tuple[Member, ...]:
        """The networks traveller ``index`` belongs to, with their role (usually none)."""
        return self.members.get(index, ())
