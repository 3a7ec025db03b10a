"""The declaration rule of a profile: which lines count, what they are worth in the
profile's currency on the crossing day, whose cash is added up, and whether it reaches the
threshold. Every result says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from borderpost.cash.errors import CashError
from borderpost.cash.model import Declaration, Line
from borderpost.cash.money import format_amount, quantize
from borderpost.cash.profiles import Profile
from borderpost.cash.rates import RateTable

__all__ = [
    "Assessment",
    "ValuedLine",
    "assess",
    "assess_one",
    "counts",
    "grouping_key",
    "value_line",
]


@dataclass(frozen=True, slots=True)
class ValuedLine:
    """A line with its value in the profile's currency and whether (and why) it counts."""

    line: Line
    counted: bool
    reason: str
    rate: Decimal
    rate_day: dt.date | None
    value: Decimal


@dataclass(frozen=True, slots=True)
class Assessment:
    """The cash of one person, party or conveyance, added up under a profile."""

    key: str
    refs: tuple[str, ...]
    lines: tuple[ValuedLine, ...]
    total: Decimal
    required: bool
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "refs": list(self.refs),
            "total": str(self.total),
            "required": self.required,
            "reason": self.reason,
            "lines": [
                {
                    "instrument": v.line.instrument,
                    "currency": v.line.currency,
                    "amount": str(v.line.amount),
                    "rate": str(v.rate),
                    "rate_day": None if v.rate_day is None else v.rate_day.isoformat(),
                    "value": str(v.value),
                    "counted": v.counted,
                    "reason": v.reason,
                }
                for v in self.lines
            ],
        }


def counts(profile: Profile, line: Line) -> tuple[bool, str]:
    """Whether ``line`` counts as cash under ``profile``, and why (or why not)."""
    if line.instrument not in profile.instruments:
        return False, f"{line.instrument} is not cash under {profile.code} rules"
    if line.instrument != "gold":
        return True, f"{line.instrument} counts as cash"
    assert profile.gold is not None  # parse_profile demands [gold] when gold counts
    if line.purity is None or line.gold_form is None:
        raise CashError("a gold line needs its form (coin, bar, nugget, clump) and purity")
    least = profile.gold.least(line.gold_form)
    shown = f"{line.purity * 100:.1f} % gold {line.gold_form}"
    if line.purity >= least:
        return True, f"{shown} counts as cash (at least {least * 100:.1f} %)"
    return False, f"{shown} is a commodity, not cash (below {least * 100:.1f} %)"


def value_line(profile: Profile, line: Line, rates: RateTable, day: dt.date) -> ValuedLine:
    """``line`` valued in the profile's currency at the rate of ``day``.

    Raises:
        RateError: no rate for the line's currency on that day.
    """
    counted, reason = counts(profile, line)
    conversion = rates.convert(line.amount, line.currency, profile.currency, day)
    return ValuedLine(
        line, counted, reason, conversion.rate, conversion.rate_day, quantize(conversion.amount)
    )


def grouping_key(profile: Profile, declaration: Declaration) -> str:
    """Whose cash ``declaration`` is added to: its carrier's, its party's or its conveyance's
    (a declaration with no party or conveyance reference stands alone)."""
    if profile.aggregation == "party" and declaration.party_ref:
        return f"party:{declaration.party_ref}"
    if profile.aggregation == "conveyance" and declaration.conveyance_ref:
        return f"conveyance:{declaration.conveyance_ref}"
    carrier = declaration.carrier
    if carrier is None:
        return f"declaration:{declaration.ref}"
    born = "" if carrier.birth_date is None else carrier.birth_date.isoformat()
    return f"person:{carrier.document or ''}:{carrier.name.strip().upper()}:{born}"


def _reason(profile: Profile, total: Decimal, required: bool, refs: Sequence[str]) -> str:
    whose = (
        "" if len(refs) == 1 else f" ({len(refs)} declarations added up by {profile.aggregation})"
    )
    shown = format_amount(total, profile.currency)
    verb = "must be declared" if required else "need not be declared"
    return f"{shown}{whose} {verb}: the {profile.code} rule is {profile.rule_text()}"


def assess(
    profile: Profile, declarations: Iterable[Declaration], rates: RateTable
) -> list[Assessment]:
    """The declarations grouped by the profile's aggregation, each group added up.

    Raises:
        RateError: a line's currency has no rate on its crossing day.
        CashError: a gold line without form or purity.
    """
    groups: dict[str, list[Declaration]] = {}
    for declaration in declarations:
        groups.setdefault(grouping_key(profile, declaration), []).append(declaration)
    found = []
    for key, members in groups.items():
        valued = tuple(
            value_line(profile, line, rates, declaration.day)
            for declaration in members
            for line in declaration.lines
        )
        total = quantize(sum((v.value for v in valued if v.counted), Decimal(0)))
        required = profile.reaches(total)
        refs = tuple(d.ref for d in members)
        found.append(
            Assessment(key, refs, valued, total, required, _reason(profile, total, required, refs))
        )
    return found


def assess_one(profile: Profile, declaration: Declaration, rates: RateTable) -> Assessment:
    """One declaration on its own."""
    return assess(profile, [declaration], rates)[0]
