"""Entries, partial dates, birth dates, snapshots and the diff between two snapshots."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from borderpost.screening import (
    Alias,
    BirthDate,
    Document,
    ListEntry,
    ListSnapshot,
    PartialDate,
    changed_fields,
    diff,
)


def _entry(entry_id: str, name: str = "DOE, John", **changes: object) -> ListEntry:
    base = ListEntry(list_name="TEST", entry_id=entry_id, kind="person", name=name)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("1960", PartialDate(1960), "year"),
        ("1960-02", PartialDate(1960, 2), "month"),
        ("1960-02-29", PartialDate(1960, 2, 29), "day"),
    ],
)
def test_partial_date_parses_three_precisions(
    text: str, expected: PartialDate, precision: str
) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.precision == precision
    assert str(parsed) == text


@pytest.mark.parametrize(
    "text", ["", "60", "1960-2", "1960-13", "1961-02-29", "1960/02/01", "1960-02-01T00", "x960"]
)
def test_partial_date_rejects_bad_text(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_partial_date_bounds() -> None:
    assert PartialDate(1960).earliest() == date(1960, 1, 1)
    assert PartialDate(1960).latest() == date(1960, 12, 31)
    assert PartialDate(1960, 2).latest() == date(1960, 2, 29)
    with pytest.raises(ValueError, match="needs a month"):
        PartialDate(1960, None, 3)


def test_birth_date_range_and_circa() -> None:
    value = BirthDate(PartialDate(1960), PartialDate(1962), circa=True)
    assert value.is_range
    assert str(value) == "circa 1960 to 1962"
    assert value.covers(date(1961, 6, 1))
    assert not value.covers(date(1963, 1, 1))
    with pytest.raises(ValueError, match="ends"):
        BirthDate(PartialDate(1962), PartialDate(1960))


def test_entry_names_include_natural_forms_and_skip_weak_on_request() -> None:
    entry = _entry(
        "1",
        natural_name="John DOE",
        original_script_names=("Джон Доу",),
        aliases=(
            Alias("ROE, Richard", natural_name="Richard ROE"),
            Alias("Johnny", "weak"),
            Alias("DOE, John"),
        ),
    )
    assert entry.names() == (
        "DOE, John",
        "John DOE",
        "Джон Доу",
        "ROE, Richard",
        "Richard ROE",
        "Johnny",
    )
    assert "Johnny" not in entry.names(weak=False)


def test_document_normalized_number() -> None:
    assert Document("Passport", "ab 12-34<5").normalized_number == "AB12345"


def test_snapshot_rejects_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="occurs twice"):
        ListSnapshot("TEST", "1", (_entry("1"), _entry("1")))


def test_diff_added_changed_removed_ignores_list_version() -> None:
    old = ListSnapshot(
        "TEST",
        "v1",
        (
            _entry("1", list_version="v1"),
            _entry("2", list_version="v1"),
            _entry("3", list_version="v1"),
        ),
    )
    new = ListSnapshot(
        "TEST",
        "v2",
        (
            _entry("1", list_version="v2"),
            _entry("3", name="DOE, Jane", list_version="v2"),
            _entry("4", list_version="v2"),
        ),
    )
    result = diff(old, new)
    assert result.added == ("4",)
    assert result.changed == ("3",)
    assert result.removed == ("2",)
    assert result.unchanged == 1
    assert (result.old_version, result.new_version) == ("v1", "v2")
    assert not result.is_empty
    assert diff(new, new).is_empty


def test_diff_of_different_lists_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot diff"):
        diff(ListSnapshot("A", None, ()), ListSnapshot("B", None, ()))


def test_changed_fields_names_what_differs() -> None:
    old = _entry("1", nationalities=("IRQ",), list_version="v1")
    new = _entry("1", nationalities=("IRQ", "SYR"), gender="male", list_version="v2")
    assert changed_fields(old, new) == ("nationalities", "gender")
