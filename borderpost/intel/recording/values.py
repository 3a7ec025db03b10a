"""Plain values as clerks write them: dates in several orders and numbers with either decimal
mark. Every reader raises :class:`RecordingError` naming the field, never guesses silently."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from borderpost.intel.recording.errors import RecordingError

__all__ = ["DATE_ORDERS", "parse_date", "parse_number"]

#: How to read an all-digit date with separators: day first (most of the world), month first
#: (the United States), or year first.
DATE_ORDERS = ("DMY", "MDY", "YMD")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janv", "janvier", "enero", "ene"),
            ("feb", "february", "fev", "fevr", "février", "fevrier", "febrero"),
            ("mar", "march", "mars", "marzo"),
            ("apr", "april", "avr", "avril", "abril", "abr"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "junio"),
            ("jul", "july", "juil", "juillet", "julio"),
            ("aug", "august", "aou", "août", "aout", "agosto", "ago"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "déc", "décembre", "decembre", "diciembre", "dic"),
        ),
        1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_NUMERIC = re.compile(r"(\d{1,4})[./\-](\d{1,2})[./\-](\d{1,4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WORDED = re.compile(r"(\d{1,2})[\s\-./]*([^\d\s\-./,]+)[\s\-./,]*(\d{2,4})")
_WORDED_US = re.compile(r"([^\d\s\-./,]+)[\s\-./]*(\d{1,2})[\s\-./,]+(\d{4})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # a two-digit year: this century unless that is in the future
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    return year


def _make(field: str, text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise RecordingError(field, f"{text!r} is not a real date") from None


def parse_date(text: str, field: str = "date", *, order: str = "DMY") -> dt.date:
    """A date from ``2026-03-02``, ``02/03/2026`` (read in ``order``), ``2.3.26``,
    ``20260302``, ``2 March 2026``, ``02-Mar-2026``, ``March 2, 2026`` or an Excel day
    number (``46083``).

    Raises:
        RecordingError: empty, unreadable, or not a real date.
    """
    if order not in DATE_ORDERS:
        raise RecordingError(field, f"date order {order!r} is not one of {', '.join(DATE_ORDERS)}")
    value = text.strip()
    if not value:
        raise RecordingError(field, "no date given")
    if match := _ISO.fullmatch(value):
        return _make(field, value, *(int(g) for g in match.groups()))
    if match := _COMPACT.fullmatch(value):
        return _make(field, value, *(int(g) for g in match.groups()))
    if match := _NUMERIC.fullmatch(value):
        a, b, c = match.groups()
        if len(a) == 4:
            return _make(field, value, int(a), int(b), int(c))
        if order == "MDY":
            return _make(field, value, _year(c), int(a), int(b))
        return _make(field, value, _year(c), int(b), int(a))
    if value.isdigit() and 20000 <= int(value) <= 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    for pattern, parts in ((_WORDED, (0, 1, 2)), (_WORDED_US, (1, 0, 2))):
        if match := pattern.fullmatch(value):
            groups = match.groups()
            day, month, year = (groups[i] for i in parts)
            number = _MONTHS.get(month.lower().rstrip("."))
            if number is None:
                raise RecordingError(field, f"{value!r}: {month!r} is not a month")
            return _make(field, value, _year(year), number, int(day))
    raise RecordingError(
        field, f"{value!r} is not a date (write YYYY-MM-DD, DD/MM/YYYY or 2 March 2026)"
    )


def parse_number(text: str, field: str = "quantity") -> Decimal:
    """A non-negative number from ``4.1``, ``4,1``, ``1,200.5``, ``1.200,5``, ``1 200``.

    Raises:
        RecordingError: empty, not a number, negative, or not finite.
    """
    value = text.strip().replace("\u00a0", " ").replace("'", "").replace(" ", "")
    if not value:
        raise RecordingError(field, "no number given")
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        value = value.replace(thousands, "").replace(decimal_mark, ".")
    elif value.count(",") == 1 and len(value.split(",")[1]) != 3:
        value = value.replace(",", ".")  # 4,1 kg: a decimal comma
    else:
        value = value.replace(",", "")  # 1,200 or 1,200,000: thousands
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RecordingError(field, f"{text.strip()!r} is not a number") from None
    if not number.is_finite():
        raise RecordingError(field, f"{text.strip()!r} is not a finite number")
    if number < 0:
        raise RecordingError(field, f"{text.strip()!r} is negative")
    return number
