"""Officer-level indicators for supervisors and auditors, each with a reason in words.

Indicators point at patterns worth a look, never at guilt:

* ``clearance_rate``: an officer clears a larger share of the screening hits on their
  inspections than the port as a whole does.
* ``overrides``: an officer's decisions depart from the suggested action more often than the
  port's norm.
* ``outside_shift``: inspections, decisions or clearances outside the port's staffed hours.
* ``repeat_clearing``: the same officer clears hits on the same traveller at several
  separate inspections.

:func:`indicators` is pure (plain records in, indicators out); :func:`officer_indicators`
reads the records from the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from borderpost.store.models import Decision, Inspection, Port, ScreeningHit, Traveller, User

__all__ = [
    "Activity",
    "DecisionRecord",
    "HitRecord",
    "Indicator",
    "Shift",
    "Thresholds",
    "indicators",
    "officer_indicators",
]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When an indicator fires. One readable list, so tuning is a one-line diff."""

    min_hits: int = 5
    """Hits an officer must have seen before their clearance rate is compared."""
    clearance_excess: float = 0.25
    """Flag a clearance rate this far above the port's (0.25: 25 percentage points)."""
    min_decisions: int = 5
    """Decisions (with a suggested action) an officer must have made before comparing."""
    override_excess: float = 0.20
    """Flag an override rate this far above the port's."""
    outside_shift_min: int = 3
    """Actions outside the port's shift that make an indicator."""
    repeat_clearing_min: int = 3
    """Separate inspections at which one officer cleared hits on one traveller."""


@dataclass(frozen=True, slots=True)
class HitRecord:
    """A screening hit: the port, the inspecting officer, who cleared it, and on whom."""

    port: str
    officer: str
    inspection_id: int
    traveller: str | None
    cleared_by: str | None
    cleared_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A decision and what the system had suggested."""

    port: str
    officer: str
    decision: str
    suggested: str | None


@dataclass(frozen=True, slots=True)
class Activity:
    """Something an officer did at a port, at a time."""

    port: str
    officer: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Shift:
    """A port's staffed hours in its own time zone (``start`` > ``end`` runs past midnight)."""

    start: dt.time
    end: dt.time
    timezone: str = "UTC"

    def covers(self, at: dt.datetime) -> bool:
        local = at.astimezone(ZoneInfo(self.timezone)).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} ({self.timezone})"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One pattern for one officer: how much, against what norm, and why in words."""

    officer: str
    port: str
    kind: str
    value: float
    norm: float | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "officer": self.officer,
            "port": self.port,
            "kind": self.kind,
            "value": self.value,
            "norm": self.norm,
            "reason": self.reason,
        }


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _clearance(hits: Sequence[HitRecord], limits: Thresholds) -> list[Indicator]:
    port_totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    officer_totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for hit in hits:
        cleared = int(hit.cleared_by is not None)
        for totals in (port_totals[hit.port], officer_totals[(hit.port, hit.officer)]):
            totals[0] += cleared
            totals[1] += 1
    found = []
    for (port, officer), (cleared, seen) in sorted(officer_totals.items()):
        port_cleared, port_seen = port_totals[port]
        rate, norm = cleared / seen, port_cleared / port_seen
        if seen >= limits.min_hits and rate - norm >= limits.clearance_excess:
            reason = (
                f"cleared {cleared} of {seen} screening hits on their inspections "
                f"({_pct(rate)}); the port's norm is {_pct(norm)} ({port_cleared} of {port_seen})"
            )
            found.append(Indicator(officer, port, "clearance_rate", rate, norm, reason))
    return found


def _overrides(decisions: Sequence[DecisionRecord], limits: Thresholds) -> list[Indicator]:
    port_totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    officer_totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for record in decisions:
        if record.suggested is None:
            continue
        override = int(record.decision != record.suggested)
        softer = int(record.decision == "admit" and record.suggested != "admit")
        port_totals[record.port][0] += override
        port_totals[record.port][1] += 1
        totals = officer_totals[(record.port, record.officer)]
        totals[0] += override
        totals[1] += 1
        totals[2] += softer
    found = []
    for (port, officer), (overrides, made, softer) in sorted(officer_totals.items()):
        port_overrides, port_made = port_totals[port]
        rate, norm = overrides / made, port_overrides / port_made
        if made >= limits.min_decisions and rate - norm >= limits.override_excess:
            reason = (
                f"overrode the suggested action in {overrides} of {made} decisions "
                f"({_pct(rate)}; {softer} of them admitted a traveller the system would have "
                f"stopped); the port's norm is {_pct(norm)}"
            )
            found.append(Indicator(officer, port, "overrides", rate, norm, reason))
    return found


def _outside_shift(
    activities: Sequence[Activity], shifts: dict[str, Shift], limits: Thresholds
) -> list[Indicator]:
    totals: dict[tuple[str, str], list[dt.datetime]] = defaultdict(list)
    outside: dict[tuple[str, str], list[dt.datetime]] = defaultdict(list)
    for activity in activities:
        shift = shifts.get(activity.port)
        if shift is None:
            continue
        key = (activity.port, activity.officer)
        totals[key].append(activity.at)
        if not shift.covers(activity.at):
            outside[key].append(activity.at)
    found = []
    for (port, officer), times in sorted(outside.items()):
        if len(times) < limits.outside_shift_min:
            continue
        shift = shifts[port]
        total = len(totals[(port, officer)])
        latest = max(times).astimezone(ZoneInfo(shift.timezone))
        reason = (
            f"{len(times)} of {total} actions ({_pct(len(times) / total)}) outside the port's "
            f"shift {shift}; the latest at {latest:%Y-%m-%d %H:%M} local time"
        )
        found.append(Indicator(officer, port, "outside_shift", float(len(times)), None, reason))
    return found


def _repeat_clearing(hits: Sequence[HitRecord], limits: Thresholds) -> list[Indicator]:
    inspections: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for hit in hits:
        if hit.cleared_by is not None and hit.traveller is not None:
            inspections[(hit.port, hit.cleared_by, hit.traveller)].add(hit.inspection_id)
    found = []
    for (port, officer, traveller), ids in sorted(inspections.items()):
        if len(ids) >= limits.repeat_clearing_min:
            reason = f"cleared hits on traveller {traveller} at {len(ids)} separate inspections"
            found.append(Indicator(officer, port, "repeat_clearing", float(len(ids)), None, reason))
    return found


def indicators(
    *,
    hits: Iterable[HitRecord],
    decisions: Iterable[DecisionRecord],
    activities: Iterable[Activity],
    shifts: dict[str, Shift],
    thresholds: Thresholds | None = None,
) -> list[Indicator]:
    """Every indicator that fires, by port, officer and kind."""
    limits = thresholds or Thresholds()
    hit_list, decision_list = list(hits), list(decisions)
    found = [
        *_clearance(hit_list, limits),
        *_overrides(decision_list, limits),
        *_outside_shift(list(activities), shifts, limits),
        *_repeat_clearing(hit_list, limits),
    ]
    return sorted(found, key=lambda item: (item.port, item.officer, item.kind))


def officer_indicators(
    session: Session,
    *,
    port_code: str | None = None,
    since: dt.datetime | None = None,
    thresholds: Thresholds | None = None,
) -> list[Indicator]:
    """Read inspections, hits and decisions (of one port, since a time) and compute indicators."""
    officer, clearer = aliased(User), aliased(User)
    port_filter = [] if port_code is None else [Port.code == port_code.upper()]
    since_filter = [] if since is None else [Inspection.created_at >= since]
    inspections = session.execute(
        select(Port.code, officer.username, Inspection.created_at)
        .join(Port, Inspection.port_id == Port.id)
        .join(officer, Inspection.officer_id == officer.id)
        .where(*port_filter, *since_filter)
    )
    activities = [Activity(code, name, at) for code, name, at in inspections]
    hit_rows = session.execute(
        select(
            Port.code,
            officer.username,
            Inspection.id,
            Traveller.id,
            Traveller.surname,
            Traveller.given_names,
            clearer.username,
            ScreeningHit.cleared_at,
        )
        .join(Inspection, ScreeningHit.inspection_id == Inspection.id)
        .join(Port, Inspection.port_id == Port.id)
        .join(officer, Inspection.officer_id == officer.id)
        .outerjoin(clearer, ScreeningHit.cleared_by == clearer.id)
        .outerjoin(Traveller, Inspection.traveller_id == Traveller.id)
        .where(*port_filter, *since_filter)
    )
    hits = []
    for code, name, inspection_id, traveller_id, surname, given, cleared_by, cleared_at in hit_rows:
        who = None if traveller_id is None else f"#{traveller_id} ({surname}, {given})".strip()
        hits.append(HitRecord(code, name, inspection_id, who, cleared_by, cleared_at))
        if cleared_by is not None and cleared_at is not None:
            activities.append(Activity(code, cleared_by, cleared_at))
    decision_rows = session.execute(
        select(
            Port.code,
            officer.username,
            Decision.decision,
            Inspection.suggested_action,
            Decision.decided_at,
        )
        .join(Inspection, Decision.inspection_id == Inspection.id)
        .join(Port, Inspection.port_id == Port.id)
        .join(officer, Decision.officer_id == officer.id)
        .where(*port_filter, *since_filter)
    )
    decisions = []
    for code, name, decision, suggested, decided_at in decision_rows:
        decisions.append(DecisionRecord(code, name, decision, suggested))
        activities.append(Activity(code, name, decided_at))
    shifts = {
        port.code: Shift(port.shift_start, port.shift_end, port.timezone)
        for port in session.scalars(select(Port).where(*port_filter))
        if port.shift_start is not None and port.shift_end is not None
    }
    return indicators(
        hits=hits,
        decisions=decisions,
        activities=activities,
        shifts=shifts,
        thresholds=thresholds,
    )
