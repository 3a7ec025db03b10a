"""Reading the loose dates lists write: "01 Jan 1960", "Nov. 1973", "circa 1960-1962"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from borderpost.screening.model import BirthDate, PartialDate

__all__ = ["ParsedBirthDate", "month_number", "parse_birth_date", "parse_partial_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY_MONTH_YEAR = re.compile(
    r"^(?:(?P<day>\d{1,2})\s+)?(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})$"
)
_MONTH_ONLY = re.compile(r"^(?P<month>[A-Za-z]+)\.?$")
_YEAR_DASH_YEAR = re.compile(r"^(?P<a>\d{4})\s*-\s*(?P<b>\d{4})$")
_BETWEEN = re.compile(r"^between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$", re.IGNORECASE)
_CIRCA = re.compile(r"^(?:circa|ca\.|c\.|approx\.?|approximately|about)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedBirthDate:
    """Result of reading a date-of-birth text.

    ``value`` is ``None`` when the text could not be read; ``remark`` then says why, and
    otherwise says how an unusual form was read (for the import report).
    """

    value: BirthDate | None
    remark: str | None = None


def month_number(text: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Sep", "Sept.", "September")."""
    return _MONTHS.get(text.strip().rstrip(".").lower())


def parse_partial_date(text: str) -> PartialDate | None:
    """Read one date: ISO ``YYYY[-MM[-DD]]``, ``DD Mon YYYY``, ``Mon YYYY`` or ``Month YYYY``.

    Args:
        text: the date as written.

    Returns:
        The date at the precision written, or ``None`` when it is not one of those forms
        or not a real calendar date.
    """
    cleaned = text.strip().rstrip(".").strip()
    try:
        if _ISO.match(cleaned):
            return PartialDate.parse(cleaned)
        match = _DAY_MONTH_YEAR.match(cleaned)
        if match is None:
            return None
        month = month_number(match["month"])
        if month is None:
            return None
        day = int(match["day"]) if match["day"] else None
        return PartialDate(int(match["year"]), month, day)
    except ValueError:
        return None


def _between(first: str, second: str) -> tuple[PartialDate, PartialDate] | None:
    end = parse_partial_date(second)
    if end is None:
        return None
    start = parse_partial_date(first)
    if start is None:
        # "Between Aug. and Sep. 1977": the first half borrows the year of the second.
        only_month = _MONTH_ONLY.match(first.strip())
        month = None if only_month is None else month_number(only_month["month"])
        if month is None:
            return None
        start = PartialDate(end.year, month)
    return start, end


def parse_birth_date(text: str) -> ParsedBirthDate:
    """Read a date-of-birth statement into a :class:`BirthDate`.

    Understands single dates (see :func:`parse_partial_date`), "circa"/"approximately",
    ranges written "A to B", "between A and B" and "YYYY-YYYY".

    Args:
        text: e.g. ``"01 Jan 1960"``, ``"circa 1960-1962"``, ``"1973 to 1974"``.

    Returns:
        The value with a remark for the import report when the reading was not plain.
    """
    original = " ".join(text.split())
    body = original
    circa = False
    match = _CIRCA.match(body)
    if match is not None:
        circa = True
        body = body[match.end() :]
    single = parse_partial_date(body)
    if single is not None:
        return ParsedBirthDate(BirthDate(single, circa=circa))
    pair: tuple[PartialDate, PartialDate] | None = None
    dash = _YEAR_DASH_YEAR.match(body)
    between = _BETWEEN.match(body)
    if " to " in body:
        first, _, second = body.partition(" to ")
        pair = _between(first, second)
    elif dash is not None:
        pair = _between(dash["a"], dash["b"])
    elif between is not None:
        pair = _between(between["a"], between["b"])
    if pair is None:
        return ParsedBirthDate(None, f"DOB {original!r} not understood; kept as a remark")
    start, end = pair
    try:
        value = BirthDate(start, end, circa=circa)
    except ValueError as exc:
        return ParsedBirthDate(None, f"DOB {original!r} not understood ({exc}); kept as a remark")
    remark = None
    if circa or dash is not None or between is not None:
        remark = f"DOB {original!r} parsed as {'circa ' if circa else ''}range {start}-{end}"
    return ParsedBirthDate(value, remark)
