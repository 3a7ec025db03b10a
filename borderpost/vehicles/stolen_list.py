"""The stored stolen-vehicle lists: import (all or nothing) and lookup by VIN and engine
number, exact and OCR-confusion tolerant, through indexed keys (no list held in memory)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.conveyances.stolen import (
    StolenHit,
    StolenIndex,
    StolenVehicle,
    compact,
    confusion_key,
)
from borderpost.conveyances.stolen_csv import read_stolen_csv
from borderpost.inspection.errors import Invalid
from borderpost.store.models import StolenVehicleRecord

__all__ = ["ImportSummary", "import_stolen_list", "stolen_lookup"]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    list_name: str
    added: int
    kept: int
    withdrawn: int
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "list": self.list_name,
            "added": self.added,
            "kept": self.kept,
            "withdrawn": self.withdrawn,
            "warnings": list(self.warnings),
        }


def _identity(vin: str | None, engine: str | None) -> tuple[str, str]:
    return (vin or "", engine or "")


def import_stolen_list(
    session: Session, data: bytes | str, *, list_name: str, actor: str, now: dt.datetime
) -> ImportSummary:
    """Bring the stored list ``list_name`` to the file's content: new vehicles added, those
    still listed kept (details refreshed), those missing withdrawn (never deleted). Audited.

    Raises:
        Invalid: the file has errors (every error is listed; nothing is changed).
    """
    name = list_name.strip()
    if not name or len(name) > 200:
        raise Invalid("give the list a name of 1 to 200 characters")
    reading = read_stolen_csv(data, list_name=name)
    if reading.errors:
        shown = "; ".join(reading.errors[:10])
        more = f" (and {len(reading.errors) - 10} more)" if len(reading.errors) > 10 else ""
        raise Invalid(f"stolen-vehicle list not imported: {shown}{more}")
    stored = {
        _identity(row.vin, row.engine_number): row
        for row in session.scalars(
            select(StolenVehicleRecord).where(StolenVehicleRecord.list_name == name)
        )
    }
    added = kept = 0
    seen: set[tuple[str, str]] = set()
    for vehicle in reading.vehicles:
        key = _identity(vehicle.vin, vehicle.engine_number)
        if key in seen:
            continue
        seen.add(key)
        row = stored.get(key)
        if row is None:
            row = StolenVehicleRecord(list_name=name, imported_at=now)
            session.add(row)
            added += 1
        else:
            kept += 1
        row.vin = vehicle.vin or None
        row.vin_key = confusion_key(vehicle.vin) if vehicle.vin else None
        row.engine_number = vehicle.engine_number or None
        row.engine_key = confusion_key(vehicle.engine_number) if vehicle.engine_number else None
        row.plate = vehicle.plate or None
        row.country = vehicle.country or None
        row.make = vehicle.make or None
        row.model = vehicle.model or None
        row.reported_on = vehicle.reported_on
        row.reference = vehicle.reference or None
        row.withdrawn_on = None
    withdrawn = 0
    for key, row in stored.items():
        if key not in seen and row.withdrawn_on is None:
            row.withdrawn_on = now.date()
            withdrawn += 1
    session.flush()
    summary = ImportSummary(name, added, kept, withdrawn, tuple(reading.warnings))
    audit.append(
        session,
        actor=actor,
        action="stolen_vehicles.import",
        subject_type="list",
        subject_id=name[:128],
        details={"added": added, "kept": kept, "withdrawn": withdrawn},
        at=now,
    )
    return summary


def _vehicle(row: StolenVehicleRecord) -> StolenVehicle:
    return StolenVehicle(
        vin=row.vin or "",
        engine_number=row.engine_number or "",
        plate=row.plate or "",
        country=row.country or "",
        make=row.make or "",
        model=row.model or "",
        reported_on=row.reported_on,
        reference=row.reference or "",
        list_name=row.list_name,
    )


def stolen_lookup(
    session: Session, *, vin: str | None = None, engine_number: str | None = None
) -> list[tuple[StolenVehicleRecord, StolenHit]]:
    """Listed (not withdrawn) vehicles matching the VIN or engine number, exact hits first,
    each with its stored row and the reason."""
    conditions = []
    for column, key_column, text in (
        (StolenVehicleRecord.vin, StolenVehicleRecord.vin_key, vin),
        (StolenVehicleRecord.engine_number, StolenVehicleRecord.engine_key, engine_number),
    ):
        if text and len(compact(text)) >= 4:
            conditions += [column == compact(text), key_column == confusion_key(text)]
    if not conditions:
        return []
    rows = list(
        session.scalars(
            select(StolenVehicleRecord)
            .where(or_(*conditions), StolenVehicleRecord.withdrawn_on.is_(None))
            .order_by(StolenVehicleRecord.id)
        )
    )
    by_vehicle: dict[int, StolenVehicleRecord] = {}
    vehicles: list[StolenVehicle] = []
    for row in rows:
        vehicle = _vehicle(row)
        vehicles.append(vehicle)
        by_vehicle[id(vehicle)] = row
    hits = StolenIndex(vehicles).lookup(vin=vin, engine_number=engine_number)
    return [(by_vehicle[id(hit.record)], hit) for hit in hits]
