"""Country names, adjectives and codes as written in watchlists → ICAO three-letter codes.

The table lives in ``data/countries.csv`` (``alpha3,alpha2,name,aliases``; aliases are
``;``-separated). Its ISO 3166-1 part was generated once from ``pycountry`` in a scratch
environment; the ICAO Doc 9303 Part 3 codes outside ISO 3166-1 (``RKS`` Kosovo, ``XXA``-``XXC``
stateless/refugee, ``XXX`` unspecified, ``GBN``…), nationality adjectives ("Iraqi", "Afghan")
and the spellings used by the OFAC and UN lists ("Korea, North", "Iran (Islamic Republic of)",
"Palestinian") were added by hand. Edit the CSV, not this module.

Germany is ``DEU`` here; the MRZ's one-letter ``D`` (also ``D<<``) is accepted as input.
Unknown input gives ``None``: callers report it, nothing is guessed.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "Country",
    "all_countries",
    "country",
    "country_name",
    "is_country_code",
    "name_key",
    "to_alpha3",
]


@dataclass(frozen=True, slots=True)
class Country:
    """One row of the country table."""

    alpha3: str
    alpha2: str | None
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Table:
    by_alpha3: dict[str, Country]
    by_alpha2: dict[str, str]
    by_name: dict[str, str]
    conflicts: tuple[str, ...]


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PAREN = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def name_key(text: str) -> str:
    """Fold a country name for lookup: accents, case, punctuation and a leading "the" go.

    Args:
        text: a country name or adjective.

    Returns:
        The lookup key, e.g. ``"cote d ivoire"`` for "Côte d'Ivoire".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold().replace("&", " and ")
    key = _NON_ALNUM.sub(" ", folded).strip()
    key = re.sub(r"\bst\b", "saint", key)
    return key.removeprefix("the ")


def _variants(text: str, *, lossy: bool) -> list[str]:
    """Reorderings of a name that lists write differently ("Korea, North", "Iran (…)").

    ``lossy`` adds the name without its parenthesis ("Congo (Republic of the)" → "Congo"),
    which is tried only at lookup time, after every exact spelling.
    """
    out = [text]
    if text.count(",") == 1:
        head, tail = (part.strip() for part in text.split(","))
        out.append(f"{tail} {head}")
    match = _PAREN.match(text)
    if match is not None:
        out.append(f"{match['inner']} {match['head']}")
        if lossy:
            out.append(match["head"])
    return out


@functools.cache
def _table() -> _Table:
    raw = resources.files("borderpost.screening").joinpath("data/countries.csv").read_text("utf-8")
    by_alpha3: dict[str, Country] = {}
    by_alpha2: dict[str, str] = {}
    by_name: dict[str, str] = {}
    conflicts: list[str] = []
    for row in csv.DictReader(io.StringIO(raw)):
        aliases = tuple(a for a in row["aliases"].split(";") if a)
        item = Country(row["alpha3"], row["alpha2"] or None, row["name"], aliases)
        by_alpha3[item.alpha3] = item
        if item.alpha2 is not None:
            by_alpha2[item.alpha2] = item.alpha3
        for spelling in (item.name, *aliases):
            for variant in _variants(spelling, lossy=False):
                key = name_key(variant)
                known = by_name.setdefault(key, item.alpha3)
                if known != item.alpha3:
                    conflicts.append(f"{variant!r}: {known} and {item.alpha3}")
    return _Table(by_alpha3, by_alpha2, by_name, tuple(conflicts))


def to_alpha3(text: str | None) -> str | None:
    """Turn a country code, name or nationality adjective into an ICAO three-letter code.

    Accepts ISO alpha-3 and alpha-2 codes in any case, ICAO extensions (``RKS``, ``XXA``,
    MRZ ``D<<``), English short and official names, the inverted forms lists use
    ("Korea, North", "Congo, Democratic Republic of the", "Iran (Islamic Republic of)")
    and adjectives ("Iraqi", "Afghan").

    Args:
        text: what the source wrote.

    Returns:
        The code, e.g. ``"IRQ"``, or ``None`` when the text is not a known country.
    """
    if text is None:
        return None
    cleaned = text.strip().strip(".").strip()
    if not cleaned:
        return None
    table = _table()
    code = cleaned.replace("<", "").upper()
    if len(code) == 3 and code in table.by_alpha3:
        return code
    if len(code) == 2 and code in table.by_alpha2:
        return table.by_alpha2[code]
    if code == "D":
        return "DEU"
    for variant in _variants(cleaned, lossy=True):
        found = table.by_name.get(name_key(variant))
        if found is not None:
            return found
    return None


def country(code: str) -> Country | None:
    """The table row for an ICAO three-letter code (``None`` if unknown)."""
    return _table().by_alpha3.get(code.upper())


def country_name(code: str) -> str | None:
    """English short name for a three-letter code, e.g. ``"Iraq"`` for ``"IRQ"``."""
    found = country(code)
    return None if found is None else found.name


def is_country_code(code: str) -> bool:
    """Whether ``code`` is a three-letter code in the table (ISO 3166-1 or ICAO extension)."""
    return code in _table().by_alpha3


def all_countries() -> tuple[Country, ...]:
    """Every row of the table, in file order."""
    return tuple(_table().by_alpha3.values())


def _alias_conflicts() -> tuple[str, ...]:
    """Spellings that the table gives to two codes (the tests require none)."""
    return _table().conflicts
