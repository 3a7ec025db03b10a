"""Casework records: seizures (with their items), arrests, the entities they name (persons,
organisations, phones, vehicles, documents, addresses, bank accounts) and typed links between
any two of them. Every row says where it comes from (``source``) and when (``source_date``),
and who recorded it when.

An entity is stored once per kind and normalised key (one row for ``0712 345 678`` and
``+254 712 345678``); links are never merged, so two records naming the same pair are two
pieces of evidence.
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


class CaseEntity(Base):
    """A person, organisation, phone, vehicle, document, address or account."""

    __tablename__ = "case_entities"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_case_entities_kind_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    key: Mapped[str] = mapped_column(String(256))
    label: Mapped[str] = mapped_column(String(400))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(400))
    source_date: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(128))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CaseSeizure(Base):
    """A seizure: when, where, how hidden and carried, the route, and its source."""

    __tablename__ = "case_seizures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    port: Mapped[str | None] = mapped_column(String(16), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    concealment: Mapped[str | None] = mapped_column(String(40))
    conveyance: Mapped[str | None] = mapped_column(String(16))
    route_origin: Mapped[str | None] = mapped_column(String(200))
    route_transit: Mapped[list[str]] = mapped_column(JSON)
    route_destination: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(400))
    recorded_by: Mapped[str] = mapped_column(String(128))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CaseSeizureItem(Base):
    """One seized commodity; ``quantity`` as written (exact decimal text), ``base_quantity``
    in the measure's base unit (kg, pcs, m3, or the currency's amount)."""

    __tablename__ = "case_seizure_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seizure_id: Mapped[int] = mapped_column(
        ForeignKey("case_seizures.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(32), index=True)
    type: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(8))
    measure: Mapped[str] = mapped_column(String(8))
    base_quantity: Mapped[float] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    calibre: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)


class CaseArrest(Base):
    """An arrest: who, when, where, the charge, the seizure it follows, and its source."""

    __tablename__ = "case_arrests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    port: Mapped[str | None] = mapped_column(String(16), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    person_id: Mapped[int] = mapped_column(ForeignKey("case_entities.id"), index=True)
    charge: Mapped[str] = mapped_column(String(400))
    seizure_id: Mapped[int | None] = mapped_column(ForeignKey("case_seizures.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(400))
    recorded_by: Mapped[str] = mapped_column(String(128))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CaseLink(Base):
    """A typed link between two records or entities (``left_kind``/``right_kind`` are
    ``seizure``, ``arrest`` or an entity kind; the ids are of the matching table)."""

    __tablename__ = "case_links"
    __table_args__ = (
        Index("ix_case_links_left", "left_kind", "left_id"),
        Index("ix_case_links_right", "right_kind", "right_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    left_kind: Mapped[str] = mapped_column(String(16))
    left_id: Mapped[int] = mapped_column(Integer)
    right_kind: Mapped[str] = mapped_column(String(16))
    right_id: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(400))
    source_date: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(128))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
