"""Manifests survive the writer and the reader unchanged: generated ones with awkward names,
and a generated world's flights."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.passengers import read
from borderpost.passengers.edifact import Delimiters
from borderpost.passengers.manifest import (
    BagTag,
    Flight,
    Leg,
    Manifest,
    Person,
    TravelDocument,
    Visa,
)
from borderpost.passengers.simflights import manifest_from_sim
from borderpost.passengers.writer import write_paxlst
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world

PREPARED = datetime(2026, 3, 1, 9, 30)
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Names hold anything printable, the service characters above all; control characters are
# not names (and a line break inside a segment is a teletype wrap, removed when read).
awkward = st.text(
    alphabet=st.one_of(
        st.sampled_from("'+:?*\\ -.ÄØßñ中文Ωй"),
        st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    ),
    max_size=12,
)
codes = st.text(alphabet=UPPER, min_size=3, max_size=3)
numbers = st.text(alphabet=UPPER + "0123456789", min_size=1, max_size=10)
days = st.dates(date(2000, 1, 1), date(2099, 12, 31))
moments = st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
    lambda value: value.replace(second=0, microsecond=0)
)
births = st.integers(0, 99 * 365).map(lambda n: PREPARED.date() - timedelta(days=n))
places = awkward.map(str.strip).filter(bool)


@st.composite
def flights(draw: st.DrawFn) -> Flight:
    carrier = draw(st.text(alphabet=UPPER, min_size=2, max_size=2))
    airports = draw(st.lists(codes, min_size=2, max_size=4))
    legs = tuple(
        Leg(a, b, draw(st.none() | moments), draw(st.none() | moments))
        for a, b in itertools.pairwise(airports)
    )
    return Flight(carrier + str(draw(st.integers(1, 9999))), carrier, legs)


@st.composite
def persons(draw: st.DrawFn, role: str) -> Person:
    documents = draw(
        st.lists(
            st.builds(
                TravelDocument,
                st.sampled_from(["P", "I", "A", "AC", "C"]),
                numbers,
                st.none() | codes,
                st.none() | days,
                st.none() | days,
            ),
            max_size=2,
        )
    )
    visas = draw(
        st.lists(st.builds(Visa, numbers, st.none() | codes, st.none() | days), max_size=1)
    )
    return Person(
        role="crew" if role == "crew" else "passenger",
        role_code=draw(st.sampled_from(["FM", "DDU"] if role == "crew" else ["FL", "DDT"])),
        surname=draw(awkward.filter(bool)),
        given_names=draw(awkward),
        sex=draw(st.sampled_from([None, "M", "F", "X"])),
        birth_date=draw(st.none() | births),
        nationality=draw(st.none() | codes),
        residence=draw(st.none() | codes),
        birth_place=draw(st.none() | places),
        embarkation=draw(st.none() | codes),
        debarkation=draw(st.none() | codes),
        documents=tuple(documents),
        visas=tuple(visas),
        seat=draw(st.none() | numbers),
        bags=draw(st.none() | st.integers(0, 9)),
        bag_tags=tuple(draw(st.lists(st.builds(BagTag, numbers, st.integers(1, 9)), max_size=2))),
        references=tuple(
            draw(st.lists(st.tuples(st.sampled_from(["AVF", "ABO", "AEA", "CR"]), awkward)))
        ),
    )


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    kind = draw(st.sampled_from(["passenger", "crew"]))
    return Manifest(
        kind="crew" if kind == "crew" else "passenger",
        flights=tuple(draw(st.lists(flights(), min_size=1, max_size=2))),
        persons=tuple(draw(st.lists(persons(kind), max_size=4))),
        document_code="250" if kind == "crew" else "745",
        reference=draw(st.none() | awkward),
        sender=draw(st.none() | awkward.filter(bool)),
    )


delimiter_sets = st.sampled_from(
    [
        Delimiters(repetition="*"),
        Delimiters(":", "*", ".", "?", " ", "$"),
        Delimiters(":", "(", ".", ")", " ", "-"),
        Delimiters(":", "+", ".", "\\", " ", "'"),
        Delimiters("|", "^", ",", "!", "*", "~"),
    ]
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(manifests(), min_size=1, max_size=3),
    delimiter_sets,
    st.booleans(),
    st.none() | st.integers(1, 3),
)
def test_written_manifests_read_back_equal(
    written: list[Manifest], delimiters: Delimiters, line_breaks: bool, max_persons: int | None
) -> None:
    text = write_paxlst(
        written,
        prepared=PREPARED,
        delimiters=delimiters,
        line_breaks=line_breaks,
        max_persons=max_persons,
    )
    reading = read(text.encode("utf-8"))
    assert [w.code for w in reading.warnings if w.code != "missing_name"] == []
    assert [m.manifest for m in reading.messages] == written


def test_a_generated_worlds_flights_round_trip(tmp_path: Path) -> None:
    write_world(WorldSpec(seed=7, travellers=300, days=2), tmp_path)
    lines = (tmp_path / "manifests.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert any(record["passengers"] for record in records)
    for kind in ("passenger", "crew"):
        written = [manifest_from_sim(record, kind=kind) for record in records]
        text = write_paxlst(written, prepared=datetime(2026, 1, 1), max_persons=50)
        reading = read(text.encode("utf-8"))
        assert reading.warnings == ()
        assert [m.manifest for m in reading.messages] == written
    first = next(record for record in records if record["passengers"])
    manifest = manifest_from_sim(first)
    passenger = first["passengers"][0]
    person = manifest.persons[0]
    assert (person.surname, person.documents[0].number) == (
        passenger["surname"],
        passenger["document_number"],
    )
    assert manifest.flights[0].number == first["flight"]
