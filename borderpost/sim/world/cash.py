"""Cash declarations in generated traffic, with money couriers planted among honest travellers.

The couriers are the world's own: the ``money_courier`` members of its cash networks, on the
crossings their network plans (:mod:`.networks`). Most of their declarations are structured
just under the profile's threshold; some name the network's organiser as recipient (with a
network account), use a network phone or address, or share a booking with another courier
the same day. Honest declarants (travellers of no network) declare above the threshold, now
and then once just under it, travel with relatives sharing address and booking, or trade
often; some name the same well-known business as recipient. The truth says who the couriers
are. Nothing here changes the world's other outputs: every draw comes from a stream of its
own (``stream(spec, "cash-...", n)``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

from borderpost.cash.identifiers import person_key
from borderpost.cash.model import Declaration, Line, Party
from borderpost.cash.money import quantize
from borderpost.cash.profiles import Profile
from borderpost.cash.rates import Rate, RateTable
from borderpost.sim.world import people
from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import Member, Network, Plan, Traveller
from borderpost.sim.world.spec import WorldSpec, stream
from borderpost.sim.world.trades import currencies, data_file

__all__ = ["CashTraffic", "cash_traffic", "world_rates"]


@dataclass(frozen=True, slots=True)
class CashTraffic:
    """The declarations (in time order), and the truth: person key -> network of every
    courier who made at least one declaration."""

    declarations: tuple[Declaration, ...]
    couriers: dict[str, str]

    def to_truth(self) -> dict[str, Any]:
        return {
            "couriers": [{"person": k, "network_id": v} for k, v in sorted(self.couriers.items())]
        }


@cache
def _table() -> dict[str, Any]:
    return data_file("cash.toml")


def world_rates(spec: WorldSpec, profile: Profile) -> RateTable:
    """Monthly rates of the world's currencies in the profile's currency (the world's fixed
    dollar rates, moved by up to 2 % month to month), from the month before the start."""
    usd = currencies()
    if profile.currency not in usd:
        raise ValueError(f"the world has no rate for {profile.currency}")
    rng = stream(spec, "cash-rates")
    table = RateTable()
    month = dt.date(spec.start.year, spec.start.month, 1) - dt.timedelta(days=1)
    month = month.replace(day=1)
    while month <= spec.end:
        for code, dollars in sorted(usd.items()):
            if code == profile.currency:
                continue
            wobble = Decimal(str(round(rng.uniform(0.98, 1.02), 4)))
            rate = Decimal(str(dollars)) / Decimal(str(usd[profile.currency])) * wobble
            table.add(Rate(month, code, profile.currency, rate.quantize(Decimal("0.0000001"))))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return table


def _amount(
    rng: random.Random, profile: Profile, rates: RateTable, day: dt.date, share: Decimal
) -> tuple[str, Decimal]:
    """A currency and an amount in it worth about ``share`` of the threshold, rounded to ten
    units on the side of the line it is meant for (a structured amount stays under it)."""
    weights = {"USD": 5, "EUR": 4, "XOF": 1}
    code = rng.choices(sorted(weights), weights=[weights[c] for c in sorted(weights)])[0]
    rate, _ = rates.rate(code, profile.currency, day)
    local = profile.threshold * share
    if share < 1:  # rounded down, and kept under the line
        amount = (local / rate // 10) * 10
        while amount > 10 and profile.reaches(quantize(amount * rate)):
            amount -= 10
    else:  # rounded up, and kept at or above it
        amount = -(-local / rate // 10) * 10
        while not profile.reaches(quantize(amount * rate)):
            amount += 10
    return code, max(Decimal(10), amount)


def _share(rng: random.Random, bounds: list[float]) -> Decimal:
    return Decimal(str(round(rng.uniform(bounds[0], bounds[1]), 4)))


def _party(
    person: Traveller,
    role: str = "carrier",
    *,
    phone: str | None = None,
    address: str | None = None,
) -> Party:
    return Party(
        "carrier" if role == "carrier" else "owner",
        person.name.latin_given_first,
        person.birth_date,
        person.nationality,
        person.id,
        phone if phone is not None else person.phone,
        address if address is not None else person.address,
    )


def _organiser(network: Network) -> Member | None:
    return next((m for m in network.members if m.role == "organiser"), None)


def _courier_declarations(
    spec: WorldSpec,
    plan: Plan,
    profile: Profile,
    rates: RateTable,
) -> tuple[list[Declaration], dict[str, str]]:
    table = _table()["couriers"]
    networks = {n.id: n for n in plan.networks}
    crossings = sorted(
        (c for trips in plan.trips.values() for c in trips if c.commodity == "cash"),
        key=lambda c: (c.when, c.id),
    )
    by_day: dict[tuple[dt.date, str], str] = {}
    found: list[Declaration] = []
    truth: dict[str, str] = {}
    for crossing in crossings:
        network = networks[crossing.network_id]
        member = next(
            (m for m in network.members if m.traveller_index == crossing.traveller_index), None
        )
        if member is None or member.role != "money_courier":
            continue
        rng = stream(spec, f"cash-courier:{crossing.network_id}", int(crossing.id[-4:]))
        if rng.random() >= table["declared"]:
            continue
        person = people.traveller(spec, crossing.traveller_index)
        day = crossing.when.date()
        structured = rng.random() < table["structured"]
        share = _share(rng, table["structured_share" if structured else "above_share"])
        code, amount = _amount(rng, profile, rates, day, share)
        shared = network.shares.get(member.person_id, ())
        phones = [s for s in shared if s in network.phones] or list(network.phones)
        addresses = [s for s in shared if s in network.addresses] or list(network.addresses)
        phone = rng.choice(phones) if phones and rng.random() < table["network_phone"] else None
        address = (
            rng.choice(addresses) if addresses and rng.random() < table["network_address"] else None
        )
        parties = [_party(person, phone=phone, address=address)]
        boss = _organiser(network)
        if boss is not None and rng.random() < table["recipient"]:
            account = network.accounts[0] if network.accounts else None
            parties.append(
                Party(
                    "recipient",
                    boss.name.latin_given_first,
                    boss.birth_date,
                    boss.nationality,
                    account=account,
                )
            )
        booking = by_day.setdefault((day, network.id), f"K{crossing.id[-4:]}{network.id[-2:]}")
        found.append(
            Declaration(
                ref=f"SIM-{crossing.id}",
                kind="accompanied",
                day=day,
                port=crossing.port,
                direction=crossing.direction,
                lines=(Line("currency", code, amount),),
                parties=tuple(parties),
                origin=network.source,
                intended_use=rng.choice(table["purposes"]),
                source_of_funds="business proceeds",
                booking_ref=booking,
            )
        )
        truth[person_key(parties[0])] = network.id
    return found, truth


def _purpose(rng: random.Random, table: dict[str, Any], share: Decimal) -> str:
    """What an honest declarant writes: large sums go with business, vehicles, investment."""
    if share > Decimal("1.5"):
        return str(rng.choice(table["large_purposes"]))
    return str(rng.choice(table["purposes"]))


def _honest_indices(spec: WorldSpec, plan: Plan, count: int) -> list[int]:
    rng = stream(spec, "cash-honest")
    members = set(plan.members)
    pool = [i for i in range(spec.travellers) if i not in members]
    return sorted(rng.sample(pool, min(count, len(pool))))


def _honest_declarations(
    spec: WorldSpec,
    plan: Plan,
    profile: Profile,
    rates: RateTable,
) -> list[Declaration]:
    table = _table()["honest"]
    ports = [p.code for p in geography().ports]
    count = max(int(table["least"]), int(spec.travellers * table["per_traveller"]))
    found: list[Declaration] = []
    for index in _honest_indices(spec, plan, count):
        rng = stream(spec, "cash-honest", index)
        person = people.traveller(spec, index)
        habit = rng.random()
        trader = habit < table["trader"]
        cautious = table["trader"] <= habit < table["trader"] + table["cautious"]
        family = rng.random() < table["family"]
        trips = rng.randint(*table["crossings"]) + (3 if trader or cautious else 0)
        port = rng.choice(ports)
        for trip in range(trips):
            day = spec.day(rng.randrange(spec.days))
            if cautious and rng.random() < 0.8:
                share = _share(rng, [0.9, 0.999])
            elif trader:
                share = _share(rng, table["trader_share"])
            elif rng.random() < table["near_once"] / max(1, trips):
                share = _share(rng, [0.9, 0.999])
            else:
                share = _share(rng, table["amount_share"])
            code, amount = _amount(rng, profile, rates, day, share)
            parties = [_party(person)]
            if rng.random() < table["recipient"]:
                parties.append(Party("recipient", rng.choice(table["recipients"])))
            booking = f"H{index:07d}{trip}"
            party_ref = f"FAM-{index}" if family else None
            ref = f"SIM-H{index:07d}-{trip}"
            own = Declaration(
                ref=ref,
                kind="accompanied",
                day=day,
                port=port,
                direction="entry" if rng.random() < 0.5 else "exit",
                lines=(Line("currency", code, amount),),
                parties=tuple(parties),
                intended_use=_purpose(rng, table, share),
                source_of_funds="savings",
                booking_ref=booking,
                party_ref=party_ref,
            )
            found.append(own)
            if family:
                relative = Party(
                    "carrier",
                    f"{rng.choice(('AWA', 'KOFI', 'MARIAM', 'YAO', 'FATOU'))} "
                    f"{person.name.latin_given_first.split()[-1]}",
                    person.birth_date + dt.timedelta(days=rng.randint(-4000, 4000)),
                    person.nationality,
                    f"{person.id}-R",
                    person.phone,
                    person.address,
                )
                code2, amount2 = _amount(
                    rng, profile, rates, day, _share(rng, table["family_share"])
                )
                found.append(
                    replace(
                        own,
                        ref=ref + "R",
                        lines=(Line("currency", code2, amount2),),
                        parties=(relative,),
                    )
                )
    return found


def cash_traffic(spec: WorldSpec, plan: Plan, profile: Profile, rates: RateTable) -> CashTraffic:
    """Every declaration of the world's cash traffic under ``profile`` (in time order), and
    which carriers are the networks' couriers."""
    couriers, truth = _courier_declarations(spec, plan, profile, rates)
    honest = _honest_declarations(spec, plan, profile, rates)
    ordered = sorted([*couriers, *honest], key=lambda d: (d.day, d.ref))
    return CashTraffic(tuple(ordered), truth)
