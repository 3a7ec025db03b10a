"""Analyst judgements on entity resolution: append-only, with who and when.

A row is never updated or deleted: an undo is a new row (verdict ``undo``) whose ``undoes``
names the judgement it reverses (see :mod:`borderpost.intel.resolve.judgements`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class ResolutionJudgement(Base):
    """Two mentions judged the same person, not the same, or unsure; or an undo."""

    __tablename__ = "resolution_judgements"
    __table_args__ = (Index("ix_resolution_judgements_pair", "left_id", "right_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    left_id: Mapped[str] = mapped_column(String(128))
    right_id: Mapped[str] = mapped_column(String(128))
    verdict: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    undoes: Mapped[int | None] = mapped_column(ForeignKey("resolution_judgements.id"))
    reason: Mapped[str | None] = mapped_column(Text)
