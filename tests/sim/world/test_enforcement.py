"""Enforcement records: seizures, arrests and declarations observe the networks partially and
noisily, and their truth says who and what each record is about."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from borderpost.sim.names import generate
from borderpost.sim.world.clerks import written_birth_date, written_name, written_phone
from borderpost.sim.world.enforcement import (
    arrests,
    courier_declarations,
    declaration_fields,
    seizures,
    truth,
)
from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import Member, Plan
from borderpost.sim.world.networks import plan
from borderpost.sim.world.officers import roster
from borderpost.sim.world.people import traveller
from borderpost.sim.world.spec import WorldSpec

SPEC = WorldSpec(seed=7, travellers=40_000, days=120)
UNITS = {
    "people": {"persons"},
    "narcotics": {"kg", "g", "pieces"},
    "arms": {"pieces", "rounds"},
    "cash": {"cash"},
    "counterfeit": {"pieces"},
    "wildlife": {"kg", "specimens", "head"},
    "timber": {"m3"},
    "minerals": {"kg", "g"},
}


@cache
def _records(spec: WorldSpec = SPEC) -> dict[str, Any]:
    officers = roster(spec)
    found = plan(spec, officers)
    return {
        "officers": officers,
        "plan": found,
        "seizures": list(seizures(spec, found, officers)),
        "arrests": list(arrests(spec, found)),
        "declarations": list(courier_declarations(spec, found)),
        "truth": truth(spec, found),
    }


def _members(found: Plan) -> dict[str, Member]:
    return {m.person_id: m for n in found.networks for m in n.members}


def test_same_spec_same_records_and_other_seed_other_records() -> None:
    first = _records()
    officers = roster(SPEC)
    again = plan(SPEC, officers)
    assert list(seizures(SPEC, again, officers)) == first["seizures"]
    assert list(arrests(SPEC, again)) == first["arrests"]
    assert list(courier_declarations(SPEC, again)) == first["declarations"]
    assert truth(SPEC, again) == first["truth"]
    other = _records(WorldSpec(seed=8, travellers=40_000, days=120))
    assert other["seizures"] != first["seizures"]


def test_records_and_truth_are_json_ready() -> None:
    records = _records()
    for key in ("seizures", "arrests", "declarations", "truth"):
        assert json.loads(json.dumps(records[key])) == records[key]


def test_every_seizure_has_a_truth_naming_real_members_and_planned_crossings() -> None:
    records = _records()
    found: Plan = records["plan"]
    members = _members(found)
    crossings = {c.id: c for trips in found.trips.values() for c in trips}
    truths = {t["id"]: t for t in records["truth"]["seizures"]}
    assert [s["id"] for s in records["seizures"]] == list(truths)
    networked = [s for s in records["seizures"] if truths[s["id"]]["network_id"]]
    background = [s for s in records["seizures"] if not truths[s["id"]]["network_id"]]
    assert networked and background
    officers = {o.id: o for o in records["officers"]}
    for record in records["seizures"]:
        told = truths[record["id"]]
        assert len(told["persons"]) == len(record["persons"])
        assert record["unit"] in UNITS[record["commodity"]]
        assert (record["currency"] != "") == (record["unit"] == "cash")
        assert officers[record["officer_id"]].port == record["port"]
        if told["network_id"] is None:
            assert all(p.startswith("T") for p in told["persons"])
            continue
        for person_id, crossing_id in zip(told["persons"], told["crossing_ids"], strict=True):
            member = members[person_id]
            crossing = crossings[crossing_id]
            assert member.network_id == told["network_id"] == crossing.network_id
            assert crossing.traveller_index == member.traveller_index
            assert crossing.port == record["port"]


def test_only_some_crossings_are_intercepted_and_paid_officers_protect_theirs() -> None:
    records = _records()
    found: Plan = records["plan"]
    seized = {c for t in records["truth"]["seizures"] for c in t["crossing_ids"]}
    every = [c for trips in found.trips.values() for c in trips]
    assert 0.02 < len(seized) / len(every) < 0.25
    arranged = [c for c in every if c.officer_id is not None]
    assert arranged
    caught = sum(c.id in seized for c in arranged)
    assert caught / len(arranged) < 0.5 * len(seized) / len(every)


def test_clerks_write_some_names_differently_but_recognisably() -> None:
    records = _records()
    truths = {t["id"]: t for t in records["truth"]["seizures"]}
    members = _members(records["plan"])
    pairs: list[tuple[str, str]] = []
    for record in records["seizures"]:
        for written, person_id in zip(
            record["persons"], truths[record["id"]]["persons"], strict=True
        ):
            true = (
                members[person_id].name
                if person_id in members
                else traveller(SPEC, int(person_id[1:])).name
            )
            pairs.append((written["name"], true.latin_given_first))
    changed = [(w, t) for w, t in pairs if w != t]
    assert 0.15 < len(changed) / len(pairs) < 0.8
    assert all(fuzz.token_set_ratio(w.upper(), t) >= 60 for w, t in pairs), changed


def test_arrests_name_people_of_their_seizure_or_network() -> None:
    records = _records()
    seized = {t["id"]: t for t in records["truth"]["seizures"]}
    members = _members(records["plan"])
    told = records["truth"]["arrests"]
    assert [a["id"] for a in records["arrests"]] == [t["id"] for t in told]
    assert len(told) > 10
    for record, truth_ in zip(records["arrests"], told, strict=True):
        assert record["charge"]
        if record["seizure_id"]:
            assert truth_["person_id"] in seized[record["seizure_id"]]["persons"]
        else:
            assert members[truth_["person_id"]].network_id == truth_["network_id"]
            assert truth_["role"] in ("recruiter", "forger")


def test_money_couriers_structure_declarations_just_under_the_threshold() -> None:
    records = _records()
    threshold = geography().home.declaration_threshold
    told = {t["id"]: t for t in records["truth"]["declarations"]}
    members = _members(records["plan"])
    assert records["declarations"]
    structured: Counter[str] = Counter()
    for record in records["declarations"]:
        assert tuple(record) == declaration_fields()
        truth_ = told[record["id"]]
        assert members[truth_["person_id"]].role == "money_courier"
        assert record["traveller_id"] == truth_["person_id"]
        if truth_["structured"]:
            assert 0.9 * threshold <= record["amount_usd"] < threshold
            structured[record["traveller_id"]] += 1
        else:
            assert record["amount_usd"] > threshold
    assert structured.most_common(1)[0][1] >= 3  # the same courier, again and again


def test_clerk_birth_dates_and_phones_vary_in_the_ways_records_do() -> None:
    rng = random.Random(5)
    born = date(1984, 3, 9)
    forms = Counter(written_birth_date(born, rng) for _ in range(2000))
    assert forms["1984-03-09"] > 1200 and forms["1984"] > 50 and forms[""] > 20
    assert forms["1984-09-03"] > 30
    phones = {written_phone("+99912345678", "+999", rng) for _ in range(100)}
    assert phones == {"+99912345678", "012345678"}
    name = generate(random.Random(2), "arabic")
    written = {written_name(name, rng) for _ in range(200)}
    assert name.latin_given_first in written and len(written) > 5
