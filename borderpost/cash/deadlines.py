"""Deadlines in working days (skipping the profile's weekend and holidays) and in calendar
days: when the FIU must have a declaration, and when unaccompanied cash must be disclosed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borderpost.cash.profiles import Profile

__all__ = ["Timeliness", "disclosure_due", "fiu_due", "submission_timeliness", "working_days_after"]

_MAX_SCAN = 3660  # ten years of days: a calendar with no working day is an error, not a hang


def working_days_after(profile: Profile, start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself is day 0).

    Raises:
        ValueError: ``days`` is negative, or the calendar has no working day in ten years.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, not {days}")
    day, counted = start, 0
    for _ in range(_MAX_SCAN):
        if counted == days:
            return day
        day += dt.timedelta(days=1)
        if profile.is_working_day(day):
            counted += 1
    raise ValueError(f"{profile.code}: no working day found within ten years of {start}")


def fiu_due(profile: Profile, obtained_on: dt.date) -> dt.date:
    """The last day the FIU may receive information obtained on ``obtained_on``."""
    return working_days_after(profile, obtained_on, profile.fiu_deadline_working_days)


def disclosure_due(profile: Profile, requested_on: dt.date) -> dt.date:
    """The last day to disclose unaccompanied cash after the request of ``requested_on``
    (calendar days: day 30 of 30 is still on time, day 31 is late)."""
    return requested_on + dt.timedelta(days=profile.unaccompanied_disclosure_days)


@dataclass(frozen=True, slots=True)
class Timeliness:
    """Whether something done on ``done_on`` met ``due``; ``days_late`` is 0 when on time."""

    due: dt.date
    done_on: dt.date
    on_time: bool
    days_late: int
    reason: str


def submission_timeliness(due: dt.date, done_on: dt.date, what: str) -> Timeliness:
    """Compare ``done_on`` with ``due`` and say so in words."""
    late = max(0, (done_on - due).days)
    if late:
        reason = (
            f"{what} on {done_on.isoformat()}, {late} day(s) after the deadline {due.isoformat()}"
        )
    else:
        reason = f"{what} on {done_on.isoformat()}, within the deadline {due.isoformat()}"
    return Timeliness(due, done_on, late == 0, late, reason)
