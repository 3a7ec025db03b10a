"""Check digits (ICAO 9303 Part 3 section 4.9) and MRZ dates.

The check digit is the sum of the character values weighted 7, 3, 1 (repeating), modulo 10.
Values: digits as themselves, A=10 ... Z=35, filler < = 0.
"""

from __future__ import annotations

import datetime as dt

MRZ_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")

_VALUES: dict[str, int] = {str(d): d for d in range(10)}
_VALUES.update({chr(ord("A") + i): 10 + i for i in range(26)})
_VALUES["<"] = 0
_WEIGHTS = (7, 3, 1)


def check_digit(text: str) -> int | None:
    """The ICAO check digit of ``text``, or None if it holds a character outside the MRZ set."""
    total = 0
    values = _VALUES
    try:
        for index, char in enumerate(text):
            total += values[char] * _WEIGHTS[index % 3]
    except KeyError:
        return None
    return total % 10


def is_valid(text: str, digit: str) -> bool:
    """True when ``digit`` is the check digit of ``text``."""
    computed = check_digit(text)
    return computed is not None and digit == str(computed)


def format_check_digit(text: str) -> str:
    """The check digit of ``text`` as the MRZ character (raises on a non-MRZ character)."""
    computed = check_digit(text)
    if computed is None:
        raise ValueError(f"{text!r} holds a character outside the MRZ alphabet")
    return str(computed)


def _replace_year(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def split_yymmdd(text: str) -> tuple[int, int | None, int | None] | None:
    """Split an MRZ date into (yy, mm, dd); unknown month/day (fillers) give None.

    Returns None when the text is not six characters of digits (with fillers only for
    an unknown day, or unknown month and day).
    """
    if len(text) != 6 or not text[:2].isdigit():
        return None
    month_text, day_text = text[2:4], text[4:6]
    if month_text == "<<":
        return (int(text[:2]), None, None) if day_text == "<<" else None
    if not month_text.isdigit():
        return None
    if day_text == "<<":
        return int(text[:2]), int(month_text), None
    if not day_text.isdigit():
        return None
    return int(text[:2]), int(month_text), int(day_text)


def birth_date(yy: int, month: int, day: int, reference: dt.date) -> dt.date | None:
    """The calendar birth date: the latest century that does not put it after ``reference``."""
    century = reference.year // 100 * 100
    candidate = _replace_year(century + yy, month, day)
    if candidate is None:
        # 29 February in a century year that is not a leap year: try the previous century.
        return _replace_year(century - 100 + yy, month, day)
    if candidate > reference:
        return _replace_year(century - 100 + yy, month, day)
    return candidate


def birth_year(yy: int, reference: dt.date) -> int:
    """The century-resolved year of a birth date whose month or day is unknown."""
    century = reference.year // 100 * 100
    return century + yy if century + yy <= reference.year else century - 100 + yy


EXPIRY_PAST_WINDOW_YEARS = 50


def expiry_date(yy: int, month: int, day: int, reference: dt.date) -> dt.date | None:
    """The calendar expiry date: the century that puts it no more than 50 years before
    ``reference`` (so '05' read in 2095 means 2105, and '12' read in 2026 means 2012)."""
    century = reference.year // 100 * 100
    for base in (century - 100, century, century + 100):
        year = base + yy
        if year > reference.year - EXPIRY_PAST_WINDOW_YEARS:
            candidate = _replace_year(year, month, day)
            if candidate is not None:
                return candidate
            return None
    return None  # pragma: no cover - the loop always returns
