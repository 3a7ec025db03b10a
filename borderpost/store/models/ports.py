"""Ports of entry: airports, seaports and land crossings where inspections happen."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

PORT_KINDS = ("airport", "seaport", "land")


class Port(Base):
    """A port of entry.

    ``shift_start``/``shift_end`` are the staffed hours in the port's ``timezone`` (an IANA
    name); a shift may run past midnight (22:00-06:00). Both absent: staffed around the clock.
    ``remote`` marks a post that works offline on its own database.
    """

    __tablename__ = "ports"
    __table_args__ = (CheckConstraint("kind IN ('airport', 'seaport', 'land')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(3))
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    shift_start: Mapped[dt.time | None] = mapped_column(Time)
    shift_end: Mapped[dt.time | None] = mapped_column(Time)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
