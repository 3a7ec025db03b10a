"""Permitted length of stay: rules as data (``data/permits.toml``), one pure function.

>>> rules = load_permit_rules()
>>> permitted_until(dt.date(2026, 1, 1), "visitor", "UTO", rules)
datetime.date(2026, 6, 29)
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "PermitRule",
    "PermitRules",
    "load_permit_rules",
    "parse_permit_rules",
    "permitted_until",
]


@dataclass(frozen=True, slots=True)
class PermitRule:
    """How long one permit type allows, by default and for particular nationalities."""

    permit_type: str
    days: int
    description: str = ""
    nationalities: Mapping[str, int] = field(default_factory=dict)

    def days_for(self, nationality: str | None) -> int:
        """Days allowed to a holder of ``nationality`` (the rule's default when not listed)."""
        if nationality is None:
            return self.days
        return self.nationalities.get(nationality.upper(), self.days)


@dataclass(frozen=True, slots=True)
class PermitRules:
    """Every permit type, and the length of stay for a type that is not listed."""

    default_days: int
    rules: Mapping[str, PermitRule]

    def days_for(self, permit_type: str, nationality: str | None) -> int:
        rule = self.rules.get(permit_type)
        return self.default_days if rule is None else rule.days_for(nationality)


def _positive_days(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where}: days must be a positive whole number, not {value!r}")
    return value


def parse_permit_rules(data: Mapping[str, Any]) -> PermitRules:
    """Build :class:`PermitRules` from the parsed TOML, checking every number.

    Raises:
        ValueError: a value is missing or not a positive number of days.
    """
    default_days = _positive_days(data.get("default_days"), "default_days")
    rules: dict[str, PermitRule] = {}
    for permit_type, body in dict(data.get("permits", {})).items():
        where = f"permits.{permit_type}"
        nationalities = {
            code.upper(): _positive_days(days, f"{where}.nationalities.{code}")
            for code, days in dict(body.get("nationalities", {})).items()
        }
        rules[permit_type] = PermitRule(
            permit_type=permit_type,
            days=_positive_days(body.get("days"), f"{where}.days"),
            description=str(body.get("description", "")),
            nationalities=nationalities,
        )
    return PermitRules(default_days=default_days, rules=rules)


@cache
def load_permit_rules() -> PermitRules:
    """The packaged rules (read once)."""
    text = resources.files("borderpost.inspection").joinpath("data/permits.toml").read_text()
    return parse_permit_rules(tomllib.loads(text))


def permitted_until(
    entry_date: dt.date,
    permit_type: str,
    nationality: str | None,
    rules: PermitRules,
    *,
    visa_expiry: dt.date | None = None,
) -> dt.date:
    """The last day of a permitted stay that starts on ``entry_date``.

    The entry day counts as day one (90 days from 1 January end on 31 March). A visa that
    expires sooner caps the stay at its expiry date.
    """
    days = rules.days_for(permit_type, nationality)
    last_day = entry_date + dt.timedelta(days=days - 1)
    if visa_expiry is not None and visa_expiry < last_day:
        return visa_expiry
    return last_day
