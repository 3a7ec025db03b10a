"""What the border actually catches: intercepted network crossings and ordinary contraband.

:func:`events` decides, from the plan and the spec alone, which planned crossings are
intercepted (members crossing together at one port and minute are one interception; crossings
timed to a paid officer's shift are rarely caught) and adds seizures of ordinary contraband
with no network behind them. Events hold the true people and things; the records of
:mod:`.enforcement` are what a clerk wrote about them. Rates are ``[interception]`` and
``[background]`` of ``data/world/enforcement.toml``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import cache
from typing import Any, cast

from borderpost.sim.names import PersonName
from borderpost.sim.world import people
from borderpost.sim.world.assets import asset_rules, plate
from borderpost.sim.world.clerks import enforcement_table
from borderpost.sim.world.geography import Port, geography
from borderpost.sim.world.model import Commodity, Member, Network, Plan, PlannedCrossing
from borderpost.sim.world.networks import crossings_by_network
from borderpost.sim.world.officers import rules as officer_rules
from borderpost.sim.world.spec import WorldSpec, stream
from borderpost.sim.world.trades import Item, currencies, rounded, trades

__all__ = ["Event", "Found", "Person", "events"]

LAND_VEHICLE = 0.7  # share of people caught at a land post without a network vehicle who drove


@dataclass(frozen=True, slots=True)
class Found:
    """Something found on a person: a phone number or a document (kind and number/text)."""

    kind: str  # "phone", "bank_card", "address_note", "vehicle_papers", "forged_passport"
    value: str


@dataclass(frozen=True, slots=True)
class Person:
    """A true person caught in an event, with what was found on them."""

    person_id: str
    name: PersonName
    birth_date: date
    nationality: str
    gender: str
    role: str  # their role in the network, "" for a person with no network
    crossing_id: str
    found: tuple[Found, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One seizure as it truly happened; ``network_id`` is None for ordinary contraband."""

    id: str
    when: datetime
    port: str
    network_id: str | None
    commodity: Commodity
    item: Item
    quantity: float
    currency: str  # ISO 4217 code for cash, else ""
    concealment: str
    location: str
    conveyance: tuple[str, str]  # (kind, identifier): flight, vessel, vehicle, pedestrian
    persons: tuple[Person, ...]


@cache
def _ports() -> dict[str, Port]:
    return {p.code: p for p in geography().ports}


def _conveyance(rng: random.Random, port: Port, vehicle: str) -> tuple[str, str]:
    if port.kind == "airport":
        airline = rng.choice(geography().airlines)
        return "flight", f"{airline.code}{rng.randint(100, 989)}"
    if port.kind == "seaport":
        return "vessel", str(rng.choice(enforcement_table()["vessels"]["names"]))
    if vehicle or rng.random() < LAND_VEHICLE:
        return "vehicle", vehicle or plate(rng)
    return "pedestrian", ""


def _cash(rng: random.Random, usd: float) -> tuple[float, str]:
    table = enforcement_table()["declarations"]["currencies"]
    codes = sorted(table)
    code = rng.choices(codes, weights=[float(table[c]) for c in codes])[0]
    return rounded(usd / currencies()[code], "cash"), code


def _found(
    spec: WorldSpec, rng: random.Random, member: Member, network: Network, vehicle: str
) -> tuple[Found, ...]:
    chance = enforcement_table()["interception"]
    shared = network.shares.get(member.person_id, ())
    found: list[Found] = []
    if member.traveller_index is not None and rng.random() < chance["own_phone"]:
        found.append(Found("phone", people.traveller(spec, member.traveller_index).phone))
    phones = [s for s in shared if s in network.phones]
    if phones and rng.random() < chance["network_phone"]:
        found.append(Found("phone", rng.choice(phones)))
    accounts = [s for s in shared if s in network.accounts]
    if accounts and rng.random() < chance["bank_card"]:
        found.append(Found("bank_card", accounts[0]))
    addresses = [s for s in shared if s in network.addresses]
    if addresses and rng.random() < chance["address_note"]:
        found.append(Found("address_note", addresses[0]))
    if vehicle and rng.random() < chance["vehicle_papers"]:
        found.append(Found("vehicle_papers", vehicle))
    if network.commodity == "people" and rng.random() < chance["forged_passport"]:
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        found.append(Found("forged_passport", f"{letters}{rng.randrange(10**7):07d}"))
    return tuple(found)


def _network_events(
    spec: WorldSpec, network: Network, crossings: Sequence[PlannedCrossing]
) -> list[Event]:
    table = enforcement_table()["interception"]
    members = {m.traveller_index: m for m in network.members if m.traveller_index is not None}
    groups: dict[tuple[datetime, str], list[PlannedCrossing]] = {}
    for crossing in crossings:
        groups.setdefault((crossing.when, crossing.port), []).append(crossing)
    found: list[Event] = []
    for number, ((when, port_code), group) in enumerate(sorted(groups.items()), 1):
        rng = stream(spec, f"interception:{network.id}", number)
        lead = next((c for c in group if c.commodity != "people" or c.vehicle), group[0])
        rate = float(table["rate"][lead.commodity])
        if any(c.officer_id is not None for c in group):
            rate *= float(table["corrupt_factor"])
        if rng.random() >= rate:
            continue
        port = _ports()[port_code]
        item = rng.choice(trades()[lead.commodity].items)
        quantity = rounded(rng.uniform(item.least, item.most), item.unit)
        riders = sum(members[c.traveller_index].role == "smuggled_person" for c in group)
        if item.unit == "persons":
            quantity = float(max(riders, round(quantity)))
        currency = ""
        if item.unit == "cash":
            quantity, currency = _cash(rng, quantity)
        persons = tuple(
            Person(
                person_id=member.person_id,
                name=member.name,
                birth_date=member.birth_date,
                nationality=member.nationality,
                gender=member.gender,
                role=member.role,
                crossing_id=crossing.id,
                found=_found(spec, rng, member, network, crossing.vehicle),
            )
            for crossing in group
            for member in (members[crossing.traveller_index],)
        )
        found.append(
            Event(
                id="",
                when=when,
                port=port_code,
                network_id=network.id,
                commodity=lead.commodity,
                item=item,
                quantity=quantity,
                currency=currency,
                concealment=lead.concealment,
                location=rng.choice(enforcement_table()["locations"][port.kind]),
                conveyance=_conveyance(rng, port, lead.vehicle),
                persons=persons,
            )
        )
    return found


@cache
def _background_items() -> tuple[tuple[Commodity, Item], ...]:
    items: list[tuple[Commodity, Item]] = []
    for raw in enforcement_table()["background"]["items"]:
        if raw["commodity"] not in trades():
            raise ValueError(f"enforcement.toml: background item of unknown {raw['commodity']!r}")
        unit = str(raw["unit"])
        items.append(
            (
                cast(Commodity, raw["commodity"]),
                Item(str(raw["name"]), unit, raw["least"], raw["most"]),
            )
        )
    return tuple(items)


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _background_event(spec: WorldSpec, rng: random.Random, day: date) -> Event:
    table: dict[str, Any] = enforcement_table()["background"]
    world = geography()
    port = rng.choices(world.ports, weights=[p.share for p in world.ports])[0]
    opens = officer_rules().opens
    hour = rng.randrange(24) if port.hours >= 24 else opens + rng.randrange(port.hours)
    commodity, item = rng.choice(_background_items())
    quantity = rounded(rng.uniform(item.least, item.most), item.unit)
    currency = ""
    if item.unit == "cash":
        quantity, currency = _cash(rng, quantity)
    persons: tuple[Person, ...] = ()
    if rng.random() >= float(table["anonymous"]):
        someone = people.traveller(spec, rng.randrange(spec.travellers))
        phone = (Found("phone", someone.phone),) if rng.random() < 0.5 else ()
        persons = (
            Person(
                someone.id,
                someone.name,
                someone.birth_date,
                someone.nationality,
                someone.gender,
                "",
                "",
                phone,
            ),
        )
    hiding = table["concealments"][port.kind]
    return Event(
        id="",
        when=datetime.combine(day, time(hour % 24, rng.randrange(60))),
        port=port.code,
        network_id=None,
        commodity=commodity,
        item=item,
        quantity=quantity,
        currency=currency,
        concealment=rng.choice(hiding),
        location=rng.choice(enforcement_table()["locations"][port.kind]),
        conveyance=_conveyance(rng, port, ""),
        persons=persons,
    )


def _background(spec: WorldSpec) -> list[Event]:
    table = enforcement_table()["background"]
    mean = max(float(table["least"]), float(table["per_million_per_day"]) * spec.travellers / 1e6)
    found: list[Event] = []
    for offset in range(spec.days):
        rng = stream(spec, "background-seizure", offset)
        found += [
            _background_event(spec, rng, spec.day(offset)) for _ in range(_poisson(rng, mean))
        ]
    return found


def events(spec: WorldSpec, plan: Plan) -> tuple[Event, ...]:
    """Every seizure of the world, in time order, numbered S000001...

    Network interceptions and ordinary contraband; the same spec and plan give the same events.
    """
    asset_rules()  # validate the data the records rely on before generating any
    by_network = crossings_by_network(plan)
    found: list[Event] = []
    for network in plan.networks:
        found += _network_events(spec, network, by_network[network.id])
    found += _background(spec)
    found.sort(key=lambda e: (e.when, e.port, e.network_id or "", [p.person_id for p in e.persons]))
    return tuple(replace(e, id=f"S{k:06d}") for k, e in enumerate(found, 1))
