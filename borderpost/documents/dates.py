"""MRZ dates read against a reference date: century, calendar validity, expiry, plausibility.

Each reader appends its findings and returns the calendar date (or None) and whether the
field is well formed for ``valid``.
"""

from __future__ import annotations

import datetime as dt
import functools

from borderpost.documents import checks as cd
from borderpost.documents.findings import Finding, finding

MAX_VALIDITY_YEARS = 10
MAX_AGE_YEARS = 120


def read_birth(
    text: str, reference: dt.date, findings: list[Finding]
) -> tuple[dt.date | None, bool]:
    """A birth date YYMMDD: the latest century not after ``reference``; fillers for an
    unknown day, or month and day, are allowed (a warning)."""
    if cd.is_digits(text):  # the common case: a full date
        born = cd.birth_date(int(text[:2]), int(text[2:4]), int(text[4:]), reference)
        if born is not None:
            return born, True
        findings.append(
            finding(
                "birth_date_invalid",
                "birth_date",
                f"birth date {text} (day {text[4:]}, month {text[2:4]}) is not a calendar date",
            )
        )
        return None, False
    parts = cd.split_yymmdd(text)
    if parts is None or (parts[1] is not None and not 1 <= parts[1] <= 12):
        findings.append(
            finding("birth_date_invalid", "birth_date", f"birth date {text!r} is not YYMMDD")
        )
        return None, False
    yy, month, _day = parts
    year = cd.birth_year(yy, reference)
    known = f"{year}" if month is None else f"{year}-{month:02d}"
    findings.append(
        finding(
            "birth_date_incomplete",
            "birth_date",
            f"birth date {text} is partly unknown: only {known} is given",
        )
    )
    return None, True


def read_expiry(
    text: str, reference: dt.date, findings: list[Finding]
) -> tuple[dt.date | None, bool]:
    """An expiry date YYMMDD within 50 years either side of ``reference``; an expired or
    implausibly distant expiry is a finding."""
    expiry = None
    if cd.is_digits(text):
        expiry = cd.expiry_date(int(text[:2]), int(text[2:4]), int(text[4:]), reference)
    if expiry is None:
        findings.append(
            finding(
                "expiry_date_invalid",
                "expiry_date",
                f"expiry date {text!r} is not a calendar date (YYMMDD)",
            )
        )
        return None, False
    expiry_findings(expiry, reference, findings)
    return expiry, True


def expiry_findings(expiry: dt.date, reference: dt.date, findings: list[Finding]) -> None:
    """Findings on an expiry date (read or typed): expired, or implausibly far ahead."""
    if expiry < reference:
        findings.append(
            finding(
                "expired",
                "expiry_date",
                f"expired on {expiry.isoformat()} (reference date {reference.isoformat()})",
            )
        )
    elif expiry > _limits(reference)[0]:
        findings.append(
            finding(
                "not_yet_valid",
                "expiry_date",
                f"expires {expiry.isoformat()}, more than {MAX_VALIDITY_YEARS} years after "
                f"{reference.isoformat()}: altered expiry date, or not issued by that date",
            )
        )


@functools.lru_cache(maxsize=64)
def _limits(reference: dt.date) -> tuple[dt.date, dt.date]:
    """(latest plausible expiry, earliest plausible birth) for a reference date."""
    return _add_years(reference, MAX_VALIDITY_YEARS), _add_years(reference, -MAX_AGE_YEARS)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def born_before_expiry(birth: dt.date, expiry: dt.date, reference: dt.date) -> dt.date:
    """The birth date in the century that puts it before the expiry, where the usual rule
    (the latest century not after the reference date) put it after: a holder born in 1925
    whose passport expired in 2025 reads 25 for both, and no document expires before its
    holder is born. Left as it is when the earlier century is implausible (over 120 years)."""
    if expiry >= birth or birth.year - 100 < 1:
        return birth
    try:
        earlier = birth.replace(year=birth.year - 100)
    except ValueError:  # 29 February of a century year that was not a leap year
        return birth
    return earlier if earlier >= _limits(reference)[1] else birth


def date_relations(
    birth: dt.date, expiry: dt.date, reference: dt.date, findings: list[Finding]
) -> None:
    """Findings on the two dates together: expiry before birth, a holder older than 120."""
    if expiry < birth:
        findings.append(
            finding(
                "expiry_before_birth",
                "expiry_date",
                f"expiry {expiry.isoformat()} is before birth {birth.isoformat()}",
            )
        )
    if birth < _limits(reference)[1]:
        findings.append(
            finding(
                "age_implausible",
                "birth_date",
                f"born {birth.isoformat()}: older than {MAX_AGE_YEARS} at {reference.isoformat()}",
            )
        )
