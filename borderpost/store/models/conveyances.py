"""Vehicles at land posts, stolen-vehicle lists and their hits, cargo manifests with their
consignments and containers, container examinations (targeted and random controls)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

HIT_STATUSES = ("open", "confirmed", "dismissed")
EXAM_KINDS = ("targeted", "control", "other")
EXAM_OUTCOMES = ("nothing_found", "contraband", "misdeclared", "other_offence")


class Vehicle(Base):
    """A vehicle as known to the records: by VIN when one was read, else by its plate."""

    __tablename__ = "vehicles"
    __table_args__ = (
        Index("ix_vehicles_vin", "vin"),
        Index("ix_vehicles_plate_key", "plate_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    vin: Mapped[str | None] = mapped_column(String(32))
    vin_status: Mapped[str | None] = mapped_column(String(24))
    plate: Mapped[str | None] = mapped_column(String(16))
    plate_country: Mapped[str | None] = mapped_column(String(3))
    plate_key: Mapped[str | None] = mapped_column(String(24))
    make: Mapped[str | None] = mapped_column(String(64))
    engine_number: Mapped[str | None] = mapped_column(String(32))
    first_seen: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class VehicleCrossing(Base):
    """A vehicle crossing at a land post, with what the officer read off it."""

    __tablename__ = "vehicle_crossings"
    __table_args__ = (
        CheckConstraint("direction IN ('entry', 'exit')", name="direction"),
        Index("ix_vehicle_crossings_port_occurred_at", "port_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    port_id: Mapped[int] = mapped_column(ForeignKey("ports.id"))
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    direction: Mapped[str] = mapped_column(String(5))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    plate_read: Mapped[str | None] = mapped_column(String(32))
    vin_read: Mapped[str | None] = mapped_column(String(40))
    engine_read: Mapped[str | None] = mapped_column(String(40))
    container: Mapped[str | None] = mapped_column(String(16), index=True)
    finding: Mapped[str | None] = mapped_column(Text)


class VehicleOccupant(Base):
    """The driver or a passenger of a vehicle crossing, linked to their traveller inspection
    when one was made."""

    __tablename__ = "vehicle_occupants"
    __table_args__ = (CheckConstraint("role IN ('driver', 'passenger')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    crossing_id: Mapped[int] = mapped_column(
        ForeignKey("vehicle_crossings.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(9))
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)


class StolenVehicleRecord(Base):
    """A vehicle reported stolen, one row per reported vehicle of a list. ``vin_key`` and
    ``engine_key`` are the OCR-confusion keys (:func:`borderpost.conveyances.stolen.confusion_key`).
    A vehicle missing from a later import of its list is withdrawn (``withdrawn_on``), never
    deleted: hits keep pointing at it."""

    __tablename__ = "stolen_vehicles"
    __table_args__ = (
        Index("ix_stolen_vehicles_vin", "vin"),
        Index("ix_stolen_vehicles_vin_key", "vin_key"),
        Index("ix_stolen_vehicles_engine_number", "engine_number"),
        Index("ix_stolen_vehicles_engine_key", "engine_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_name: Mapped[str] = mapped_column(String(200))
    vin: Mapped[str | None] = mapped_column(String(32))
    vin_key: Mapped[str | None] = mapped_column(String(32))
    engine_number: Mapped[str | None] = mapped_column(String(32))
    engine_key: Mapped[str | None] = mapped_column(String(32))
    plate: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(3))
    make: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(64))
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(128))
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)


class StolenVehicleHit(Base):
    """A stolen-list hit met by a check, waiting for (or given) a person's confirmation."""

    __tablename__ = "stolen_vehicle_hits"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'confirmed', 'dismissed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    crossing_id: Mapped[int | None] = mapped_column(
        ForeignKey("vehicle_crossings.id", ondelete="CASCADE"), index=True
    )
    stolen_id: Mapped[int] = mapped_column(ForeignKey("stolen_vehicles.id"))
    port_id: Mapped[int | None] = mapped_column(ForeignKey("ports.id"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    exact: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(9), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)


class CargoManifestRecord(Base):
    """A cargo manifest received (CUSCAR or CSV)."""

    __tablename__ = "cargo_manifests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(8))
    vessel: Mapped[str | None] = mapped_column(String(64))
    imo: Mapped[str | None] = mapped_column(String(7))
    voyage: Mapped[str | None] = mapped_column(String(32))
    carrier: Mapped[str | None] = mapped_column(String(64))
    arrival_port: Mapped[str | None] = mapped_column(String(8))
    arrival_date: Mapped[dt.date | None] = mapped_column(Date)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    warnings: Mapped[list[Any]] = mapped_column(JSON)


class ConsignmentRecord(Base):
    """One bill of lading of a manifest; ``data`` keeps the whole consignment as read."""

    __tablename__ = "consignments"
    __table_args__ = (Index("ix_consignments_consignee_key", "consignee_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    manifest_id: Mapped[int] = mapped_column(
        ForeignKey("cargo_manifests.id", ondelete="CASCADE"), index=True
    )
    bill_of_lading: Mapped[str] = mapped_column(String(64))
    shipper: Mapped[str | None] = mapped_column(String(200))
    shipper_key: Mapped[str | None] = mapped_column(String(200), index=True)
    consignee: Mapped[str | None] = mapped_column(String(200))
    consignee_key: Mapped[str | None] = mapped_column(String(200))
    notify: Mapped[str | None] = mapped_column(String(200))
    notify_key: Mapped[str | None] = mapped_column(String(200))
    route: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    hs_codes: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class CargoContainer(Base):
    """A container of a consignment with its targeting verdict (score, reasons, selected) and
    whether it was drawn for a random control examination."""

    __tablename__ = "cargo_containers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    manifest_id: Mapped[int] = mapped_column(
        ForeignKey("cargo_manifests.id", ondelete="CASCADE"), index=True
    )
    consignment_id: Mapped[int] = mapped_column(
        ForeignKey("consignments.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(64), index=True)
    score: Mapped[float] = mapped_column(Float)
    selected: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    indicators: Mapped[list[Any]] = mapped_column(JSON)
    control: Mapped[bool] = mapped_column(Boolean, default=False)


class ContainerExamination(Base):
    """The result of opening (or scanning) a container. ``kind`` says why it was examined:
    ``targeted`` (selected by the indicators), ``control`` (random draw) or ``other``."""

    __tablename__ = "container_examinations"
    __table_args__ = (
        CheckConstraint("kind IN ('targeted', 'control', 'other')", name="kind"),
        CheckConstraint(
            "outcome IN ('nothing_found', 'contraband', 'misdeclared', 'other_offence')",
            name="outcome",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    container_id: Mapped[int] = mapped_column(
        ForeignKey("cargo_containers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(13))
    finding: Mapped[str | None] = mapped_column(Text)
    examined_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    examined_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
