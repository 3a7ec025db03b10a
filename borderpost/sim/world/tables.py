"""The synthetic world's data tables, read once from ``data/world/``.

``people.toml`` (nationalities, ages, phones, towns), ``documents.toml`` (statuses, defect
kinds, number series), ``movement.toml`` (kinds of traveller, rates, flights), ``visas.csv``
(permits by nationality) and ``lists.toml`` (watchlist rates and noise). Each loader is cached:
the generator calls them per traveller, and a file is parsed only once per process.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "Defect",
    "Permit",
    "defects",
    "documents",
    "lists",
    "movement",
    "people",
    "permit",
]


def _read(name: str) -> str:
    return resources.files("borderpost.sim").joinpath(f"data/world/{name}").read_text("utf-8")


@cache
def people() -> Mapping[str, Any]:
    """``people.toml``: foreign nationality weights, ages, calling codes, towns, streets."""
    return tomllib.loads(_read("people.toml"))


@cache
def documents() -> Mapping[str, Any]:
    """``documents.toml``: validity, status rates, defect kinds, number series."""
    return tomllib.loads(_read("documents.toml"))


@cache
def movement() -> Mapping[str, Any]:
    """``movement.toml``: kinds of traveller, overstay, cash, screening and flight figures."""
    return tomllib.loads(_read("movement.toml"))


@cache
def lists() -> Mapping[str, Any]:
    """``lists.toml``: watchlist rates, name noise, date-of-birth noise."""
    return tomllib.loads(_read("lists.toml"))


@dataclass(frozen=True, slots=True)
class Defect:
    """A kind of forgery and the finding the documents engine must raise for it."""

    kind: str
    finding: str
    field: str
    weight: float
    summary: str


@cache
def defects() -> tuple[Defect, ...]:
    """Every defect kind of ``documents.toml``, in file order."""
    return tuple(
        Defect(
            kind,
            str(raw["finding"]),
            str(raw["field"]),
            float(raw["weight"]),
            str(raw["summary"]),
        )
        for kind, raw in documents()["defects"].items()
    )


@dataclass(frozen=True, slots=True)
class Permit:
    """What a visitor of one nationality enters on, and how many days it lets them stay."""

    kind: str
    stay_days: int


@cache
def _permits() -> Mapping[str, Permit]:
    text = "\n".join(line for line in _read("visas.csv").splitlines() if not line.startswith("#"))
    rows = csv.DictReader(io.StringIO(text))
    return {row["nationality"]: Permit(row["permit"], int(row["stay_days"])) for row in rows}


def permit(nationality: str) -> Permit:
    """The permit a visitor of ``nationality`` (ICAO code) enters on (``visas.csv``)."""
    table = _permits()
    return table.get(nationality, table["*"])
