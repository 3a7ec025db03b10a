"""The profile rules at their edges (issue 13's list), deadlines and offences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from borderpost.cash.deadlines import disclosure_due, fiu_due, working_days_after
from borderpost.cash.errors import ProfileError, RateError
from borderpost.cash.model import Declaration, Line, Party
from borderpost.cash.offences import check_disclosure, check_found
from borderpost.cash.profiles import builtin_profiles, load_profile, parse_profile, profile
from borderpost.cash.rates import parse_rates
from borderpost.cash.rules import assess, assess_one, counts

EU = profile("EU")
US = profile("US")
DAY = dt.date(2026, 3, 10)
RATES = parse_rates(
    "date,currency,quote,rate\n"
    "2026-03-01,USD,EUR,0.9200\n"
    "2026-03-01,XOF,EUR,0.0015244\n"
    "2026-02-01,USD,EUR,0.9000\n"
    "2026-03-01,EUR,USD,1.0870\n"
)


def _declaration(
    ref: str, *lines: Line, party: str | None = None, name: str = "AMINA DIALLO"
) -> Declaration:
    return Declaration(
        ref=ref,
        kind="accompanied",
        day=DAY,
        port="CTN",
        direction="entry",
        lines=lines,
        parties=(Party("carrier", name, dt.date(1980, 5, 1)),),
        party_ref=party,
    )


def _cash(amount: str, currency: str = "EUR") -> Line:
    return Line("currency", currency, Decimal(amount))


def test_eu_threshold_amount_itself_declares() -> None:
    assert assess_one(EU, _declaration("D1", _cash("10000.00")), RATES).required
    assert not assess_one(EU, _declaration("D1", _cash("9999.99")), RATES).required


def test_us_threshold_amount_does_not_declare_but_one_cent_more_does() -> None:
    at = assess_one(US, _declaration("D1", _cash("10000.00", "USD")), RATES)
    above = assess_one(US, _declaration("D1", _cash("10000.01", "USD")), RATES)
    assert not at.required
    assert above.required
    assert "more than USD 10000.00" in above.reason


def test_us_family_cash_is_added_up() -> None:
    father = _declaration("D1", _cash("6000", "USD"), party="FAM-1", name="JOHN DOE")
    mother = _declaration("D2", _cash("5000", "USD"), party="FAM-1", name="JANE DOE")
    (family,) = assess(US, [father, mother], RATES)
    assert family.required
    assert family.total == Decimal("11000.00")
    assert "2 declarations added up by party" in family.reason
    # The EU counts each person alone: neither carrier reaches EUR 10 000.
    assert not any(a.required for a in assess(EU, [father, mother], RATES))


def test_gold_coin_at_90_percent_counts_and_at_89_does_not() -> None:
    coin90 = Line("gold", "EUR", Decimal("10000"), gold_form="coin", purity=Decimal("0.900"))
    coin89 = Line("gold", "EUR", Decimal("10000"), gold_form="coin", purity=Decimal("0.89"))
    assert counts(EU, coin90)[0]
    assert not counts(EU, coin89)[0]
    assert "commodity" in counts(EU, coin89)[1]
    assert assess_one(EU, _declaration("D1", coin90), RATES).required
    assert not assess_one(EU, _declaration("D1", coin89), RATES).required
    bar = Line("gold", "EUR", Decimal("20000"), gold_form="bar", purity=Decimal("0.990"))
    assert not counts(EU, bar)[0]  # bars need 99.5 %
    assert not counts(US, coin90)[0]  # gold is no monetary instrument in the US


def test_conversion_uses_the_rate_of_the_crossing_day() -> None:
    # USD 10 900 at 0.92 (March rate) is EUR 10 028: declares; the February rate is not used.
    found = assess_one(EU, _declaration("D1", _cash("10900", "USD")), RATES)
    assert found.total == Decimal("10028.00")
    assert found.lines[0].rate_day == dt.date(2026, 3, 1)
    # Inverse rates work too, and XOF converts with the cents kept exact.
    xof = assess_one(EU, _declaration("D2", _cash("6559570", "XOF")), RATES)
    assert xof.total == Decimal("9999.41")
    inverse, day = RATES.rate("EUR", "XOF", DAY)
    assert day == dt.date(2026, 3, 1) and abs(inverse - Decimal("656.0")) < 1


def test_missing_rate_is_a_clear_error() -> None:
    with pytest.raises(RateError, match="no GBP->EUR exchange rate"):
        assess_one(EU, _declaration("D1", _cash("100", "GBP")), RATES)
    old = parse_rates("date,currency,quote,rate\n2025-12-01,USD,EUR,0.95\n")
    with pytest.raises(RateError, match="31 days"):
        old.rate("USD", "EUR", DAY)


def test_fiu_deadline_skips_weekends_and_holidays() -> None:
    # Thursday 2026-04-02; Good Friday 04-03 and Easter Monday 04-06 are holidays.
    start = dt.date(2026, 4, 2)
    assert working_days_after(EU, start, 1) == dt.date(2026, 4, 7)
    assert fiu_due(EU, start) == dt.date(2026, 4, 27)  # 2 holidays + 3 weekends skipped
    # Without holidays: 15 working days after a Thursday is the Thursday three weeks on.
    assert fiu_due(EU, dt.date(2026, 3, 5)) == dt.date(2026, 3, 26)


def test_disclosure_on_day_31_is_late_and_day_30_is_not() -> None:
    asked = dt.date(2026, 3, 1)
    assert disclosure_due(EU, asked) == dt.date(2026, 3, 31)
    assert check_disclosure(EU, asked, asked + dt.timedelta(days=30)) is None
    late = check_disclosure(EU, asked, asked + dt.timedelta(days=31))
    assert late is not None and late.kind == "late_disclosure"
    assert "day 31" in late.reason


def test_offences_for_missing_and_false_declarations() -> None:
    undeclared = check_found(EU, None, Decimal("15000"))
    assert undeclared is not None and undeclared.kind == "undeclared"
    short = check_found(EU, Decimal("9000"), Decimal("14000"))
    assert short is not None and short.kind == "false_declaration"
    assert short.amount == Decimal("5000.00")
    assert check_found(EU, None, Decimal("9000")) is None
    assert check_found(EU, Decimal("14000"), Decimal("14000")) is None


def test_shipped_profiles_and_template(tmp_path: Path) -> None:
    assert set(builtin_profiles()) == {"EU", "US"}
    template = Path(__file__).parents[2] / "borderpost/cash/data/profiles/template.toml"
    national = load_profile(template)
    assert national.code == "XX" and national.threshold == Decimal("5000000")
    bad = tmp_path / "bad.toml"
    bad.write_text('code = "ZZ"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="missing name"):
        load_profile(bad)
    raw = EU.to_dict() | {"operator": "=>", "holidays": []}
    with pytest.raises(ProfileError, match="operator"):
        parse_profile(raw)
    with pytest.raises(ProfileError, match="unknown cash profile"):
        profile("Atlantis")
