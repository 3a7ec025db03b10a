"""Offences against the declaration duty: cash found that was not declared, or declared short
(a false or incomplete declaration), and unaccompanied cash disclosed late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from borderpost.cash.deadlines import disclosure_due
from borderpost.cash.money import format_amount, quantize
from borderpost.cash.profiles import Profile

__all__ = ["OFFENCE_KINDS", "Offence", "OffenceKind", "check_disclosure", "check_found"]

OffenceKind = Literal["undeclared", "false_declaration", "late_disclosure"]
OFFENCE_KINDS: tuple[OffenceKind, ...] = ("undeclared", "false_declaration", "late_disclosure")


@dataclass(frozen=True, slots=True)
class Offence:
    """An offence and the figures behind it."""

    kind: OffenceKind
    amount: Decimal  # the undeclared amount, in the profile's currency (0 for a late disclosure)
    reason: str


def check_found(profile: Profile, declared: Decimal | None, found: Decimal) -> Offence | None:
    """Compare what a control found (in the profile's currency) with what was declared
    (None: no declaration). An offence only when what was found reaches the threshold."""
    if not profile.reaches(found):
        return None
    shown = format_amount(found, profile.currency)
    if declared is None:
        return Offence(
            "undeclared",
            quantize(found),
            f"{shown} found and not declared (the rule is {profile.rule_text()})",
        )
    if found > declared:
        short = quantize(found - declared)
        return Offence(
            "false_declaration",
            short,
            f"{shown} found but {format_amount(declared, profile.currency)} declared: "
            f"{format_amount(short, profile.currency)} left out",
        )
    return None


def check_disclosure(
    profile: Profile, requested_on: dt.date, disclosed_on: dt.date
) -> Offence | None:
    """A late disclosure of unaccompanied cash (after the profile's calendar days)."""
    due = disclosure_due(profile, requested_on)
    if disclosed_on <= due:
        return None
    late = (disclosed_on - requested_on).days
    return Offence(
        "late_disclosure",
        Decimal(0),
        f"disclosed on day {late} after the request of {requested_on.isoformat()}; "
        f"{profile.code} allows {profile.unaccompanied_disclosure_days} days "
        f"(due {due.isoformat()})",
    )
