"""Border crossings (entries and exits) and the stays that an entry opens."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class Crossing(Base):
    """A traveller crossed the border at a port, in a direction, at a time."""

    __tablename__ = "crossings"
    __table_args__ = (
        CheckConstraint("direction IN ('entry', 'exit')", name="direction"),
        Index("ix_crossings_traveller_occurred_at", "traveller_id", "occurred_at"),
        Index("ix_crossings_port_occurred_at", "port_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents_seen.id"))
    port_id: Mapped[int] = mapped_column(ForeignKey("ports.id"))
    direction: Mapped[str] = mapped_column(String(5))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"))


class Stay(Base):
    """A stay opened by an entry and closed by an exit; overstay when exit is late or absent."""

    __tablename__ = "stays"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id"), index=True)
    entry_crossing_id: Mapped[int] = mapped_column(ForeignKey("crossings.id"))
    exit_crossing_id: Mapped[int | None] = mapped_column(ForeignKey("crossings.id"))
    permit_type: Mapped[str] = mapped_column(String(32))
    permitted_until: Mapped[dt.date] = mapped_column(Date, index=True)
