"""Inspections at a port of entry and what followed: screening hits, decisions, referrals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

DIRECTIONS = ("entry", "exit")
DECISIONS = ("admit", "refer", "refuse", "detain")
APPROVAL_STATES = ("not_required", "pending", "approved", "rejected")
REFERRAL_STATUSES = ("open", "in_progress", "closed")


class Inspection(Base):
    """One traveller inspected by one officer at one port, in one direction.

    ``verdict`` summarises the automatic checks (document and screening); ``suggested_action``
    is what the system proposed (one of the decisions); the officer's call is a
    :class:`Decision`. A decision that differs from the suggestion is an override.
    """

    __tablename__ = "inspections"
    __table_args__ = (
        CheckConstraint("direction IN ('entry', 'exit')", name="direction"),
        Index("ix_inspections_port_created_at", "port_id", "created_at"),
        Index("ix_inspections_officer_created_at", "officer_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    port_id: Mapped[int] = mapped_column(ForeignKey("ports.id"))
    direction: Mapped[str] = mapped_column(String(5))
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents_seen.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    suggested_action: Mapped[str | None] = mapped_column(String(8))
    signals: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    #: The chip's passive authentication when chip data was read: ``authentic``,
    #: ``unverified`` or ``failed``; ``chip`` is the report (``chip verify --json``).
    chip_verdict: Mapped[str | None] = mapped_column(String(16))
    chip: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ScreeningHit(Base):
    """A watchlist candidate at or above the threshold, or a lost/stolen document report
    (``kind`` ``watchlist`` or ``document``); an officer clears it with a reason."""

    __tablename__ = "screening_hits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="watchlist", server_default="watchlist")
    list_name: Mapped[str] = mapped_column(String(200))
    entry_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(Text)
    matched_name: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    cleared_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    cleared_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    clear_reason: Mapped[str | None] = mapped_column(Text)


class Decision(Base):
    """An officer's decision on an inspection, approved by a supervisor when the rule asks."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint("decision IN ('admit', 'refer', 'refuse', 'detain')", name="decision"),
        CheckConstraint(
            "approval IN ('not_required', 'pending', 'approved', 'rejected')", name="approval"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    decision: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    approval: Mapped[str] = mapped_column(String(12), default="not_required")
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    permit_type: Mapped[str | None] = mapped_column(String(32))
    approval_reasons: Mapped[list[str] | None] = mapped_column(JSON)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    review_reason: Mapped[str | None] = mapped_column(Text)


class Referral(Base):
    """A referral to secondary inspection and its outcome."""

    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'in_progress', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    reason: Mapped[str] = mapped_column(Text)
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
