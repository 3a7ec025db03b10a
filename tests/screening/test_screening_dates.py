"""Loose list dates: "01 Jan 1960", "Nov. 1973", "circa 1960-1962", "Mar 1962 to Feb 1963"."""

from __future__ import annotations

import pytest

from borderpost.screening import BirthDate, PartialDate, parse_birth_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1960", PartialDate(1960)),
        ("1960-05-01", PartialDate(1960, 5, 1)),
        ("01 Jan 1960", PartialDate(1960, 1, 1)),
        ("1 January 1960", PartialDate(1960, 1, 1)),
        ("Jan 1960", PartialDate(1960, 1)),
        ("Nov. 1973", PartialDate(1973, 11)),
        ("Sept 1973", PartialDate(1973, 9)),
        ("April 1963 ", PartialDate(1963, 4)),
    ],
)
def test_partial_dates(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["", "31 Feb 1960", "Smarch 1960", "24/06/1402", "1960s"])
def test_partial_date_rejects(text: str) -> None:
    assert parse_partial_date(text) is None


def test_plain_date_has_no_remark() -> None:
    parsed = parse_birth_date("01 Jan 1960")
    assert parsed.value == BirthDate(PartialDate(1960, 1, 1))
    assert parsed.remark is None


def test_circa_year() -> None:
    parsed = parse_birth_date("circa 1951")
    assert parsed.value == BirthDate(PartialDate(1951), circa=True)
    assert parsed.remark is None


def test_circa_range_is_flagged() -> None:
    parsed = parse_birth_date("circa 1960-1962")
    assert parsed.value == BirthDate(PartialDate(1960), PartialDate(1962), circa=True)
    assert parsed.remark == "DOB 'circa 1960-1962' parsed as circa range 1960-1962"


def test_to_range_of_months() -> None:
    parsed = parse_birth_date("Mar 1962 to Feb 1963")
    assert parsed.value == BirthDate(PartialDate(1962, 3), PartialDate(1963, 2))


def test_between_borrows_the_year() -> None:
    parsed = parse_birth_date("Between Aug. and Sep. 1977")
    assert parsed.value == BirthDate(PartialDate(1977, 8), PartialDate(1977, 9))
    assert parsed.remark is not None


@pytest.mark.parametrize("text", ["30-35 years old", "1970 to 1960", "unknown", "1960 to"])
def test_not_understood(text: str) -> None:
    parsed = parse_birth_date(text)
    assert parsed.value is None
    assert parsed.remark is not None and "not understood" in parsed.remark
