"""Cash at the border: declarations (accompanied, unaccompanied, ex officio) with their
instrument lines and parties, offences, detentions, and submissions to the FIU."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.money import DecimalText
from borderpost.store.models.timestamps import UtcDateTime


class CashDeclaration(Base):
    """A declaration of cash at a port, linked to the inspection or crossing where one exists.

    ``total`` is what counts under ``profile`` in its ``currency`` at the crossing day's rates;
    ``required`` whether that reaches the profile's threshold. An unaccompanied disclosure
    keeps the day it was asked for and the day it came.
    """

    __tablename__ = "cash_declarations"
    __table_args__ = (
        CheckConstraint("kind IN ('accompanied', 'unaccompanied', 'ex_officio')", name="kind"),
        CheckConstraint("direction IN ('entry', 'exit')", name="direction"),
        Index("ix_cash_declarations_port_occurred_at", "port_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    profile: Mapped[str] = mapped_column(String(16))
    port_id: Mapped[int] = mapped_column(ForeignKey("ports.id"))
    direction: Mapped[str] = mapped_column(String(5))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    crossing_id: Mapped[int | None] = mapped_column(ForeignKey("crossings.id"), index=True)
    origin: Mapped[str] = mapped_column(Text, default="")
    destination: Mapped[str] = mapped_column(Text, default="")
    route: Mapped[str] = mapped_column(Text, default="")
    intended_use: Mapped[str] = mapped_column(Text, default="")
    source_of_funds: Mapped[str] = mapped_column(Text, default="")
    party_ref: Mapped[str | None] = mapped_column(String(64))
    conveyance_ref: Mapped[str | None] = mapped_column(String(64))
    booking_ref: Mapped[str | None] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    total: Mapped[Decimal] = mapped_column(DecimalText)
    required: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    disclosure_requested_on: Mapped[dt.date | None] = mapped_column(Date)
    disclosed_on: Mapped[dt.date | None] = mapped_column(Date)
    fiu_due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CashLine(Base):
    """One instrument of a declaration, converted at the dated rate of the crossing day."""

    __tablename__ = "cash_lines"
    __table_args__ = (
        CheckConstraint(
            "instrument IN ('currency', 'bearer_negotiable', 'prepaid_card', 'gold')",
            name="instrument",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("cash_declarations.id"), index=True)
    instrument: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    gold_form: Mapped[str | None] = mapped_column(String(8))
    purity: Mapped[Decimal | None] = mapped_column(DecimalText)
    description: Mapped[str] = mapped_column(Text, default="")
    rate: Mapped[Decimal] = mapped_column(DecimalText)
    rate_day: Mapped[dt.date | None] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(DecimalText)
    counted: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)


class CashParty(Base):
    """A person in a role on a declaration (personal data: every read is audited)."""

    __tablename__ = "cash_parties"
    __table_args__ = (
        CheckConstraint(
            "role IN ('carrier', 'owner', 'sender', 'recipient', 'payer')", name="role"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("cash_declarations.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(3))
    document: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    account: Mapped[str | None] = mapped_column(String(64))
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("travellers.id"), index=True)


class CashOffence(Base):
    """A missing, false or late declaration, with the amount left out."""

    __tablename__ = "cash_offences"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('undeclared', 'false_declaration', 'late_disclosure')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("cash_declarations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CashDetention(Base):
    """Cash stopped and held on a legal basis until ``expires_on`` or its release."""

    __tablename__ = "cash_detentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("cash_declarations.id"), index=True)
    legal_basis: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    detained_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    detained_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_on: Mapped[dt.date] = mapped_column(Date, index=True)
    released_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    released_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    release_reason: Mapped[str | None] = mapped_column(Text)


class FiuSubmission(Base):
    """A report sent to the FIU: which declaration (and detention), when it was due and sent,
    the schema it was checked against, and a hash of the XML exactly as sent."""

    __tablename__ = "fiu_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("cash_declarations.id"), index=True)
    detention_id: Mapped[int | None] = mapped_column(ForeignKey("cash_detentions.id"))
    report_code: Mapped[str] = mapped_column(String(8))
    due_on: Mapped[dt.date] = mapped_column(Date)
    submitted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    on_time: Mapped[bool] = mapped_column(Boolean)
    schema: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))


class CashRate(Base):
    """One dated exchange rate: one unit of ``currency`` is worth ``rate`` of ``quote``."""

    __tablename__ = "cash_rates"
    __table_args__ = (Index("ix_cash_rates_pair_day", "currency", "quote", "day", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(DecimalText)
    imported_by: Mapped[str] = mapped_column(String(128))
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
