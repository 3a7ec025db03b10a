"""The leads service's tables: the facts index, the leads raised, and analysts' reviews.

``intel_records`` and ``intel_identifiers`` hold every record's facts
(:class:`borderpost.intel.facts.RecordFacts`) so that a new record is linked to earlier ones in
the transaction that stores it. ``intel_lead_reviews`` is append-only: an undo is a new row
naming the review it reverses (``undoes``); ``intel_leads.status`` caches the standing verdict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

__all__ = [
    "LEAD_STATUSES",
    "LEAD_VERDICTS",
    "IntelIdentifier",
    "IntelLead",
    "IntelLeadReview",
    "IntelRecord",
]

#: What an analyst can say about a lead (``undo`` reverses an earlier review).
LEAD_VERDICTS = ("actionable", "dismissed", "unsure", "undo")
#: The standing state of a lead: ``open`` until a review stands.
LEAD_STATUSES = ("open", "actionable", "dismissed", "unsure")


class IntelRecord(Base):
    """One record's facts, as a record service handed them over."""

    __tablename__ = "intel_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(128), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(128))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    indexed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class IntelIdentifier(Base):
    """One identifier (kind and normalised value) a record names."""

    __tablename__ = "intel_identifiers"
    __table_args__ = (
        UniqueConstraint("record_id", "kind", "value", name="uq_intel_identifiers_record_value"),
        Index("ix_intel_identifiers_value", "kind", "value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("intel_records.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(256))


class IntelLead(Base):
    """A lead: the new record ``record_ref`` tied to the earlier ``other_ref``."""

    __tablename__ = "intel_leads"
    __table_args__ = (
        UniqueConstraint("record_ref", "other_ref", name="uq_intel_leads_pair"),
        Index("ix_intel_leads_status_score", "status", "score"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_ref: Mapped[str] = mapped_column(String(128))
    other_ref: Mapped[str] = mapped_column(String(128), index=True)
    score: Mapped[float] = mapped_column(Float)
    headline: Mapped[str] = mapped_column(Text)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    links: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")
    raised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class IntelLeadReview(Base):
    """An analyst's verdict on a lead, or an undo of an earlier one (never updated)."""

    __tablename__ = "intel_lead_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("intel_leads.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    undoes: Mapped[int | None] = mapped_column(ForeignKey("intel_lead_reviews.id"))
