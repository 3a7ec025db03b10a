"""How a clerk writes people into enforcement records: names, birth dates, phone numbers.

Real seizure and arrest reports spell one person many ways: a typo, the family name first, a
middle name left out, another transliteration (:mod:`borderpost.sim.noise`), a birth date
reduced to its year or with day and month swapped. Each record draws its own variations, so
the same person is written differently in two records. Rates are ``[clerk]`` of
``data/world/enforcement.toml``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from borderpost.sim.names import PersonName
from borderpost.sim.noise import NOISES
from borderpost.sim.world.trades import data_file

__all__ = [
    "BIRTH_DATE_FORMS",
    "ClerkRules",
    "clerk_rules",
    "enforcement_table",
    "written_birth_date",
    "written_name",
    "written_phone",
]

BIRTH_DATE_FORMS = ("exact", "year", "swapped", "wrong", "missing")


@dataclass(frozen=True, slots=True)
class ClerkRules:
    """The chances of each variation a clerk makes."""

    noise: Mapping[str, float]  # noise kind (a key of NOISES) -> chance, in order of use
    title_case: float
    birth_date: Mapping[str, float]
    local_phone: float


@cache
def enforcement_table() -> dict[str, Any]:
    """The parsed enforcement.toml, read once."""
    return data_file("enforcement.toml")


def _chance(value: object, where: str) -> float:
    if not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"enforcement.toml: {where} must be a chance between 0 and 1")
    return float(value)


@cache
def clerk_rules() -> ClerkRules:
    """The clerk rules; ValueError names what is wrong."""
    raw = enforcement_table()["clerk"]
    noise = {str(k): _chance(v, f"clerk.noise.{k}") for k, v in raw["noise"].items()}
    unknown = sorted(set(noise) - set(NOISES))
    if unknown:
        raise ValueError(f"enforcement.toml: clerk.noise has unknown kinds {unknown}")
    forms = {str(k): _chance(v, f"clerk.birth_date.{k}") for k, v in raw["birth_date"].items()}
    if set(forms) != set(BIRTH_DATE_FORMS) or abs(sum(forms.values()) - 1) > 1e-6:
        raise ValueError(
            f"enforcement.toml: clerk.birth_date needs {BIRTH_DATE_FORMS} summing to 1"
        )
    return ClerkRules(
        noise=noise,
        title_case=_chance(raw["title_case"], "clerk.title_case"),
        birth_date=forms,
        local_phone=_chance(raw["local_phone"], "clerk.local_phone"),
    )


def written_name(name: PersonName, rng: random.Random) -> str:
    """The passport name (given names first) as one clerk wrote it."""
    rules = clerk_rules()
    text = name.latin_given_first
    for kind, chance in rules.noise.items():
        if rng.random() < chance:
            text = NOISES[kind](text, rng)
    return text.title() if rng.random() < rules.title_case else text


def written_birth_date(born: date, rng: random.Random) -> str:
    """A birth date as one clerk wrote it: ISO, the year alone, day and month swapped (when
    that is a date), a wrong date, or "" when none was written."""
    forms = clerk_rules().birth_date
    form = rng.choices(BIRTH_DATE_FORMS, weights=[forms[f] for f in BIRTH_DATE_FORMS])[0]
    if form == "year":
        return str(born.year)
    if form == "missing":
        return ""
    if form == "swapped" and born.day <= 12 and born.day != born.month:
        return date(born.year, born.day, born.month).isoformat()
    if form == "wrong":
        if rng.random() < 0.5:
            return (born + timedelta(days=rng.choice((-1, 1)) * rng.randint(1, 40))).isoformat()
        years = rng.choice((-10, -1, 1, 10))
        return date(born.year + years, born.month, min(born.day, 28)).isoformat()
    return born.isoformat()


def written_phone(number: str, prefix: str, rng: random.Random) -> str:
    """An E.164 number as written: sometimes in the national form (0 and the digits after
    ``prefix``, the number's international prefix)."""
    if number.startswith(prefix) and rng.random() < clerk_rules().local_phone:
        return "0" + number[len(prefix) :]
    return number
