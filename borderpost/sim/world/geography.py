"""The synthetic world's geography: home country, ports of entry, foreign countries, routes.

Loaded once from ``data/world/geography.toml``; see that file for what each field means.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, cast

from borderpost.sim.pools import cultures

__all__ = [
    "Airline",
    "Airport",
    "Country",
    "Geography",
    "Home",
    "Port",
    "PortKind",
    "geography",
]

PortKind = Literal["airport", "seaport", "land"]
_PORT_KINDS = ("airport", "seaport", "land")
ROLES = frozenset(
    {
        "neighbour",
        "flight",
        "ship",
        "transit",
        "source_people",
        "source_narcotics",
        "source_arms",
        "source_counterfeit",
        "destination_wildlife",
    }
)


@dataclass(frozen=True, slots=True)
class Home:
    """The home country whose border the world is about."""

    code: str
    name: str
    cultures: Mapping[str, float]
    citizens: float
    currency: str
    declaration_threshold: int


@dataclass(frozen=True, slots=True)
class Port:
    """A port of entry of the home country."""

    code: str
    name: str
    kind: PortKind
    share: float
    hours: int
    remote: bool = False
    iata: str = ""
    neighbour: str = ""


@dataclass(frozen=True, slots=True)
class Country:
    """A foreign country of the world, with what it is to the home country."""

    code: str
    roles: frozenset[str]
    cultures: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Airport:
    """A foreign airport with direct flights to the home country's airports."""

    iata: str
    country: str
    daily: int


@dataclass(frozen=True, slots=True)
class Airline:
    """An airline flying the world's routes."""

    code: str
    name: str
    country: str


@dataclass(frozen=True, slots=True)
class Geography:
    """Everything about places that the generator needs."""

    home: Home
    ports: tuple[Port, ...]
    countries: Mapping[str, Country]
    airports: tuple[Airport, ...]
    airlines: tuple[Airline, ...]

    def ports_of(self, kind: PortKind) -> tuple[Port, ...]:
        """The home ports of one kind, in file order."""
        return tuple(p for p in self.ports if p.kind == kind)

    def countries_with(self, role: str) -> tuple[Country, ...]:
        """The foreign countries that play ``role`` (a role of geography.toml), in file order."""
        if role not in ROLES:
            raise ValueError(f"unknown country role {role!r}; known: {', '.join(sorted(ROLES))}")
        return tuple(c for c in self.countries.values() if role in c.roles)


def _weights(value: object, where: str) -> dict[str, float]:
    if not isinstance(value, dict) or not value:
        raise ValueError(f"geography.toml: {where} must be a table of culture = weight")
    known = cultures()
    found: dict[str, float] = {}
    for key, weight in value.items():
        if key not in known:
            raise ValueError(f"geography.toml: {where} names unknown culture {key!r}")
        if not isinstance(weight, int | float) or weight <= 0:
            raise ValueError(f"geography.toml: {where}.{key} must be a positive number")
        found[key] = float(weight)
    return found


def parse(text: str) -> Geography:
    """A geography from the text of a geography.toml file; ValueError names what is wrong."""
    table = tomllib.loads(text)
    raw_home = table["home"]
    home = Home(
        code=str(raw_home["code"]),
        name=str(raw_home["name"]),
        cultures=_weights(raw_home["cultures"], "home.cultures"),
        citizens=float(raw_home["citizens"]),
        currency=str(raw_home["currency"]),
        declaration_threshold=int(raw_home["declaration_threshold"]),
    )
    countries: dict[str, Country] = {}
    for raw in table["countries"]:
        roles = frozenset(str(r) for r in raw["roles"])
        if not roles <= ROLES:
            raise ValueError(f"geography.toml: {raw['code']} has unknown roles {roles - ROLES}")
        countries[raw["code"]] = Country(
            code=str(raw["code"]),
            roles=roles,
            cultures=_weights(raw["cultures"], f"countries.{raw['code']}.cultures"),
        )
    ports: list[Port] = []
    for raw in table["ports"]:
        if raw["kind"] not in _PORT_KINDS:
            raise ValueError(f"geography.toml: port {raw['code']} has unknown kind {raw['kind']}")
        neighbour = str(raw.get("neighbour", ""))
        if raw["kind"] == "land" and neighbour not in countries:
            raise ValueError(f"geography.toml: land port {raw['code']} needs a known neighbour")
        ports.append(
            Port(
                code=str(raw["code"]),
                name=str(raw["name"]),
                kind=cast(PortKind, raw["kind"]),
                share=float(raw["share"]),
                hours=int(raw["hours"]),
                remote=bool(raw.get("remote", False)),
                iata=str(raw.get("iata", "")),
                neighbour=neighbour,
            )
        )
    airports = tuple(
        Airport(iata=str(r["iata"]), country=str(r["country"]), daily=int(r["daily"]))
        for r in table["airports"]
    )
    for airport in airports:
        if airport.country not in countries:
            raise ValueError(f"geography.toml: airport {airport.iata} in unknown country")
    airlines = tuple(
        Airline(code=str(r["code"]), name=str(r["name"]), country=str(r["country"]))
        for r in table["airlines"]
    )
    return Geography(home, tuple(ports), countries, airports, airlines)


@cache
def geography() -> Geography:
    """The world's geography, from the package's data file."""
    text = (
        resources.files("borderpost.sim")
        .joinpath("data/world/geography.toml")
        .read_text(encoding="utf-8")
    )
    return parse(text)
