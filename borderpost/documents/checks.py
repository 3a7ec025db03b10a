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
# Byte translation table: each MRZ character to its value, anything else to 255.
_INVALID = 255
_TABLE = bytes(_VALUES.get(chr(code), _INVALID) for code in range(256))
# The same for whole MRZs: line breaks are allowed there (no check covers them).
_LINES_TABLE = bytes(0 if code == 10 else _TABLE[code] for code in range(256))


def check_digit(text: str) -> int | None:
    """The ICAO check digit of ``text``, or None if it holds a character outside the MRZ set."""
    if not text.isascii():
        return None
    values = text.encode("ascii").translate(_TABLE)
    if _INVALID in values:
        return None
    # Weights 7, 3, 1 repeat: sum each third of the positions once (C-level slices).
    return (7 * sum(values[0::3]) + 3 * sum(values[1::3]) + sum(values[2::3])) % 10


def is_digits(text: str) -> bool:
    """Only ASCII digits 0-9 (``str.isdigit`` also accepts '²' and other scripts' digits)."""
    return text.isascii() and text.isdigit()


def values(text: str) -> bytes | None:
    """Each character's check-digit value as a byte (line breaks 0), or None if any character
    is outside the MRZ set."""
    if not text.isascii():
        return None
    translated = text.encode("ascii").translate(_LINES_TABLE)
    return None if _INVALID in translated else translated


def planned_digit(values: bytes, plan: tuple[tuple[int, int, int], ...]) -> int:
    """The check digit over ``values`` by a precomputed plan of weighted step-3 slices."""
    total = 0
    for start, stop, weight in plan:
        total += weight * sum(values[start:stop:3])
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
    if len(text) != 6 or not is_digits(text[:2]):
        return None
    month_text, day_text = text[2:4], text[4:6]
    if month_text == "<<":
        return (int(text[:2]), None, None) if day_text == "<<" else None
    if not is_digits(month_text):
        return None
    if day_text == "<<":
        return int(text[:2]), int(month_text), None
    if not is_digits(day_text):
        return None
    return int(text[:2]), int(month_text), int(day_text)


def birth_date(yy: int, month: int, day: int, reference: dt.date) -> dt.date | None:
    """The calendar birth date: the latest century that does not put it after ``reference``."""
    year = reference.year // 100 * 100 + yy
    if year > reference.year:
        year -= 100
    candidate = _replace_year(year, month, day)
    if candidate is None:
        # 29 February in a century year that is not a leap year: try the previous century.
        return _replace_year(year - 100, month, day)
    if candidate > reference:
        return _replace_year(year - 100, month, day)
    return candidate


def birth_year(yy: int, reference: dt.date) -> int:
    """The century-resolved year of a birth date whose month or day is unknown."""
    century = reference.year // 100 * 100
    return century + yy if century + yy <= reference.year else century - 100 + yy


EXPIRY_PAST_WINDOW_YEARS = 50


def expiry_date(yy: int, month: int, day: int, reference: dt.date) -> dt.date | None:
    """The calendar expiry date: the century that puts it no more than 50 years before
    ``reference`` and no more than 50 after (so '05' read in 2095 means 2105, and '12'
    read in 2026 means 2012)."""
    year = reference.year // 100 * 100 + yy
    if year <= reference.year - EXPIRY_PAST_WINDOW_YEARS:
        year += 100
    elif year > reference.year + EXPIRY_PAST_WINDOW_YEARS:
        year -= 100
    return _replace_year(year, month, day)
