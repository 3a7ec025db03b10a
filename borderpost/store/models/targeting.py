"""Pre-arrival targeting: manifests received (API data), bookings (PNR), assessments, hits,
the reviews of hits (append-only) and lookouts sent to the arrival port.

Retention (:mod:`borderpost.targeting.retention`) deletes API data after a day unless it is
linked to a hit, and masks then deletes PNR data; rows below a manifest go with it
(``ON DELETE CASCADE``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

HIT_KINDS = ("watchlist", "lost_stolen", "document", "rule")
OUTCOMES = (
    "confirmed",
    "false_match",
    "secondary_referral",
    "refuse_entry",
    "no_show",
    "duplicate",
)


class TargetedManifest(Base):
    """A passenger or crew list received from an airline (API data)."""

    __tablename__ = "manifests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(9))
    flight: Mapped[str] = mapped_column(String(16))
    carrier: Mapped[str | None] = mapped_column(String(8))
    origin: Mapped[str | None] = mapped_column(String(8))
    arrival_port: Mapped[str | None] = mapped_column(String(16), index=True)
    scheduled: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))
    travellers: Mapped[int] = mapped_column(Integer)
    received_by: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)


class ManifestTraveller(Base):
    """One person of a manifest, as the airline declared them."""

    __tablename__ = "manifest_travellers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    manifest_id: Mapped[int] = mapped_column(
        ForeignKey("manifests.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(9))
    surname: Mapped[str] = mapped_column(Text)
    given_names: Mapped[str] = mapped_column(Text)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(3))
    document_number: Mapped[str | None] = mapped_column(String(32), index=True)
    document_issuer: Mapped[str | None] = mapped_column(String(3))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class TargetingAssessment(Base):
    """The automated assessment of one traveller: what fired, the score and risk band.
    ``status`` is ``to_review`` or ``no_hit``; nothing here is a decision."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    traveller_id: Mapped[int] = mapped_column(
        ForeignKey("manifest_travellers.id", ondelete="CASCADE"), index=True
    )
    manifest_id: Mapped[int] = mapped_column(
        ForeignKey("manifests.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(9))
    score: Mapped[int] = mapped_column(Integer)
    band: Mapped[str] = mapped_column(String(16))
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    notes: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class TargetingHit(Base):
    """One automated hit (watchlist, lost/stolen, document check or rule) waiting for, or
    closed by, a person's review. ``source`` is the list name, rule id or check code."""

    __tablename__ = "targeting_hits"
    __table_args__ = (
        CheckConstraint("kind IN ('watchlist', 'lost_stolen', 'document', 'rule')", name="kind"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    manifest_id: Mapped[int] = mapped_column(
        ForeignKey("manifests.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(200), index=True)
    entry_id: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(6), index=True)
    outcome: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class HitReview(Base):
    """A person's outcome for a hit: append-only, who, when and why. When retention deletes
    the hit with its API data, the review stays (``hit_id`` empty, reason blanked) so that
    per-rule statistics keep counting it."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('confirmed', 'false_match', 'secondary_referral', 'refuse_entry', "
            "'no_show', 'duplicate')",
            name="outcome",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hit_id: Mapped[int | None] = mapped_column(
        ForeignKey("targeting_hits.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(200), index=True)
    outcome: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(128))
    reviewed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ArrivalLookout(Base):
    """A confirmed hit sent to the console of the port where the flight arrives."""

    __tablename__ = "arrival_lookouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hit_id: Mapped[int | None] = mapped_column(
        ForeignKey("targeting_hits.id", ondelete="SET NULL"), index=True
    )
    port: Mapped[str] = mapped_column(String(16), index=True)
    flight: Mapped[str] = mapped_column(String(16))
    scheduled: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))
    surname: Mapped[str] = mapped_column(Text)
    given_names: Mapped[str] = mapped_column(Text)
    document_number: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PnrBooking(Base):
    """A passenger name record. ``data`` is what analysts see; after the masking period the
    personal fields move to ``masked`` (names, contacts, payment, frequent-flyer, remarks)
    and ``data`` holds placeholders; unmasking reads ``masked`` back (audited)."""

    __tablename__ = "pnr_bookings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    manifest_id: Mapped[int | None] = mapped_column(
        ForeignKey("manifests.id", ondelete="SET NULL"), index=True
    )
    record_locator: Mapped[str] = mapped_column(String(32), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    masked: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    masked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
