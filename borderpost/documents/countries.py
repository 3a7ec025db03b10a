"""Issuing State and nationality codes: ISO 3166-1 alpha-3 plus ICAO's own codes.

The MRZ writes a code in three characters padded with fillers (Germany's ``D`` is ``D<<``).
``lookup`` takes the field as printed; ``quirk`` knows non-ICAO spellings seen on real
documents (``DE<``, withdrawn codes) so that an officer is told what they mean.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    alpha2: str | None
    name: str
    kind: str  # iso | icao | deprecated


@dataclass(frozen=True, slots=True)
class Quirk:
    field: str
    severity: str
    meaning: str


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("borderpost.documents").joinpath(f"data/{filename}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@cache
def countries() -> Mapping[str, Country]:
    """Every code a reader must accept, by code (``D`` for Germany, not ``D<<``)."""
    return {
        row["code"]: Country(row["code"], row["alpha2"] or None, row["name"], row["kind"])
        for row in _rows("countries.csv")
    }


@cache
def quirks() -> Mapping[str, Quirk]:
    return {
        row["field"]: Quirk(row["field"], row["severity"], row["meaning"])
        for row in _rows("country_quirks.csv")
    }


def code_from_field(field: str) -> str:
    """The code an MRZ field holds: trailing fillers removed (``D<<`` → ``D``)."""
    return field.rstrip("<")


def lookup(field: str) -> Country | None:
    """The country or organisation an MRZ code field names, or None if it is not an ICAO code.

    A code is written left-aligned and padded with fillers; ``<D<`` or ``DEU`` written as
    ``DE<`` are not ICAO codes.
    """
    if "<" in field.rstrip("<"):
        return None
    return countries().get(code_from_field(field))


def quirk(field: str) -> Quirk | None:
    return quirks().get(field)
