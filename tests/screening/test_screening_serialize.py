"""Entries and lost/stolen records to JSON-safe dictionaries and back, losslessly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.screening import (
    Alias,
    BirthDate,
    Document,
    ListEntry,
    LostStolenRecord,
    PartialDate,
)
from borderpost.screening.serialize import (
    entry_from_dict,
    entry_to_dict,
    lost_stolen_from_dict,
    lost_stolen_to_dict,
)
from borderpost.screening.sources import load_ofac, load_un

_text = st.text(max_size=12)
_optional_text = st.none() | _text


def _partial(day: dt.date, precision: str) -> PartialDate:
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


_precision = st.sampled_from(["year", "month", "day"])


@st.composite
def birth_dates(draw: st.DrawFn) -> BirthDate:
    start = draw(st.dates())
    end = draw(st.none() | st.dates(min_value=start))
    return BirthDate(
        start=_partial(start, draw(_precision)),
        end=None if end is None else _partial(end, draw(_precision)),
        circa=draw(st.booleans()),
        note=draw(_optional_text),
    )


aliases = st.builds(
    Alias,
    name=_text,
    strength=st.sampled_from(["strong", "weak"]),
    kind=st.sampled_from(["aka", "fka", "nka"]),
    natural_name=_optional_text,
    note=_optional_text,
)
documents = st.builds(
    Document,
    type=_text,
    number=_text,
    country=_optional_text,
    note=_optional_text,
    category=st.sampled_from(
        ["passport", "national_id", "tax_id", "registration", "driving_licence", "other"]
    ),
)
_texts = st.lists(_text, max_size=3).map(tuple)
entries = st.builds(
    ListEntry,
    list_name=_text,
    entry_id=_text,
    kind=st.sampled_from(["person", "organization", "vessel", "aircraft", "unknown"]),
    name=_text,
    natural_name=_optional_text,
    aliases=st.lists(aliases, max_size=3).map(tuple),
    original_script_names=_texts,
    birth_dates=st.lists(birth_dates(), max_size=3).map(tuple),
    birth_places=_texts,
    nationalities=_texts,
    gender=st.none() | st.sampled_from(["male", "female", "other"]),
    documents=st.lists(documents, max_size=3).map(tuple),
    addresses=_texts,
    programs=_texts,
    remarks=_texts,
    listed_on=st.none() | st.dates(),
    list_version=_optional_text,
)
records = st.builds(
    LostStolenRecord,
    country=_text,
    number=_text,
    document_type=_text,
    status=st.sampled_from(["lost", "stolen", "revoked", "blank-stolen"]),
    reported_on=st.none() | st.dates(),
    reference=_optional_text,
)


def _through_json(data: dict[str, Any]) -> dict[str, Any]:
    decoded = json.loads(json.dumps(data))
    assert isinstance(decoded, dict)
    assert decoded == data  # nothing JSON would change (no tuples, dates, sets)
    return decoded


@settings(max_examples=300)
@given(entries)
def test_entry_round_trip(entry: ListEntry) -> None:
    assert entry_from_dict(_through_json(entry_to_dict(entry))) == entry


@given(records)
def test_lost_stolen_round_trip(record: LostStolenRecord) -> None:
    assert lost_stolen_from_dict(_through_json(lost_stolen_to_dict(record))) == record


def test_defaults_are_left_out() -> None:
    entry = ListEntry("L", "1", "person", "DOE, John", aliases=(Alias("JD"),))
    assert entry_to_dict(entry) == {
        "list_name": "L",
        "entry_id": "1",
        "kind": "person",
        "name": "DOE, John",
        "aliases": [{"name": "JD"}],
    }


def test_real_lists_round_trip(shared_data: Path) -> None:
    lists = shared_data / "lists"
    parsed = [
        *load_ofac(lists / "ofac_sdn_2021-07-07").entries,
        *load_un(lists / "un_consolidated_2026-02-27" / "consolidated.xml").entries,
    ]
    assert [entry_from_dict(_through_json(entry_to_dict(e))) for e in parsed] == parsed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "robot"}, "kind 'robot' is not one of"),
        ({"name": 7}, "name must be a string"),
        ({"aliases": [{"name": "X", "strength": "medium"}]}, "strength 'medium'"),
        ({"birth_dates": [{"start": "1970-13"}]}, "month 13 out of range"),
        ({"birth_dates": [{"start": "70"}]}, "not YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"birth_dates": [{"start": "1970", "circa": "yes"}]}, "circa must be a boolean"),
        ({"programs": "SDGT"}, "programs must be a list"),
        ({"remarks": [1]}, "remarks must hold strings"),
        ({"documents": [{"type": "P", "number": "1", "category": "visa"}]}, "category 'visa'"),
        ({"listed_on": "yesterday"}, "Invalid isoformat"),
    ],
)
def test_bad_dictionaries_are_rejected(change: dict[str, Any], message: str) -> None:
    data = {"list_name": "L", "entry_id": "1", "kind": "person", "name": "N", **change}
    with pytest.raises(ValueError, match=message):
        entry_from_dict(data)


def test_bad_lost_stolen_status_is_rejected() -> None:
    record = lost_stolen_to_dict(LostStolenRecord("NLD", "X1", "passport", "lost"))
    with pytest.raises(ValueError, match="status 'found'"):
        lost_stolen_from_dict({**record, "status": "found"})
