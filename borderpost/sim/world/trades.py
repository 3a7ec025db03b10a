"""What smuggling networks trade, and the outline of each network: trade, source and ports.

The outline of network ``n`` is a pure function of ``stream(spec, "network-outline", n)``, so
the officer roster (which needs to know which ports a network uses, to corrupt an officer
there) and the network plan (which needs the roster) can both be built from the spec alone.
Commodities, their units and concealments are data: ``data/world/commodities.toml`` and
``data/world/concealments.toml``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast, get_args

from borderpost.sim.world.geography import ROLES, Port, geography
from borderpost.sim.world.model import Commodity, Direction, Role
from borderpost.sim.world.spec import WorldSpec, stream

__all__ = [
    "UNITS",
    "Item",
    "Outline",
    "Trade",
    "currencies",
    "data_file",
    "months",
    "network_count",
    "outline",
    "parse",
    "rounded",
    "trades",
]

UNITS = frozenset({"kg", "g", "pieces", "rounds", "head", "specimens", "m3", "persons", "cash"})
_PORT_KINDS = frozenset({"airport", "seaport", "land"})
NEIGHBOUR_BIAS = 4.0


@dataclass(frozen=True, slots=True)
class Item:
    """Something seized: its name, unit and the least and most one crossing carries."""

    name: str
    unit: str
    least: float
    most: float


@dataclass(frozen=True, slots=True)
class Trade:
    """How one commodity is smuggled (a table of commodities.toml)."""

    commodity: Commodity
    weight: float
    source_role: str
    direction: Direction
    ports: tuple[str, ...]
    remote_bias: float
    roles: Mapping[Role, tuple[int, int]]
    charge: str
    items: tuple[Item, ...]
    concealments: Mapping[str, tuple[str, ...]]  # port kind -> ways of hiding it


@dataclass(frozen=True, slots=True)
class Outline:
    """What network ``number`` trades, with whom, and through which home ports."""

    id: str
    number: int
    commodity: Commodity
    source: str
    ports: tuple[str, ...]


def data_file(name: str) -> dict[str, Any]:
    """The parsed TOML of ``data/world/<name>``."""
    text = resources.files("borderpost.sim").joinpath(f"data/world/{name}").read_text("utf-8")
    return tomllib.loads(text)


def _pair(value: object, where: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and v >= 0 for v in value)
        or value[0] > value[1]
    ):
        raise ValueError(f"{where} must be [least, most], two whole numbers, least first")
    return int(value[0]), int(value[1])


def _item(raw: dict[str, Any], where: str) -> Item:
    unit = str(raw.get("unit", ""))
    if unit not in UNITS:
        raise ValueError(f"{where}: unit {unit!r} is not one of {', '.join(sorted(UNITS))}")
    least, most = float(raw["least"]), float(raw["most"])
    if not 0 < least <= most:
        raise ValueError(f"{where}: least and most must be positive, least first")
    return Item(str(raw["name"]), unit, least, most)


def parse(commodities: dict[str, Any], concealments: dict[str, Any]) -> dict[Commodity, Trade]:
    """The trades of commodities.toml and concealments.toml; ValueError names what is wrong."""
    known_roles = set(get_args(Role))
    found: dict[Commodity, Trade] = {}
    for key, raw in commodities["commodities"].items():
        where = f"commodities.toml: commodities.{key}"
        if key not in get_args(Commodity):
            raise ValueError(f"{where}: {key!r} is not a Commodity of model.py")
        if raw["source_role"] not in ROLES:
            raise ValueError(f"{where}: unknown source_role {raw['source_role']!r}")
        if raw["direction"] not in ("entry", "exit"):
            raise ValueError(f"{where}: direction must be entry or exit")
        kinds = tuple(str(k) for k in raw["ports"])
        if not kinds or not set(kinds) <= _PORT_KINDS:
            raise ValueError(f"{where}: ports must be kinds among {sorted(_PORT_KINDS)}")
        roles: dict[Role, tuple[int, int]] = {}
        for role, counts in raw["roles"].items():
            if role not in known_roles or role == "corrupt_official":
                raise ValueError(f"{where}: {role!r} is not a role a network recruits")
            roles[cast(Role, role)] = _pair(counts, f"{where}.roles.{role}")
        hiding = concealments.get(key, {})
        for kind in kinds:
            if not hiding.get(kind):
                raise ValueError(f"concealments.toml: [{key}] needs a list for {kind} ports")
        items = tuple(_item(r, f"{where}.items") for r in raw["items"])
        if not items or float(raw["weight"]) <= 0:
            raise ValueError(f"{where}: needs items and a positive weight")
        found[cast(Commodity, key)] = Trade(
            commodity=cast(Commodity, key),
            weight=float(raw["weight"]),
            source_role=str(raw["source_role"]),
            direction=cast(Direction, raw["direction"]),
            ports=kinds,
            remote_bias=float(raw["remote_bias"]),
            roles=roles,
            charge=str(raw["charge"]),
            items=items,
            concealments={k: tuple(str(c) for c in v) for k, v in hiding.items()},
        )
    return found


@cache
def trades() -> Mapping[Commodity, Trade]:
    """Every commodity's trade, read once from the package's data files."""
    return parse(data_file("commodities.toml"), data_file("concealments.toml"))


@cache
def currencies() -> Mapping[str, float]:
    """ISO 4217 code -> US dollars per unit, from commodities.toml."""
    table = data_file("commodities.toml")["currencies"]
    for code, rate in table.items():
        if len(code) != 3 or not code.isupper() or not isinstance(rate, int | float) or rate <= 0:
            raise ValueError(f"commodities.toml: currencies.{code} must be a positive rate")
    return {str(k): float(v) for k, v in table.items()}


@cache
def _scale() -> tuple[int, int, int]:
    scale = data_file("networks.toml")["scale"]
    per, least, most = (int(scale[k]) for k in ("travellers_per_network", "least", "most"))
    if per < 1 or not 1 <= least <= most:
        raise ValueError("networks.toml: [scale] needs travellers_per_network >= 1, least <= most")
    return per, least, most


def network_count(spec: WorldSpec) -> int:
    """How many networks a world has: one per so many travellers, within the data's bounds."""
    per, least, most = _scale()
    return min(most, max(least, spec.travellers // per))


def _port_weight(port: Port, trade: Trade, source: str) -> float:
    weight = port.share * (trade.remote_bias if port.remote else 1.0)
    return weight * (NEIGHBOUR_BIAS if port.neighbour == source else 1.0)


def outline(spec: WorldSpec, number: int) -> Outline:
    """The trade, source country and home ports of network ``number`` (1-based)."""
    rng = stream(spec, "network-outline", number)
    table = trades()
    keys = sorted(table)
    commodity = rng.choices(keys, weights=[table[k].weight for k in keys])[0]
    trade = table[commodity]
    world = geography()
    sources = world.countries_with(trade.source_role)
    if not sources:
        raise ValueError(f"geography.toml: no country has the role {trade.source_role!r}")
    source = rng.choice(sources).code
    usable = [p for p in world.ports if p.kind in trade.ports]
    weights = [_port_weight(p, trade, source) for p in usable]
    wanted = min(len(usable), rng.choice((1, 2, 2, 3)))
    ports: list[str] = []
    while len(ports) < wanted:
        port = rng.choices(usable, weights=weights)[0]
        if port.code not in ports:
            ports.append(port.code)
    return Outline(f"N{number:03d}", number, commodity, source, tuple(ports))


def months(days: int) -> float:
    """The length of a window of ``days`` in 30-day months (at least a tenth of one)."""
    return max(0.1, days / 30)


def rounded(value: float, unit: str) -> float:
    """A quantity as a clerk would write it in ``unit``: whole items, grams; kilos to 10 g."""
    if unit in ("kg",):
        return round(value, 2)
    if unit == "m3":
        return round(value, 1)
    if unit == "cash":
        return float(math.floor(value / 50) * 50)
    return float(max(1, round(value)))
