"""Travellers: deterministic per index, with nationalities, phones and addresses that fit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.documents.mrz import parse
from borderpost.sim.world import tables
from borderpost.sim.world.documents import papers
from borderpost.sim.world.geography import geography
from borderpost.sim.world.people import traveller, traveller_id
from borderpost.sim.world.spec import WorldSpec

SPEC = WorldSpec(seed=11, travellers=3000, days=30)


def test_the_same_index_gives_the_same_traveller_whatever_was_drawn_before() -> None:
    later = traveller(SPEC, 2999)
    for index in range(50):
        traveller(SPEC, index)
    assert traveller(SPEC, 2999) == later
    assert traveller(WorldSpec(12, 3000, 30), 2999) != later


def test_citizens_share_nationalities_and_phones() -> None:
    people = [traveller(SPEC, i) for i in range(SPEC.travellers)]
    home = geography().home
    citizens = sum(p.nationality == home.code for p in people) / len(people)
    assert abs(citizens - home.citizens) < 0.04
    phones = tables.people()["phones"]
    for person in people:
        code, digits = phones[person.residence]
        assert person.phone.startswith(code)
        assert len(person.phone) == len(code) + digits
        assert person.address.endswith(f", {person.residence}")
        assert person.birth_date < SPEC.start
        assert person.id == traveller_id(person.index)
    assert {p.nationality for p in people} >= {"UTO", "BEN", "NGA", "FRA"}


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**40), index=st.integers(0, 10**7 - 1))
def test_any_traveller_is_deterministic_and_their_passport_reads_clean(
    seed: int, index: int
) -> None:
    spec = WorldSpec(seed=seed, travellers=10**7, days=30)
    person = traveller(spec, index)
    assert traveller(spec, index) == person
    document = papers(spec, person)[0]
    assert papers(spec, person)[0] == document
    if document.status in ("genuine", "lost_stolen", "blank_stolen", "impostor"):
        assert parse(document.mrz, at=spec.start).errors == ()
