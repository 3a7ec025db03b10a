"""The crossings a network plans for one of its couriers, drivers, transporters or money couriers.

A member keeps to one of the network's ports (of a kind their role uses) and to habits: most
loaded crossings fall on their usual weekday at their usual hour. Where the network pays an
officer at that port, most crossings are timed to that officer's shift: near its start or end,
or in the small hours of a night shift. Timing rules are ``[trips]`` of
``data/world/networks.toml``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache

from borderpost.sim.world.geography import Port, geography
from borderpost.sim.world.model import Member, Network, Officer, PlannedCrossing, Role
from borderpost.sim.world.officers import duty, rules
from borderpost.sim.world.spec import WorldSpec
from borderpost.sim.world.trades import data_file, months, trades

__all__ = ["CROSSING_ROLES", "TripRules", "member_trips", "trip_rules"]

CROSSING_ROLES: frozenset[Role] = frozenset({"courier", "driver", "transporter", "money_courier"})
_ROLE_KINDS: dict[Role, tuple[str, ...]] = {
    "driver": ("land",),
    "transporter": ("land", "seaport"),
    "courier": ("airport", "seaport", "land"),
    "money_courier": ("airport", "land"),
}
ARRANGED = 0.85  # share of crossings timed to the paid officer's shift, where there is one
DAY_SEARCH = 7  # days ahead searched for a shift of the paid officer


@dataclass(frozen=True, slots=True)
class TripRules:
    """The timing rules of networks.toml's [trips]."""

    per_month: tuple[float, float]
    habit: float
    edge_minutes: int
    hours: tuple[int, ...]
    hour_weights: tuple[float, ...]


@cache
def trip_rules() -> TripRules:
    """The trip rules, read once from networks.toml; ValueError names what is wrong."""
    raw = data_file("networks.toml")["trips"]
    found = TripRules(
        per_month=(float(raw["per_month"][0]), float(raw["per_month"][1])),
        habit=float(raw["habit"]),
        edge_minutes=int(raw["edge_minutes"]),
        hours=tuple(int(h) for h in raw["hours"]),
        hour_weights=tuple(float(w) for w in raw["hour_weights"]),
    )
    if len(found.hours) != len(found.hour_weights) or not all(0 <= h < 24 for h in found.hours):
        raise ValueError("networks.toml: [trips] hours (0-23) and hour_weights must pair up")
    if not 0 < found.per_month[0] <= found.per_month[1] or not 0 <= found.habit <= 1:
        raise ValueError("networks.toml: [trips] per_month is [least, most], habit a share")
    return found


def _ports(network: Network, role: Role) -> list[Port]:
    world = geography()
    kinds = _ROLE_KINDS[role]
    if role == "money_courier":
        cash = trades()["cash"].ports
        kinds = tuple(k for k in kinds if k in cash)
    own = [p for p in world.ports if p.code in network.ports]
    return [p for p in own if p.kind in kinds] or own


def _open_hours(port: Port) -> tuple[tuple[int, ...], tuple[float, ...]]:
    found = trip_rules()
    opens = rules().opens
    pairs = [
        (h, w)
        for h, w in zip(found.hours, found.hour_weights, strict=True)
        if port.hours >= 24 or opens <= h < opens + port.hours
    ]
    return tuple(h for h, _ in pairs), tuple(w for _, w in pairs)


def _days(spec: WorldSpec, rng: random.Random, count: int, weekday: int) -> list[int]:
    usual = [d for d in range(spec.days) if spec.day(d).weekday() == weekday]
    chosen: set[int] = set()
    for _k in range(count):
        use_habit = usual and rng.random() < trip_rules().habit
        chosen.add(rng.choice(usual) if use_habit else rng.randrange(spec.days))
    return sorted(chosen)


def _arranged(
    spec: WorldSpec, rng: random.Random, officer: Officer, offset: int
) -> datetime | None:
    """A time near an edge (or in the small hours) of the officer's shift, on or after a day."""
    edge = trip_rules().edge_minutes
    for day in range(offset, min(spec.days, offset + DAY_SEARCH)):
        window = duty(officer, spec.day(day))
        if window is None:
            continue
        start, end = window
        span = int((end - start).total_seconds() // 60)
        pick = rng.random()
        if pick < 0.4:
            minutes = rng.randint(0, min(edge, span - 1))
        elif pick < 0.8:
            minutes = span - rng.randint(1, min(edge, span))
        else:
            minutes = rng.randrange(span)
        return start + timedelta(minutes=minutes)
    return None


def member_trips(
    spec: WorldSpec,
    rng: random.Random,
    network: Network,
    member: Member,
    officials: Sequence[Officer],
) -> list[PlannedCrossing]:
    """The loaded crossings a network plans for one crossing member over the window."""
    if member.traveller_index is None:
        return []
    found = trip_rules()
    port = rng.choice(_ports(network, member.role))
    hours, weights = _open_hours(port)
    usual_hour = rng.choices(hours, weights=weights)[0]
    count = max(1, round(rng.uniform(*found.per_month) * months(spec.days)))
    paid = [o for o in officials if o.port == port.code]
    commodity = "cash" if member.role == "money_courier" else network.commodity
    trade = trades()[commodity]
    hiding = trade.concealments.get(port.kind) or next(iter(trade.concealments.values()))
    concealment = rng.choice(hiding)
    vehicle = ""
    if port.kind == "land" and member.role in ("driver", "transporter") and network.vehicles:
        used = network.shares.get(member.person_id, ())
        vehicle = next((v for v in network.vehicles if v in used), network.vehicles[0])
    crossings: list[PlannedCrossing] = []
    days = _days(spec, rng, count, rng.randrange(7))
    taken = {spec.day(d) for d in days}
    for offset in days:
        officer = rng.choice(paid) if paid and rng.random() < ARRANGED else None
        when = _arranged(spec, rng, officer, offset) if officer is not None else None
        if when is not None and when.date() != spec.day(offset) and when.date() in taken:
            when = None
        if when is None:
            officer = None
            habitual = rng.random() < found.habit
            hour = usual_hour if habitual else rng.choices(hours, weights=weights)[0]
            when = datetime.combine(spec.day(offset), time(hour, rng.randrange(60)))
        taken.add(when.date())
        if rng.random() < 0.3:
            concealment = rng.choice(hiding)
        crossings.append(
            PlannedCrossing(
                traveller_index=member.traveller_index,
                when=when,
                port=port.code,
                direction=trade.direction,
                network_id=network.id,
                commodity=commodity,
                concealment=concealment,
                officer_id=officer.id if officer is not None else None,
                vehicle=vehicle,
            )
        )
    return crossings
