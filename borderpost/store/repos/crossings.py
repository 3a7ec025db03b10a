"""Crossings and stays (within the caller's unit of work; never commits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from borderpost.store.models import Crossing, Port, Stay

__all__ = ["CrossingRepo", "CrossingRow", "StayRow"]


@dataclass(frozen=True, slots=True)
class CrossingRow:
    """A crossing with its port's code."""

    id: int
    port: str
    direction: str
    occurred_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StayRow:
    """A stay with the times of the entry that opened it and the exit that closed it."""

    id: int
    permit_type: str
    permitted_until: dt.date
    entered_at: dt.datetime
    exited_at: dt.datetime | None


class CrossingRepo:
    """Record crossings, open and close stays, read a traveller's history."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, crossing: Crossing) -> Crossing:
        """Add a crossing and flush, so that it has an id."""
        self._session.add(crossing)
        self._session.flush()
        return crossing

    def add_stay(self, stay: Stay) -> Stay:
        """Add a stay and flush, so that it has an id."""
        self._session.add(stay)
        self._session.flush()
        return stay

    def history(self, traveller_id: int) -> list[CrossingRow]:
        """The traveller's crossings, oldest first."""
        query = (
            select(Crossing.id, Port.code, Crossing.direction, Crossing.occurred_at)
            .join(Port, Port.id == Crossing.port_id)
            .where(Crossing.traveller_id == traveller_id)
            .order_by(Crossing.occurred_at, Crossing.id)
        )
        return [CrossingRow(*row) for row in self._session.execute(query)]

    def stays(self, traveller_id: int) -> list[StayRow]:
        """The traveller's stays, oldest first."""
        entry, leaving = aliased(Crossing), aliased(Crossing)
        query = (
            select(
                Stay.id,
                Stay.permit_type,
                Stay.permitted_until,
                entry.occurred_at,
                leaving.occurred_at,
            )
            .join(entry, entry.id == Stay.entry_crossing_id)
            .outerjoin(leaving, leaving.id == Stay.exit_crossing_id)
            .where(Stay.traveller_id == traveller_id)
            .order_by(entry.occurred_at, Stay.id)
        )
        return [StayRow(*row) for row in self._session.execute(query)]

    def open_stay(self, traveller_id: int) -> Stay | None:
        """The traveller's latest stay without an exit, if any."""
        query = (
            select(Stay)
            .where(Stay.traveller_id == traveller_id, Stay.exit_crossing_id.is_(None))
            .order_by(Stay.id.desc())
            .limit(1)
        )
        return self._session.scalar(query)
