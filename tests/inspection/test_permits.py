"""Permitted length of stay: the packaged rules and the pure computation."""

from __future__ import annotations

import datetime as dt

import pytest

from borderpost.inspection.permits import load_permit_rules, parse_permit_rules, permitted_until

ENTRY = dt.date(2026, 1, 1)


def test_packaged_rules() -> None:
    rules = load_permit_rules()
    assert permitted_until(ENTRY, "visitor", "IND", rules) == dt.date(2026, 1, 30)
    assert permitted_until(ENTRY, "visitor", "FRA", rules) == dt.date(2026, 3, 31)
    assert permitted_until(ENTRY, "visitor", "uto", rules) == dt.date(2026, 6, 29)
    assert permitted_until(ENTRY, "visitor", None, rules) == dt.date(2026, 3, 31)
    assert permitted_until(ENTRY, "transit", "FRA", rules) == dt.date(2026, 1, 3)
    assert permitted_until(ENTRY, "unknown-type", "FRA", rules) == dt.date(2026, 1, 30)


def test_visa_expiry_caps_the_stay() -> None:
    rules = load_permit_rules()
    assert permitted_until(
        ENTRY, "visitor", "FRA", rules, visa_expiry=dt.date(2026, 2, 1)
    ) == dt.date(2026, 2, 1)
    assert permitted_until(
        ENTRY, "visitor", "FRA", rules, visa_expiry=dt.date(2027, 1, 1)
    ) == dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"default_days": 0},
        {"default_days": 30, "permits": {"visitor": {"days": "90"}}},
        {"default_days": 30, "permits": {"visitor": {"days": 90, "nationalities": {"X": -1}}}},
    ],
)
def test_bad_rules_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="days"):
        parse_permit_rules(data)
