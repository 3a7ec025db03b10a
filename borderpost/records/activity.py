"""A day's activity at one port or all of them: the figures behind the dashboards.

Counts only, no personal data: inspections and crossings per hour, hits, referrals,
refusals, and the processing time per traveller (from the inspection to the officer's first
decision). Hours are UTC. Supervisors see their own port; roles that search records (HQ)
see any port or all.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.identity.roles import Permission, can
from borderpost.inspection.access import port_by_code
from borderpost.inspection.errors import Forbidden
from borderpost.store.models import (
    Crossing,
    Decision,
    Inspection,
    Port,
    Referral,
    ScreeningHit,
    User,
)
from borderpost.store.repos.ports import PortRepo

__all__ = ["DayActivity", "PortFigures", "day_activity", "latest_day"]

_REFUSALS = ("refuse", "detain")
_IN_FORCE = ("not_required", "approved")


@dataclass(slots=True)
class PortFigures:
    """One port's totals for the day."""

    port: str
    inspections: int = 0
    crossings: int = 0
    hits: int = 0
    document_hits: int = 0
    referrals: int = 0
    refusals: int = 0


@dataclass(slots=True)
class DayActivity:
    """The figures of one day (UTC) at ``port`` (``None``: every port)."""

    day: dt.date
    port: str | None
    inspections_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    crossings_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    seconds_by_hour: list[float | None] = field(default_factory=lambda: [None] * 24)
    processing_seconds: list[float] = field(default_factory=list)
    ports: dict[str, PortFigures] = field(default_factory=dict)

    def total(self, what: str) -> int:
        """The day's total of one :class:`PortFigures` count over the ports shown."""
        return sum(int(getattr(figures, what)) for figures in self.ports.values())

    @property
    def median_seconds(self) -> float | None:
        """The median processing time per traveller, in seconds."""
        return statistics.median(self.processing_seconds) if self.processing_seconds else None

    @property
    def p90_seconds(self) -> float | None:
        """The time nine travellers in ten were processed within."""
        values = sorted(self.processing_seconds)
        return values[int(0.9 * (len(values) - 1))] if values else None


def _bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), dt.UTC)
    return start, start + dt.timedelta(days=1)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _scope(session: Session, reader: User, port_code: str | None) -> Port | None:
    if not reader.active or not (
        can(reader.role, Permission.SEARCH_RECORDS) or can(reader.role, Permission.VIEW_INDICATORS)
    ):
        raise Forbidden(f"{reader.username} ({reader.role}) may not see port activity")
    port = None if port_code is None else port_by_code(session, port_code)
    if can(reader.role, Permission.SEARCH_RECORDS):
        return port
    own = None if reader.port_id is None else PortRepo(session).by_id(reader.port_id)
    if own is None or (port is not None and port.id != own.id):
        raise Forbidden(f"{reader.username} may see the activity only of their own port")
    return own


def latest_day(session: Session) -> dt.date | None:
    """The day of the latest inspection (``None``: no inspection yet)."""
    last = session.scalar(select(func.max(Inspection.created_at)))
    return None if last is None else _utc(last).date()


def day_activity(
    session: Session, reader: User, *, port_code: str | None, day: dt.date
) -> DayActivity:
    """The figures of ``day`` at ``port_code`` (``None``: every port, or a supervisor's own).

    Raises:
        NotFound: no such port.
        Forbidden: the reader may not see activity, or not of that port.
    """
    port = _scope(session, reader, port_code)
    start, end = _bounds(day)
    found = DayActivity(day, None if port is None else port.code)
    codes = {row.id: row.code for row in PortRepo(session).all()}
    where_port = [] if port is None else [Inspection.port_id == port.id]
    first_decision = (
        select(Decision.inspection_id, func.min(Decision.decided_at).label("decided_at"))
        .group_by(Decision.inspection_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Inspection.id, Inspection.port_id, Inspection.created_at, first_decision.c.decided_at
        )
        .outerjoin(first_decision, first_decision.c.inspection_id == Inspection.id)
        .where(Inspection.created_at >= start, Inspection.created_at < end, *where_port)
    )
    by_hour: dict[int, list[float]] = defaultdict(list)
    for _id, port_id, created, decided in rows:
        figures = found.ports.setdefault(codes[port_id], PortFigures(codes[port_id]))
        figures.inspections += 1
        hour = _utc(created).hour
        found.inspections_by_hour[hour] += 1
        if decided is not None:
            seconds = max(0.0, (_utc(decided) - _utc(created)).total_seconds())
            found.processing_seconds.append(seconds)
            by_hour[hour].append(seconds)
    for hour, values in by_hour.items():
        found.seconds_by_hour[hour] = statistics.median(values)
    _crossings(session, found, codes, start, end, port)
    _outcomes(session, found, codes, start, end, port)
    return found


def _figures(found: DayActivity, code: str) -> PortFigures:
    return found.ports.setdefault(code, PortFigures(code))


def _crossings(
    session: Session,
    found: DayActivity,
    codes: dict[int, str],
    start: dt.datetime,
    end: dt.datetime,
    port: Port | None,
) -> None:
    query = select(Crossing.port_id, Crossing.occurred_at).where(
        Crossing.occurred_at >= start, Crossing.occurred_at < end
    )
    if port is not None:
        query = query.where(Crossing.port_id == port.id)
    for port_id, occurred in session.execute(query):
        _figures(found, codes[port_id]).crossings += 1
        found.crossings_by_hour[_utc(occurred).hour] += 1


def _outcomes(
    session: Session,
    found: DayActivity,
    codes: dict[int, str],
    start: dt.datetime,
    end: dt.datetime,
    port: Port | None,
) -> None:
    of_day = [Inspection.created_at >= start, Inspection.created_at < end]
    if port is not None:
        of_day.append(Inspection.port_id == port.id)
    hits = session.execute(
        select(Inspection.port_id, ScreeningHit.kind, func.count())
        .select_from(ScreeningHit)
        .join(Inspection, Inspection.id == ScreeningHit.inspection_id)
        .where(*of_day)
        .group_by(Inspection.port_id, ScreeningHit.kind)
    )
    for port_id, kind, count in hits:
        figures = _figures(found, codes[port_id])
        if kind == "document":
            figures.document_hits += int(count)
        else:
            figures.hits += int(count)
    referrals = session.execute(
        select(Inspection.port_id, func.count())
        .select_from(Referral)
        .join(Inspection, Inspection.id == Referral.inspection_id)
        .where(*of_day)
        .group_by(Inspection.port_id)
    )
    for port_id, count in referrals:
        _figures(found, codes[port_id]).referrals += int(count)
    refusals = session.execute(
        select(Inspection.port_id, func.count())
        .select_from(Decision)
        .join(Inspection, Inspection.id == Decision.inspection_id)
        .where(*of_day, Decision.decision.in_(_REFUSALS), Decision.approval.in_(_IN_FORCE))
        .group_by(Inspection.port_id)
    )
    for port_id, count in refusals:
        _figures(found, codes[port_id]).refusals += int(count)
