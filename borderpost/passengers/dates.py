"""Dates and times as airline messages write them.

PAXLST ``DTM`` values carry a format code (``101`` YYMMDD, ``102`` CCYYMMDD, ``201``
YYMMDDHHMM, ``203`` CCYYMMDDHHMM, ``204`` with seconds) or none (then the length tells).
PNRGOV writes ``DDMMYY`` and ``HHMM`` in separate components, and ``SSR DOCS`` free text
``12JUL64``. Two-digit years are resolved against a reference date: a birth date is the
latest one not after it; any other date is in 2000-2099.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TypeVar

__all__ = ["edifact_datetime", "pnr_date", "pnr_datetime", "text_date"]

T = TypeVar("T", date, datetime)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_LENGTHS = {"101": 6, "102": 8, "201": 10, "203": 12, "204": 14}
_SIZES = frozenset((6, 8, 10, 12, 14))


def _year(two_digits: int, reference: date, *, past: bool) -> int:
    if not past:
        return 2000 + two_digits
    year = (reference.year // 100) * 100 + two_digits
    return year if year <= reference.year else year - 100


def _back(value: T, reference: date, *, past: bool) -> T | None:
    """A century earlier when ``value`` must be in the past but is after ``reference``."""
    moment = value.date() if isinstance(value, datetime) else value
    if not past or moment <= reference:
        return value
    try:
        return value.replace(year=value.year - 100)
    except ValueError:  # 29 February of a year whose century-earlier twin is not a leap year
        return None


@lru_cache(maxsize=8192)
def edifact_datetime(
    value: str, format_code: str, reference: date, *, past: bool = False
) -> datetime | None:
    """A ``DTM`` value in its declared format (or inferred from its length); ``None`` when it
    cannot be read. ``past``: resolve a two-digit year to the latest date not after
    ``reference`` (birth dates). Results are cached: manifests repeat their dates."""
    size = _LENGTHS.get(format_code, len(value))
    if len(value) != size or size not in _SIZES or not value.isdigit():
        return None
    century_given = size in (8, 12, 14)
    try:
        if century_given:
            year, rest = int(value[:4]), value[4:]
        else:
            year, rest = _year(int(value[:2]), reference, past=past), value[2:]
        parsed = datetime(
            year,
            int(rest[:2]),
            int(rest[2:4]),
            int(rest[4:6] or 0),
            int(rest[6:8] or 0),
            int(rest[8:10] or 0),
        )
    except ValueError:
        return None
    return parsed if century_given else _back(parsed, reference, past=past)


@lru_cache(maxsize=8192)
def pnr_date(value: str, reference: date, *, past: bool = False) -> date | None:
    """A PNRGOV ``DDMMYY`` date (``None`` when unreadable)."""
    if len(value) != 6 or not value.isdigit():
        return None
    try:
        found = date(_year(int(value[4:]), reference, past=past), int(value[2:4]), int(value[:2]))
    except ValueError:
        return None
    return _back(found, reference, past=past)


@lru_cache(maxsize=8192)
def pnr_datetime(day: str, time: str, reference: date) -> datetime | None:
    """A PNRGOV ``DDMMYY`` date and optional ``HHMM`` time."""
    found = pnr_date(day.strip(), reference)
    if found is None:
        return None
    time = time.strip()
    if len(time) == 4 and time.isdigit() and int(time[:2]) < 24 and int(time[2:]) < 60:
        return datetime(found.year, found.month, found.day, int(time[:2]), int(time[2:]))
    return datetime(found.year, found.month, found.day)


@lru_cache(maxsize=8192)
def text_date(value: str, reference: date, *, past: bool = False) -> date | None:
    """A ``12JUL64`` date (``SSR DOCS``)."""
    value = value.strip().upper()
    month = _MONTHS.get(value[2:5])
    if len(value) != 7 or month is None or not (value[:2] + value[5:]).isdigit():
        return None
    try:
        found = date(_year(int(value[5:]), reference, past=past), month, int(value[:2]))
    except ValueError:
        return None
    return _back(found, reference, past=past)
