"""Jurisdiction profiles: a country's (or union's) cash-control rules, read from TOML data.

A profile says at which amount cash must be declared (``threshold`` and whether the amount
itself counts: operator ``>=`` or ``>``), in which currency, which instruments count (gold
only above a least purity per form), whose cash is added up (each person, a travelling party
or family, or everything on one conveyance), the working days the FIU has to receive the
information (with the holiday calendar), and the days allowed to disclose unaccompanied cash.

The EU and US profiles ship in ``data/profiles``; ``template.toml`` starts a national one.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

from borderpost.cash.errors import ProfileError
from borderpost.cash.money import parse_amount, parse_currency

__all__ = [
    "AGGREGATIONS",
    "INSTRUMENTS",
    "Aggregation",
    "GoldRule",
    "Instrument",
    "Profile",
    "builtin_profiles",
    "load_profile",
    "parse_profile",
    "profile",
]

Instrument = Literal["currency", "bearer_negotiable", "prepaid_card", "gold"]
Aggregation = Literal["person", "party", "conveyance"]
INSTRUMENTS: tuple[Instrument, ...] = ("currency", "bearer_negotiable", "prepaid_card", "gold")
AGGREGATIONS: tuple[Aggregation, ...] = ("person", "party", "conveyance")
_OPERATORS = (">=", ">")
_REQUIRED = (
    "code",
    "name",
    "currency",
    "threshold",
    "operator",
    "instruments",
    "aggregation",
    "fiu_deadline_working_days",
    "unaccompanied_disclosure_days",
    "weekend",
    "holidays",
)


@dataclass(frozen=True, slots=True)
class GoldRule:
    """The least gold content (a share, 0..1) at which a coin and a bar count as cash."""

    coin: Decimal
    bar: Decimal

    def least(self, form: str) -> Decimal:
        """The least purity for ``form`` ("coin"; "bar", "nugget" and "clump" are bars)."""
        return self.coin if form == "coin" else self.bar


@dataclass(frozen=True, slots=True)
class Profile:
    """One jurisdiction's rules (see the module docstring)."""

    code: str
    name: str
    currency: str
    threshold: Decimal
    operator: Literal[">=", ">"]
    instruments: frozenset[Instrument]
    aggregation: Aggregation
    fiu_deadline_working_days: int
    unaccompanied_disclosure_days: int
    weekend: frozenset[int]
    holidays: frozenset[dt.date]
    gold: GoldRule | None = None

    def reaches(self, total: Decimal) -> bool:
        """Whether ``total`` (in the profile's currency) must be declared."""
        return total >= self.threshold if self.operator == ">=" else total > self.threshold

    def rule_text(self) -> str:
        """``EUR 10000.00 or more`` / ``more than USD 10000.00``."""
        if self.operator == ">=":
            return f"{self.currency} {self.threshold:.2f} or more"
        return f"more than {self.currency} {self.threshold:.2f}"

    def is_working_day(self, day: dt.date) -> bool:
        return day.isoweekday() not in self.weekend and day not in self.holidays

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "currency": self.currency,
            "threshold": str(self.threshold),
            "operator": self.operator,
            "rule": self.rule_text(),
            "instruments": sorted(self.instruments),
            "aggregation": self.aggregation,
            "fiu_deadline_working_days": self.fiu_deadline_working_days,
            "unaccompanied_disclosure_days": self.unaccompanied_disclosure_days,
            "weekend": sorted(self.weekend),
            "holidays": [day.isoformat() for day in sorted(self.holidays)],
            "gold": None
            if self.gold is None
            else {"coin": str(self.gold.coin), "bar": str(self.gold.bar)},
        }


def _purity(raw: object, where: str) -> Decimal:
    try:
        value = parse_amount(str(raw), what=where)
    except ValueError as exc:
        raise ProfileError(str(exc)) from None
    if not Decimal(0) < value <= Decimal(1):
        raise ProfileError(f"{where} is {raw}; give a share between 0 and 1 such as 0.995")
    return value


def _days(raw: object, where: str, least: int) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < least:
        raise ProfileError(f"{where} must be a whole number of at least {least}, not {raw!r}")
    return raw


def parse_profile(raw: Mapping[str, Any], *, source: str = "profile") -> Profile:
    """A profile from its parsed TOML table.

    Raises:
        ProfileError: a key is missing or a value is unusable (the message names which).
    """
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise ProfileError(f"{source}: missing {', '.join(missing)} (see template.toml)")
    where = f"{source}: "
    try:
        currency = parse_currency(str(raw["currency"]))
        threshold = parse_amount(str(raw["threshold"]), what=where + "threshold")
    except ValueError as exc:
        raise ProfileError(
            f"{where}{exc}" if not str(exc).startswith(where) else str(exc)
        ) from None
    if threshold <= 0:
        raise ProfileError(f"{where}threshold must be above zero")
    operator = raw["operator"]
    if operator not in _OPERATORS:
        raise ProfileError(f'{where}operator is {operator!r}; use ">=" or ">"')
    instruments = raw["instruments"]
    if not isinstance(instruments, list) or not instruments:
        raise ProfileError(f"{where}instruments must be a non-empty list")
    for item in instruments:
        if item not in INSTRUMENTS:
            raise ProfileError(
                f"{where}unknown instrument {item!r}; use any of {', '.join(INSTRUMENTS)}"
            )
    aggregation = raw["aggregation"]
    if aggregation not in AGGREGATIONS:
        raise ProfileError(
            f"{where}aggregation is {aggregation!r}; use one of {', '.join(AGGREGATIONS)}"
        )
    weekend = raw["weekend"]
    if not isinstance(weekend, list) or not all(
        isinstance(d, int) and 1 <= d <= 7 for d in weekend
    ):
        raise ProfileError(f"{where}weekend must list ISO weekdays 1 (Monday) to 7 (Sunday)")
    if len(set(weekend)) >= 7:
        raise ProfileError(f"{where}weekend leaves no working day")
    holidays: set[dt.date] = set()
    for day in raw["holidays"] if isinstance(raw["holidays"], list) else [raw["holidays"]]:
        try:
            holidays.add(day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)))
        except ValueError:
            raise ProfileError(f"{where}holiday {day!r} is not an ISO date (2026-12-25)") from None
    gold = None
    if "gold" in instruments:
        rule = raw.get("gold")
        if not isinstance(rule, Mapping) or "coin" not in rule or "bar" not in rule:
            raise ProfileError(f"{where}gold counts, so [gold] needs coin and bar purities")
        gold = GoldRule(
            _purity(rule["coin"], where + "gold.coin"), _purity(rule["bar"], where + "gold.bar")
        )
    code = str(raw["code"]).strip().upper()
    if not code:
        raise ProfileError(f"{where}code is empty")
    return Profile(
        code=code,
        name=str(raw["name"]),
        currency=currency,
        threshold=threshold,
        operator=cast(Literal[">=", ">"], operator),
        instruments=frozenset(cast(list[Instrument], instruments)),
        aggregation=cast(Aggregation, aggregation),
        fiu_deadline_working_days=_days(
            raw["fiu_deadline_working_days"], where + "fiu_deadline_working_days", 1
        ),
        unaccompanied_disclosure_days=_days(
            raw["unaccompanied_disclosure_days"], where + "unaccompanied_disclosure_days", 1
        ),
        weekend=frozenset(weekend),
        holidays=frozenset(holidays),
        gold=gold,
    )


def load_profile(path: Path) -> Profile:
    """A profile from a TOML file (a national profile made from ``template.toml``).

    Raises:
        ProfileError: the file cannot be read or is not a valid profile.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path} is not valid TOML: {exc}") from None
    return parse_profile(raw, source=path.name)


@cache
def builtin_profiles() -> Mapping[str, Profile]:
    """The shipped profiles by code (``EU``, ``US``); the template is not one."""
    found: dict[str, Profile] = {}
    folder = resources.files("borderpost.cash") / "data" / "profiles"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml") or entry.name == "template.toml":
            continue
        parsed = parse_profile(tomllib.loads(entry.read_text(encoding="utf-8")), source=entry.name)
        found[parsed.code] = parsed
    return found


def profile(code_or_path: str) -> Profile:
    """A shipped profile by code (any case), or a profile file by path.

    Raises:
        ProfileError: neither a shipped code nor a readable profile file.
    """
    shipped = builtin_profiles()
    found = shipped.get(code_or_path.strip().upper())
    if found is not None:
        return found
    path = Path(code_or_path)
    if path.suffix == ".toml" or path.exists():
        return load_profile(path)
    raise ProfileError(
        f"unknown cash profile {code_or_path!r}: use {', '.join(sorted(shipped))} "
        "or the path of a TOML file made from template.toml"
    )
