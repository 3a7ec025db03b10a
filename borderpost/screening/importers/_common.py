"""Small helpers the importers share (private)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from borderpost.screening.countries import to_alpha3
from borderpost.screening.report import ReportBuilder

T = TypeVar("T")


def natural_order(name: str) -> str | None:
    """ "LAST, First" → "First LAST"; ``None`` unless there is exactly one comma."""
    if name.count(",") != 1:
        return None
    last, first = (part.strip() for part in name.split(","))
    if not last or not first:
        return None
    return f"{first} {last}"


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin (or there are no letters)."""
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def unique(values: Iterable[T]) -> tuple[T, ...]:
    """Values without repeats, first occurrence order kept."""
    return tuple(dict.fromkeys(values))


def resolve_country(
    text: str, report: ReportBuilder, file: str, line: int | None, what: str, entry_id: str
) -> str | None:
    """Country code for ``text``, warning (and returning ``None``) when it is unknown."""
    code = to_alpha3(text)
    if code is None:
        report.warn(file, line, f"{what} {text!r} is not a known country; left out", entry_id)
    return code
