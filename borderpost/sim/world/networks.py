"""Smuggling networks: who belongs to each, what they share, and the crossings they plan.

``plan(spec, officers)`` builds every network from its outline (:func:`.trades.outline`: trade,
source country, home ports) and its own stream ``stream(spec, "network", n)``. Members who
cross are existing travellers (``people.traveller(spec, i)``, so a member's name and birth
date are the traveller's); organisers abroad never cross and are drawn from
``stream(spec, "outsider", k)``; a corrupt official is the roster's officer paid by the network.
Couriers, drivers, transporters and money couriers get planned crossings (:mod:`.trips`);
smuggled people ride along on a transporter's crossing.

Only members are held, never the population: at a million travellers the plan is a few
thousand members and builds in about a second.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from borderpost.sim.names import generate
from borderpost.sim.world import assets, people
from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import (
    Member,
    Network,
    Officer,
    Plan,
    PlannedCrossing,
    Role,
    Traveller,
)
from borderpost.sim.world.spec import WorldSpec, stream
from borderpost.sim.world.trades import Outline, data_file, network_count, outline, trades
from borderpost.sim.world.trips import CROSSING_ROLES, member_trips

__all__ = ["network_truth", "plan", "truth"]

# Members of these roles who are travellers live in the home country and rarely cross.
_HOME_ROLES: frozenset[Role] = frozenset({"recruiter", "forger"})
_ADDRESS_ROLES: frozenset[Role] = frozenset({"recruiter", "forger", "driver", "transporter"})
_ACCOUNT_ROLES: frozenset[Role] = frozenset({"organiser", "money_courier", "corrupt_official"})
_VEHICLE_ROLES: frozenset[Role] = frozenset({"driver", "transporter"})
ADDRESS_SHARE = 0.4  # of other members who stay at a network address
ADULT = (18, 70)  # the ages (at the window's start) of the travellers networks recruit
DRAWS_PER_TRY = 8  # draws allowed per try, for the draws of children or of taken travellers
SMUGGLED_TRIES = 4  # times more tries to find smuggled people of the source country


@dataclass(slots=True)
class _Recruitment:
    """Travellers already taken by a network (members are distinct across the world)."""

    spec: WorldSpec
    tries: int
    taken: set[int] = field(default_factory=set)
    outsiders: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def traveller(
        self, rng: random.Random, prefer: frozenset[str], avoid: frozenset[str], tries: int
    ) -> Traveller | None:
        """A grown-up traveller not yet in a network and of no ``avoid`` nationality, of a
        ``prefer`` nationality when one turns up within ``tries`` draws."""
        if len(self.taken) * 2 >= self.spec.travellers:
            return None
        found: Traveller | None = None
        for _attempt in range(tries * DRAWS_PER_TRY):
            index = rng.randrange(self.spec.travellers)
            if index in self.taken:
                continue
            candidate = people.traveller(self.spec, index)
            age = (self.spec.start - candidate.birth_date).days // 365
            if candidate.nationality in avoid or not ADULT[0] <= age <= ADULT[1]:
                continue
            if found is None or candidate.nationality in prefer:
                found = candidate
            tries -= 1
            if candidate.nationality in prefer or tries <= 0:
                break
        if found is not None:
            self.taken.add(found.index)
        return found


def _member(network_id: str, role: Role, person: Traveller) -> Member:
    return Member(
        person_id=person.id,
        network_id=network_id,
        role=role,
        traveller_index=person.index,
        name=person.name,
        birth_date=person.birth_date,
        nationality=person.nationality,
        gender=person.gender,
    )


def _outsider(spec: WorldSpec, network_id: str, source: str, number: int) -> Member:
    rng = stream(spec, "outsider", number)
    cultures = geography().countries[source].cultures
    keys = sorted(cultures)
    culture = rng.choices(keys, weights=[cultures[k] for k in keys])[0]
    name = generate(rng, culture, nationality=source)
    born = spec.start - timedelta(days=rng.randint(30 * 365, 65 * 365))
    return Member(f"X{number:07d}", network_id, "organiser", None, name, born, source, name.gender)


def _official(network_id: str, officer: Officer) -> Member:
    if officer.birth_date is None:
        raise ValueError(f"officer {officer.id} needs a birth date to join network {network_id}")
    return Member(
        officer.id,
        network_id,
        "corrupt_official",
        None,
        officer.name,
        officer.birth_date,
        officer.name.nationality,
        officer.name.gender,
    )


def _members(
    spec: WorldSpec,
    shape: Outline,
    rng: random.Random,
    recruits: _Recruitment,
    officials: Sequence[Officer],
) -> list[Member]:
    home = geography().home.code
    found: list[Member] = []
    for role, (least, most) in trades()[shape.commodity].roles.items():
        for _k in range(rng.randint(least, most)):
            if role == "organiser":
                found.append(_outsider(spec, shape.id, shape.source, next(recruits.outsiders)))
                continue
            if role == "smuggled_person":
                prefer, avoid = frozenset({shape.source}), frozenset({home})
                tries = recruits.tries * SMUGGLED_TRIES
            else:
                prefer = frozenset({home} if role in _HOME_ROLES else {home, shape.source})
                avoid, tries = frozenset(), recruits.tries
            person = recruits.traveller(rng, prefer, avoid, tries)
            if person is not None:
                found.append(_member(shape.id, role, person))
    found.extend(_official(shape.id, o) for o in officials)
    return found


def _shares(
    rng: random.Random, members: Sequence[Member], network: Network
) -> dict[str, tuple[str, ...]]:
    rules = assets.asset_rules()
    shares: dict[str, tuple[str, ...]] = {}
    contact = next(
        (m for m in members if m.traveller_index is not None and m.role != "smuggled_person"),
        None,
    )  # the member at home who takes the organiser's calls on the boss line
    for member in members:
        used: list[str] = []
        if member.role != "corrupt_official" and (
            member.role != "smuggled_person" or rng.random() < 0.5
        ):
            boss_line = member.role == "organiser" or member is contact
            used.append(network.phones[0] if boss_line else rng.choice(network.phones))
            if rng.random() < rules.second_phone and len(network.phones) > 1:
                extra = rng.choice(network.phones)
                used += [extra] if extra not in used else []
        if member.role in _VEHICLE_ROLES and network.vehicles:
            used.append(rng.choice(network.vehicles))
        if member.role in _ACCOUNT_ROLES and network.accounts:
            used.append(
                network.accounts[0] if member.role == "organiser" else rng.choice(network.accounts)
            )
        if member.traveller_index is not None and (
            member.role in _ADDRESS_ROLES or rng.random() < ADDRESS_SHARE
        ):
            used.append(rng.choice(network.addresses))
        if used:
            shares[member.person_id] = tuple(used)
    return shares


def _network(
    spec: WorldSpec, shape: Outline, officers: Sequence[Officer], recruits: _Recruitment
) -> tuple[Network, list[PlannedCrossing]]:
    rng = stream(spec, "network", shape.number)
    rules = assets.asset_rules()
    officials = [o for o in officers if o.network_id == shape.id]
    members = _members(spec, shape, rng, recruits, officials)
    drives = any(m.role in _VEHICLE_ROLES for m in members)
    network = Network(
        id=shape.id,
        commodity=shape.commodity,
        source=shape.source,
        ports=shape.ports,
        members=tuple(members),
        phones=tuple(assets.phone(rng) for _ in range(rng.randint(*rules.phones))),
        addresses=tuple(assets.address(rng) for _ in range(rng.randint(*rules.addresses))),
        vehicles=tuple(assets.plate(rng) for _ in range(rng.randint(*rules.vehicles)))
        if drives
        else (),
        accounts=tuple(assets.iban(rng) for _ in range(rng.randint(*rules.accounts))),
    )
    network = replace(network, shares=_shares(rng, members, network))
    crossings: list[PlannedCrossing] = []
    for member in members:
        if member.role in CROSSING_ROLES and member.traveller_index is not None:
            crossings += member_trips(spec, rng, network, member, officials)
    rides = [c for c in crossings if c.vehicle or c.commodity == "people"]
    for member in members:
        if member.role == "smuggled_person" and member.traveller_index is not None and rides:
            ride = rng.choice(rides)
            crossings.append(replace(ride, traveller_index=member.traveller_index))
    crossings.sort(key=lambda c: (c.when, c.traveller_index))
    numbered = [replace(c, id=f"{shape.id}-C{k:04d}") for k, c in enumerate(crossings, 1)]
    return network, numbered


def plan(spec: WorldSpec, officers: Sequence[Officer]) -> Plan:
    """The world's networks and their planned crossings (same spec and roster, same plan)."""
    tries = int(data_file("networks.toml")["scale"]["recruit_tries"])
    recruits = _Recruitment(spec, max(1, tries))
    networks: list[Network] = []
    trips: dict[int, list[PlannedCrossing]] = {}
    members: dict[int, list[Member]] = {}
    for number in range(1, network_count(spec) + 1):
        network, crossings = _network(spec, outline(spec, number), officers, recruits)
        networks.append(network)
        for crossing in crossings:
            trips.setdefault(crossing.traveller_index, []).append(crossing)
        for member in network.members:
            if member.traveller_index is not None:
                members.setdefault(member.traveller_index, []).append(member)
    return Plan(
        networks=tuple(networks),
        trips={i: tuple(sorted(t, key=lambda c: c.when)) for i, t in sorted(trips.items())},
        members={i: tuple(m) for i, m in sorted(members.items())},
    )


def _member_truth(member: Member) -> dict[str, Any]:
    return {
        "person_id": member.person_id,
        "role": member.role,
        "traveller_index": member.traveller_index,
        "name": member.name.latin_given_first,
        "native": member.name.native,
        "birth_date": member.birth_date.isoformat(),
        "nationality": member.nationality,
        "gender": member.gender,
    }


def crossing_truth(crossing: PlannedCrossing, person_id: str) -> dict[str, Any]:
    """A planned crossing as JSON-ready data."""
    return {
        "id": crossing.id,
        "person_id": person_id,
        "traveller_index": crossing.traveller_index,
        "when": crossing.when.isoformat(timespec="minutes"),
        "port": crossing.port,
        "direction": crossing.direction,
        "commodity": crossing.commodity,
        "concealment": crossing.concealment,
        "officer_id": crossing.officer_id,
        "vehicle": crossing.vehicle,
    }


def network_truth(network: Network, crossings: Sequence[PlannedCrossing]) -> dict[str, Any]:
    """One network, its members, shared things and planned crossings as JSON-ready data."""
    ids = {m.traveller_index: m.person_id for m in network.members}
    return {
        "id": network.id,
        "commodity": network.commodity,
        "source": network.source,
        "ports": list(network.ports),
        "members": [_member_truth(m) for m in network.members],
        "phones": list(network.phones),
        "addresses": list(network.addresses),
        "vehicles": list(network.vehicles),
        "accounts": list(network.accounts),
        "shares": {k: list(v) for k, v in sorted(network.shares.items())},
        "crossings": [crossing_truth(c, ids[c.traveller_index]) for c in crossings],
    }


def crossings_by_network(plan_: Plan) -> Mapping[str, list[PlannedCrossing]]:
    """Every planned crossing, by network id, in the order of their ids."""
    found: dict[str, list[PlannedCrossing]] = {n.id: [] for n in plan_.networks}
    for trips in plan_.trips.values():
        for crossing in trips:
            found[crossing.network_id].append(crossing)
    for crossings in found.values():
        crossings.sort(key=lambda c: c.id)
    return found


def truth(plan_: Plan) -> dict[str, Any]:
    """Every network with its members, roles, shared things and planned crossings (JSON-ready)."""
    by_network = crossings_by_network(plan_)
    return {"networks": [network_truth(n, by_network[n.id]) for n in plan_.networks]}
