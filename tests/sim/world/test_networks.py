"""Smuggling networks: members are real travellers, shared things are well-formed, and the
planned crossings keep to the network's ports, habits and paid officers."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from datetime import timedelta
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from borderpost.sim.world.assets import (
    asset_rules,
    iban,
    iban_check_digits,
    iban_valid,
    plate,
    plate_pattern,
)
from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import Officer, Plan
from borderpost.sim.world.networks import plan, truth
from borderpost.sim.world.officers import duty, roster
from borderpost.sim.world.people import traveller
from borderpost.sim.world.spec import WorldSpec
from borderpost.sim.world.trades import network_count

SPEC = WorldSpec(seed=7, travellers=20_000, days=60)
ONE_DAY = timedelta(days=1)


@cache
def _world(spec: WorldSpec = SPEC) -> tuple[tuple[Officer, ...], Plan]:
    officers = roster(spec)
    return officers, plan(spec, officers)


def test_same_spec_same_plan_and_other_seed_other_plan() -> None:
    _officers, first = _world()
    again = plan(SPEC, roster(SPEC))
    assert json.dumps(truth(again)) == json.dumps(truth(first))
    other = WorldSpec(seed=8, travellers=20_000, days=60)
    assert truth(_world(other)[1]) != truth(first)


def test_network_count_scales_with_travellers_within_bounds() -> None:
    assert network_count(WorldSpec(seed=1, travellers=100, days=5)) == 3
    assert network_count(SPEC) == 10
    assert network_count(WorldSpec(seed=1, travellers=10_000_000, days=5)) == 400


def test_members_are_distinct_grown_up_travellers_as_the_population_has_them() -> None:
    _officers, found = _world()
    crossing = [m for n in found.networks for m in n.members if m.traveller_index is not None]
    indices = [m.traveller_index for m in crossing]
    assert len(indices) == len(set(indices)) > 30
    for member in crossing:
        assert member.traveller_index is not None
        person = traveller(SPEC, member.traveller_index)
        assert (member.person_id, member.name, member.birth_date) == (
            person.id,
            person.name,
            person.birth_date,
        )
        assert member.nationality == person.nationality
        assert 18 <= (SPEC.start - member.birth_date).days // 365 <= 70
        assert member in found.memberships(member.traveller_index)
    roles = Counter(m.role for n in found.networks for m in n.members)
    assert roles["organiser"] >= len(found.networks)
    for network in found.networks:
        abroad = [m for m in network.members if m.role == "organiser"]
        assert all(m.traveller_index is None and m.person_id.startswith("X") for m in abroad)
        assert all(m.nationality == network.source for m in abroad)


def test_corrupt_officials_are_the_roster_officers_the_network_pays() -> None:
    officers, found = _world()
    paid = {o.id: o for o in officers if o.corrupt}
    officials = [m for n in found.networks for m in n.members if m.role == "corrupt_official"]
    assert {m.person_id for m in officials} == set(paid)
    for member in officials:
        assert paid[member.person_id].network_id == member.network_id
        assert member.name == paid[member.person_id].name


def test_shared_things_are_well_formed_and_belong_to_the_network() -> None:
    _officers, found = _world()
    rules = asset_rules()
    phone = re.compile(re.escape(rules.phone_prefix) + f"[1-9][0-9]{{{rules.phone_digits - 1}}}$")
    layouts = [plate_pattern(layout) for layout in rules.plate_formats]
    for network in found.networks:
        assert network.phones and network.accounts and network.addresses
        assert all(phone.match(p) for p in network.phones)
        assert all(iban_valid(a) for a in network.accounts)
        assert all(any(p.match(v) for p in layouts) for v in network.vehicles)
        things = {*network.phones, *network.accounts, *network.addresses, *network.vehicles}
        people = {m.person_id for m in network.members}
        for person, used in network.shares.items():
            assert person in people and set(used) <= things
        users = Counter(t for used in network.shares.values() for t in used)
        assert users.most_common(1)[0][1] >= 2  # something links two members


def test_planned_crossings_keep_to_the_network_ports_and_paid_officers() -> None:
    officers, found = _world()
    by_id = {o.id: o for o in officers}
    networks = {n.id: n for n in found.networks}
    ports = {p.code: p for p in geography().ports}
    ids = [c.id for trips in found.trips.values() for c in trips]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"N\d{3}-C\d{4}", i) for i in ids)
    arranged = 0
    for index, trips in found.trips.items():
        assert [c.when for c in trips] == sorted(c.when for c in trips)
        for crossing in trips:
            network = networks[crossing.network_id]
            assert crossing.traveller_index == index
            assert crossing.port in network.ports
            assert SPEC.start <= crossing.when.date() <= SPEC.end + ONE_DAY
            assert crossing.concealment
            if crossing.vehicle:
                assert ports[crossing.port].kind == "land"
                assert crossing.vehicle in network.vehicles
            if crossing.officer_id is not None:
                arranged += 1
                officer = by_id[crossing.officer_id]
                assert officer.network_id == network.id and officer.port == crossing.port
                day = crossing.when.date()
                windows = [duty(officer, day), duty(officer, day - ONE_DAY)]
                assert any(w is not None and w[0] <= crossing.when < w[1] for w in windows)
    assert arranged > 0


def test_truth_is_json_ready_and_names_every_member_and_crossing() -> None:
    _officers, found = _world()
    data = json.loads(json.dumps(truth(found)))
    assert [n["id"] for n in data["networks"]] == [n.id for n in found.networks]
    crossings = sum(len(n["crossings"]) for n in data["networks"])
    assert crossings == sum(len(t) for t in found.trips.values())
    members = {m["person_id"] for n in data["networks"] for m in n["members"]}
    assert all(c["person_id"] in members for n in data["networks"] for c in n["crossings"])


def test_a_million_travellers_plan_holds_only_members() -> None:
    # how fast it plans is bench/sim.py's to measure, not a test's to assert
    spec = WorldSpec(seed=3, travellers=1_000_000, days=365)
    found = plan(spec, roster(spec))
    assert len(found.networks) == 400
    assert sum(len(n.members) for n in found.networks) < 6000
    assert len(found.members) < 5000


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_ibans_pass_and_any_single_substitution_fails(seed: int) -> None:
    rng = random.Random(seed)
    number = iban(rng)
    assert iban_valid(number) and len(number) <= 34
    assert number[2:4] == iban_check_digits(number[:2], number[4:])
    at = rng.randrange(4, len(number))
    other = rng.choice(
        [d for d in "0123456789" if d != number[at]] if number[at].isdigit() else "XYZ"
    )
    assert not iban_valid(number[:at] + other + number[at + 1 :])


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(asset_rules().plate_formats))
def test_plates_follow_their_layout(seed: int, layout: str) -> None:
    assert plate_pattern(layout).match(plate(random.Random(seed), layout))


def test_iban_check_matches_a_published_example() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")
    assert not iban_valid("not an iban")
