"""The world's travellers: who traveller ``i`` is, regenerated on demand from its own stream.

``traveller(spec, i)`` draws everything from ``stream(spec, "traveller", i)``, so traveller 17
is the same whatever else is generated. A traveller is a citizen of the home country with the
share ``geography.toml`` gives (``home.citizens``), with a name from the home cultures; anyone
else is a national of a foreign country drawn by the weights of ``people.toml``, with a name
from that country's cultures. Most people live in the country of their nationality; some
citizens live abroad and some foreigners live in the home country.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from borderpost.sim.names import Gender, generate
from borderpost.sim.world import tables
from borderpost.sim.world.geography import geography
from borderpost.sim.world.model import Traveller
from borderpost.sim.world.spec import WorldSpec, stream

__all__ = ["Weighted", "traveller", "traveller_id", "weighted"]

# Infants cross too, but not in their first month.
YOUNGEST_DAYS = 30


def traveller_id(index: int) -> str:
    """The stable id of traveller ``index``: ``T000000017``."""
    return f"T{index:09d}"


@dataclass(frozen=True, slots=True)
class Weighted:
    """Keys with cumulative weights, for fast repeated weighted draws."""

    keys: tuple[str, ...]
    cumulative: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        """One key, drawn by weight."""
        at = rng.random() * self.cumulative[-1]
        return self.keys[bisect.bisect_right(self.cumulative, at)]


def weighted(table: Mapping[str, float]) -> Weighted:
    """A :class:`Weighted` of a key → weight table (in the table's order)."""
    keys = tuple(table)
    return Weighted(keys, tuple(itertools.accumulate(float(table[k]) for k in keys)))


@cache
def _home_cultures() -> Weighted:
    return weighted(geography().home.cultures)


@cache
def _foreign() -> Weighted:
    countries = geography().countries
    table = {code: float(w) for code, w in tables.people()["foreign"].items()}
    unknown = sorted(set(table) - set(countries))
    if unknown:
        raise ValueError(f"people.toml: foreign countries not in geography.toml: {unknown}")
    return weighted(table)


@cache
def _cultures_of(code: str) -> Weighted:
    return weighted(geography().countries[code].cultures)


@cache
def _ages() -> tuple[tuple[tuple[int, int], ...], Weighted]:
    bands: list[list[int]] = tables.people()["ages"]
    ranges = tuple((int(band[0]), int(band[1])) for band in bands)
    return ranges, weighted({str(i): float(band[2]) for i, band in enumerate(bands)})


def _birth_date(rng: random.Random, start: date) -> date:
    ranges, bands = _ages()
    low, high = ranges[int(bands.draw(rng))]
    age_days = rng.randint(low * 365, high * 365 + 364)
    return start - timedelta(days=max(YOUNGEST_DAYS, age_days))


def _phone(rng: random.Random, country: str) -> str:
    code, digits = tables.people()["phones"][country]
    first = rng.randint(1, 9)
    rest = rng.randrange(10 ** (int(digits) - 1))
    return f"{code}{first}{rest:0{int(digits) - 1}d}"


def _address(rng: random.Random, country: str) -> str:
    data = tables.people()
    streets = data["streets"]
    town: str = rng.choice(_towns(country))
    return (
        f"{rng.randint(1, 240)} {rng.choice(streets['names'])} {rng.choice(streets['kinds'])}, "
        f"{town}, {country}"
    )


def _towns(country: str) -> Sequence[str]:
    towns: Sequence[str] = tables.people()["towns"][country]
    return towns


def traveller(spec: WorldSpec, index: int) -> Traveller:
    """Traveller ``index`` of the world (0 .. ``spec.travellers`` - 1), always the same."""
    rng = stream(spec, "traveller", index)
    home = geography().home
    data = tables.people()
    if rng.random() < home.citizens:
        nationality = home.code
        culture = _home_cultures().draw(rng)
        abroad = rng.random() < data["citizens_abroad"]
        residence = _foreign().draw(rng) if abroad else home.code
    else:
        nationality = _foreign().draw(rng)
        culture = _cultures_of(nationality).draw(rng)
        resident = rng.random() < data["foreign_residents"]
        residence = home.code if resident else nationality
    gender: Gender = "male" if rng.random() < 0.55 else "female"
    name = generate(rng, culture, gender=gender, nationality=nationality)
    return Traveller(
        id=traveller_id(index),
        index=index,
        name=name,
        birth_date=_birth_date(rng, spec.start),
        nationality=nationality,
        gender=gender,
        residence=residence,
        phone=_phone(rng, residence),
        address=_address(rng, residence),
    )
