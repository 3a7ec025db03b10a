"""Passport issuance: applications with their evidence of identity, integrity alerts, duplicate
candidates and their adjudication, issued passports, the civil registry reference list, and
the blank-booklet stock ledger (one row per serial, plus its append-only movements).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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


class IssuanceApplication(Base):
    """One passport application: the claimed identity, who took it and who decided it."""

    __tablename__ = "issuance_applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(24), index=True)
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date, index=True)
    birth_place: Mapped[str | None] = mapped_column(String(200))
    nationality: Mapped[str] = mapped_column(String(3))
    national_id: Mapped[str | None] = mapped_column(String(64), index=True)
    national_id_issued_on: Mapped[dt.date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(64))
    guarantor: Mapped[str | None] = mapped_column(String(200))
    loss_reported_on: Mapped[dt.date | None] = mapped_column(Date)
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    office: Mapped[str] = mapped_column(String(64))
    officer: Mapped[str] = mapped_column(String(128), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    enrolment_check: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(128), index=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    validity_years: Mapped[int | None] = mapped_column(Integer)
    collected_by: Mapped[str | None] = mapped_column(String(128))
    collected_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    collection_check: Mapped[str | None] = mapped_column(Text)
    passport_number: Mapped[str | None] = mapped_column(String(32))


class IssuanceEvidence(Base):
    """A breeder document (or other evidence) presented, and how it was verified."""

    __tablename__ = "issuance_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("issuance_applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    issuer: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = mapped_column(String(16))
    verified_by: Mapped[str] = mapped_column(String(128))
    verified_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class IssuanceAlert(Base):
    """An integrity rule that fired on an application, with its figures; an override is
    recorded on the row (who, when, why) and never removes it."""

    __tablename__ = "issuance_alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("issuance_applications.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    raised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    overridden_by: Mapped[str | None] = mapped_column(String(128))
    overridden_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    override_reason: Mapped[str | None] = mapped_column(Text)


class DuplicateCandidate(Base):
    """An earlier application or issued passport that may be the same person under another
    identity; a person decides (same / different) with a recorded reason."""

    __tablename__ = "issuance_duplicates"
    __table_args__ = (
        UniqueConstraint(
            "application_id", "other_kind", "other_id", name="uq_issuance_duplicates_pair"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("issuance_applications.id", ondelete="CASCADE"), index=True
    )
    other_kind: Mapped[str] = mapped_column(String(12))
    other_id: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    raised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)


class IssuedPassport(Base):
    """A passport issued (by this system at collection, or loaded from the earlier register)."""

    __tablename__ = "issued_passports"
    __table_args__ = (UniqueConstraint("country", "number", name="uq_issued_passports_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    country: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(32))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("issuance_applications.id", ondelete="SET NULL")
    )
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date, index=True)
    national_id: Mapped[str | None] = mapped_column(String(64), index=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date] = mapped_column(Date)


class CivilRegistryEntry(Base):
    """The civil registry's word on an identity number: living, deceased (with the date)."""

    __tablename__ = "civil_registry"
    __table_args__ = (UniqueConstraint("national_id", name="uq_civil_registry_national_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    national_id: Mapped[str] = mapped_column(String(64))
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    death_date: Mapped[dt.date | None] = mapped_column(Date)


class Booklet(Base):
    """One blank passport booklet by serial number, and where it is now."""

    __tablename__ = "booklets"
    __table_args__ = (
        UniqueConstraint("country", "serial", name="uq_booklets_serial"),
        Index("ix_booklets_state", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    country: Mapped[str] = mapped_column(String(3))
    serial: Mapped[str] = mapped_column(String(32))
    document_type: Mapped[str] = mapped_column(String(32))
    batch: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(64))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("issuance_applications.id", ondelete="SET NULL")
    )
    lost_stolen_id: Mapped[int | None] = mapped_column(
        ForeignKey("lost_stolen_documents.id", ondelete="SET NULL")
    )
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class BookletMovement(Base):
    """One transition of one booklet (append-only): who, when, from where to where, and for
    destruction the witness."""

    __tablename__ = "booklet_movements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    booklet_id: Mapped[int] = mapped_column(ForeignKey("booklets.id"), index=True)
    event: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    witness: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
