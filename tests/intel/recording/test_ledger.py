"""Ledger rows → seizure drafts or named rejections: the sample Namanga ledger (messy units,
dates in several forms, phones without a country code, a bad IBAN, a bad VIN), the mapping
file's own errors, and a fuzz test: garbage rows never crash and every rejection names its
row and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.casework.ledger_files import LedgerFileError, read_ledger
from borderpost.intel.recording import (
    LedgerMapping,
    MappingError,
    RecordingError,
    make_item,
    parse_mapping,
    read_rows,
    taxonomy,
)
from borderpost.intel.recording.values import parse_date, parse_number

DATA = Path(__file__).parents[2] / "data" / "casework"


@pytest.fixture(scope="module")
def mapping() -> LedgerMapping:
    return parse_mapping((DATA / "namanga_mapping.toml").read_text("utf-8"))


def test_the_sample_ledger(mapping: LedgerMapping) -> None:
    rows = {r.row: r for r in read_rows(read_ledger(DATA / "namanga_ledger.csv"), mapping)}
    assert len(rows) == 20
    good = {n: r.draft for n, r in rows.items() if r.draft is not None}
    assert sorted(good) == [2, 3, 4, 5, 6, 7, 15, 16, 17, 21]
    first = good[2]
    assert first is not None
    assert (first.ref, first.date, first.summary) == (
        "NMG/2026/001",
        dt.date(2026, 3, 2),
        "4.1 kg cocaine",
    )
    assert first.concealment == "vehicle_built_compartment" and first.conveyance == "truck"
    keys = {(p.entity.kind, p.entity.key, p.role) for p in first.parties}
    assert ("phone", "+254712345678", "found") in keys
    assert ("vehicle", "KE:KCA123A", "conveyance") in keys
    assert ("person", "JOHN KAMAU MWANGI|1985-07-14", "courier") in keys
    assert ("document", "A1234567", "found") in keys
    assert {(link.left.kind, link.right.kind, link.role) for link in first.links} >= {
        ("person", "phone", "used"),
        ("person", "vehicle", "used"),
    }
    pounds = good[4]
    assert pounds is not None and pounds.items[0].base_quantity == Decimal("12") * Decimal(
        "0.45359237"
    )
    grams = good[3]
    assert grams is not None and grams.items[0].base_quantity == Decimal("0.850")
    cash = good[5]
    assert cash is not None and cash.items[0].currency == "USD"
    assert {p.entity.key for p in cash.parties} >= {"+252615123456", "GB82WEST12345698765432"}
    reasons = {n: [(x.column, x.reason) for x in r.rejections] for n, r in rows.items()}
    assert reasons[8] == [("Calibre", "ammunition needs a calibre (e.g. 7.62x39mm)")]
    assert reasons[9][0][0] == "Item Seized"
    assert reasons[10] == [("Date of Seizure", "date is required and empty")]
    assert reasons[11] == [("Qty", "'-2' is negative")]
    assert {c for c, _ in reasons[12]} == {"Currency", "Bank Account"}
    assert reasons[13][0][0] == "Chassis No" and "check digit" in reasons[13][0][1]
    assert reasons[14] == [("Ref No", "NMG/2026/001 is already on row 2")]
    assert {c for c, _ in reasons[18]} == {"Date of Seizure", "Phone No"}
    assert reasons[19] == [("Unit", "firearms is measured by count, not mass (kg)")]
    assert reasons[20] == [("Ref No", "ref is required and empty")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("not toml [", "not TOML"),
        ("[columns]\nA = 'ref'\n", "maps no column to date, commodity, quantity"),
        (
            "[columns]\nA='ref'\nB='date'\nC='commodity'\nD='quantity'\nE='nonsense'\n",
            "not a field",
        ),
        ("[columns]\nA='ref'\nB='ref'\n", "both feed ref"),
        (
            "[ledger]\ndate_order='DDMM'\n[columns]\nA='ref'\nB='date'\nC='commodity'\nD='quantity'\n",
            "date_order",
        ),
        (
            "[ledger]\nphone_region='XX'\n[columns]\nA='ref'\nB='date'\nC='commodity'\nD='quantity'\n",
            "phone_region",
        ),
        (
            "[columns]\nA='ref'\nB='date'\nC='commodity'\nD='quantity'\n[commodities]\nx='nothing/real'\n",
            "commodities",
        ),
    ],
)
def test_mapping_errors_name_the_key(text: str, why: str) -> None:
    with pytest.raises(MappingError, match=why):
        parse_mapping(text)


def test_a_ledger_without_a_mapped_column_is_refused(mapping: LedgerMapping) -> None:
    with pytest.raises(MappingError, match="no column 'Ref No'"):
        list(read_rows([["Date of Seizure", "Item Seized"]], mapping))
    with pytest.raises(MappingError, match="empty"):
        list(read_rows([], mapping))


def test_dates_in_several_forms() -> None:
    march_2 = dt.date(2026, 3, 2)
    for text in (
        "2026-03-02",
        "02/03/2026",
        "2.3.26",
        "20260302",
        "2 March 2026",
        "02-Mar-2026",
        "March 2, 2026",
        "2 mars 2026",
        "46083",
    ):
        assert parse_date(text) == march_2, text
    assert parse_date("03/02/2026", order="MDY") == march_2
    with pytest.raises(RecordingError, match="not a real date"):
        parse_date("30/02/2026")
    with pytest.raises(RecordingError, match="not a month"):
        parse_date("2 Brumaire 2026")


def test_numbers_with_either_decimal_mark() -> None:
    assert parse_number("4,1") == Decimal("4.1")
    assert parse_number("1,200.5") == Decimal("1200.5")
    assert parse_number("1.200,5") == Decimal("1200.5")
    assert parse_number("25 000") == Decimal("25000")
    for bad in ("", "abc", "-1", "nan", "inf"):
        with pytest.raises(RecordingError):
            parse_number(bad)


def test_the_taxonomy_is_consistent() -> None:
    tax = taxonomy()
    types = [t for c in tax.categories.values() for t in c.types]
    assert len(types) == len(set(types)), "a type belongs to one category"
    for alias, target in tax.type_aliases.items():
        assert target in types, alias
    for alias, unit in tax.unit_aliases.items():
        assert unit in tax.units, alias
    assert make_item("narcotics/cocaine", Decimal("4100"), "g").base_quantity == Decimal("4.1")
    with pytest.raises(RecordingError, match="carry no currency"):
        make_item("cocaine", Decimal(1), "kg", currency="USD")
    with pytest.raises(RecordingError, match="whole count"):
        make_item("pistol", Decimal("1.5"))


_CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "cocaine",
            "kg",
            "lbs",
            "$",
            "0712 345 678",
            "GB82WEST12345698765432",
            "31/02/2026",
            "1e400",
            "NaN",
            "-0",
            "KCA 123A",
            "ammunition",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.decimals(allow_nan=True),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=0, max_size=30), max_size=8))
def test_garbage_rows_never_crash_and_every_rejection_is_named(
    mapping: LedgerMapping, rows: list[list[object]]
) -> None:
    header = list(mapping.columns)
    seen = 0
    for read in read_rows([header, *rows], mapping):  # type: ignore[list-item]
        seen += 1
        assert (read.draft is None) == bool(read.rejections)
        for rejection in read.rejections:
            assert rejection.row == read.row and 2 <= read.row <= len(rows) + 1
            assert rejection.column in header or rejection.column == "*"
            assert rejection.reason
    assert seen <= len(rows)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["l.csv", "l.xlsx"]))
def test_garbage_files_are_refused_by_name_or_read(
    mapping: LedgerMapping, data: bytes, name: str
) -> None:
    try:
        rows = list(read_ledger(name, data))
    except LedgerFileError as exc:
        assert name in str(exc)
        return
    try:
        for read in read_rows(rows, mapping):
            assert (read.draft is None) == bool(read.rejections)
    except MappingError as exc:
        assert "column" in str(exc) or "empty" in str(exc)
