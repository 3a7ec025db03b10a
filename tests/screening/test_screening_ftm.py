"""FollowTheMoney JSON lines: flat and nested forms, and robustness on arbitrary input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.screening import (
    Alias,
    BirthDate,
    Document,
    ImportResult,
    ListEntry,
    ListFormatError,
    PartialDate,
    parse_ftm,
)

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "screening" / "ftm_sample.jsonl"


@pytest.fixture(scope="module")
def sample() -> ImportResult:
    with FIXTURE.open("rb") as stream:
        return parse_ftm(
            stream, list_name="FTM sample", version="2025-06-01", file_name=FIXTURE.name
        )


@pytest.fixture(scope="module")
def by_id(sample: ImportResult) -> dict[str, ListEntry]:
    return sample.snapshot.by_id()


def test_counts_and_kinds(sample: ImportResult) -> None:
    report = sample.report
    assert (report.read, report.kept, report.skipped) == (8, 8, 0)
    kinds = {e.entry_id: e.kind for e in sample.entries}
    assert kinds["bp-company-bluecrest"] == "organization"
    assert kinds["bp-vessel-morning-star"] == "vessel"
    assert kinds["bp-plane-ep-abc"] == "aircraft"
    assert kinds["bp-legal-entity-x"] == "unknown"
    assert report.notes == ("entities not used for screening: 1 Ownership",)
    assert all(e.list_version == "2025-06-01" for e in sample.entries)


def test_flat_form_links_passport_sanction_and_address(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["bp-person-volkov"]
    assert entry.name == "Pavel Sergeyevich VOLKOV"
    assert entry.original_script_names == ("Павел Сергеевич Волков",)
    assert entry.aliases == (
        Alias("Pavel VOLKOFF"),
        Alias("Pavel Sergeyevich LISIN", kind="fka"),
        Alias("Pasha", "weak"),
    )
    assert entry.birth_dates == (BirthDate(PartialDate(1971, 4, 23)), BirthDate(PartialDate(1972)))
    assert entry.nationalities == ("RUS", "CYP")
    assert entry.gender == "male"
    assert (
        Document(
            "Foreign travel passport",
            "530012345",
            "RUS",
            "authority FMS 77001; startDate 2015-02-01; endDate 2025-02-01",
            "passport",
        )
        in entry.documents
    )
    assert Document("passportNumber", "72 1234567", None, None, "passport") in entry.documents
    assert entry.programs == ("UKRAINE-EO13661",)
    assert entry.addresses == ("ul. Vymyshlennaya 1, Moscow, Russia",)


def test_nested_form(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["bp-person-haddad"]
    assert entry.original_script_names == ("كريم جميل حداد",)
    assert entry.birth_dates == (BirthDate(PartialDate(1960, 7)),)
    assert entry.documents == (
        Document("National ID card", "00123456789", "IRQ", None, "national_id"),
        Document("Passport", "A1234567", "IRQ", None, "passport"),
    )
    assert entry.programs == ("IRAQ2",)
    assert entry.addresses == ("Al-Mansour, Baghdad, Iraq",)


def test_organizations_take_jurisdiction_and_flag(by_id: dict[str, ListEntry]) -> None:
    assert by_id["bp-company-bluecrest"].nationalities == ("MHL",)
    assert by_id["bp-vessel-morning-star"].nationalities == ("PRK",)
    assert by_id["bp-org-nuriya"].aliases == (Alias("NTG"), Alias("Nuriya", "weak"))


def test_messy_values_are_warned(sample: ImportResult, by_id: dict[str, ListEntry]) -> None:
    assert by_id["bp-person-messy"].birth_dates == (BirthDate(PartialDate(1985)),)
    assert by_id["bp-person-messy"].nationalities == ("ITA",)
    assert [str(w) for w in sample.report.warnings] == [
        "ftm_sample.jsonl line 13: document for 'bp-person-not-here', which is not in the file, "
        "ignored",
        "ftm_sample.jsonl line 12: birthDate 'unknown' is not YYYY, YYYY-MM or YYYY-MM-DD; "
        "left out",
        "ftm_sample.jsonl line 12: birthDate '1985-02-30' is not YYYY, YYYY-MM or YYYY-MM-DD; "
        "left out",
        "ftm_sample.jsonl line 12: nationality 'zz' is not a known country; left out",
        "ftm_sample.jsonl line 12: gender 'unknown' unknown; left out",
    ]


def test_text_lines_and_duplicates() -> None:
    line = json.dumps({"id": "a", "schema": "Person", "properties": {"name": ["A B"]}})
    result = parse_ftm([line, "", line])
    assert [str(e) for e in result.report.errors] == [
        "entities.ftm.json line 3: id 'a' repeats line 1; skipped"
    ]
    nameless = parse_ftm(io.StringIO('{"id": "b", "schema": "Person", "properties": {}}\n'))
    assert nameless.entries == ()
    assert nameless.report.skipped == 1


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"{not json}\n", "line 1: not valid JSON"),
        (b"[1, 2]\n", "line 1: a line must hold a JSON object, not list"),
        (b'{"schema": "Person"}\n', "line 1: entity without a string 'id'"),
        (b'{"id": "x"}\n', "line 1: entity 'x' without a string 'schema'"),
        (b'{"id": "x", "schema": "Person", "properties": []}\n', "'properties' is not an object"),
        (b'{"id": "x", "schema": "Person"}\n\xff\xfe\n', "line 2: not UTF-8"),
    ],
)
def test_malformed_lines(data: bytes, problem: str) -> None:
    with pytest.raises(ListFormatError, match=problem):
        parse_ftm(data)


def _parse_or_format_error(data: Any) -> None:
    try:
        result = parse_ftm(data)
    except ListFormatError as exc:
        assert exc.file == "entities.ftm.json"
        return
    assert result.report.kept == len(result.entries)
    assert result.report.read == result.report.kept + result.report.skipped


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "name",
        "alias",
        "weakAlias",
        "birthDate",
        "nationality",
        "gender",
        "holder",
        "number",
        "country",
        "identification",
        "passportNumber",
        "entity",
        "program",
        "addressEntity",
        "full",
    ]
)
_schemas = st.sampled_from(
    ["Person", "Organization", "Vessel", "Passport", "Identification", "Sanction", "Address", "X"]
)
_entity = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c"]) | _json,
        "schema": _schemas | _json,
        "properties": st.dictionaries(_keys, st.lists(st.text(max_size=12) | _json, max_size=3))
        | _json,
    }
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_entity, max_size=6))
def test_structured_garbage_only_raises_list_format_error(entities: list[dict[str, Any]]) -> None:
    lines = [json.dumps(e) for e in entities]
    _parse_or_format_error(lines)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_list_format_error(data: bytes) -> None:
    _parse_or_format_error(data)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_fixture_only_raises_list_format_error(data: st.DataObject) -> None:
    original = bytearray(FIXTURE.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(original) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        if action == "flip":
            original[position] = data.draw(st.integers(0, 255))
        elif action == "delete":
            del original[position : position + data.draw(st.integers(1, 40))]
        else:
            original[position:position] = data.draw(st.binary(min_size=1, max_size=8))
        if not original:
            break
    _parse_or_format_error(bytes(original))
