"""Vehicle checks and vehicle crossings at land posts.

:func:`check_vehicle` reads a VIN and/or plate, says what they are (check digit, region,
manufacturer, model years; plate layout and OCR corrections), looks the VIN and engine number
up in the stolen lists and lists the vehicle's earlier crossings; nothing is stored but the
audit event. :func:`record_crossing` stores a crossing with its driver and passengers (each
linked to their traveller inspection when there is one) and the stolen-list hits it met, as
open hits for an officer to confirm or dismiss. Every crossing stored reaches the leads
service in the same transaction (:func:`borderpost.leads.record_arrived`): the same plate,
VIN or occupant in a seizure or arrest raises a lead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.conveyances.containers import ContainerNumber, read_container
from borderpost.conveyances.plates import read_plate
from borderpost.conveyances.stolen import compact
from borderpost.conveyances.vin import read_vin
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port, port_by_code, user_by_name
from borderpost.inspection.errors import Invalid, NotFound
from borderpost.leads import record_arrived
from borderpost.store.models import (
    Inspection,
    Port,
    StolenVehicleHit,
    User,
    Vehicle,
    VehicleCrossing,
    VehicleOccupant,
)
from borderpost.vehicles.facts import facts_of
from borderpost.vehicles.stolen_list import stolen_lookup

__all__ = ["Occupant", "check_vehicle", "record_crossing", "vehicle_crossing"]

DIRECTIONS = ("entry", "exit")


@dataclass(frozen=True, slots=True)
class Occupant:
    """A driver or passenger: by their traveller inspection, or by name and birth date."""

    role: str
    inspection_id: int | None = None
    name: str | None = None
    birth_date: dt.date | None = None


def _limits(vin: str | None, plate: str | None, engine: str | None, country: str | None) -> None:
    for what, value, limit in (
        ("VIN", vin, 40),
        ("plate", plate, 32),
        ("engine number", engine, 40),
        ("plate country", country, 3),
    ):
        if value is not None and len(value) > limit:
            raise Invalid(f"the {what} is longer than {limit} characters")
        if value is not None and "\x00" in value:
            raise Invalid(f"the {what} holds a NUL character")
    if not (vin or "").strip() and not (plate or "").strip() and not (engine or "").strip():
        raise Invalid("give a VIN, a plate or an engine number")


def _history(session: Session, vin: str | None, plate_key: str | None) -> list[dict[str, Any]]:
    conditions = []
    if vin:
        conditions.append(Vehicle.vin == vin)
    if plate_key:
        conditions.append(Vehicle.plate_key == plate_key)
    if not conditions:
        return []
    rows = session.execute(
        select(VehicleCrossing, Port.code)
        .join(Vehicle, Vehicle.id == VehicleCrossing.vehicle_id)
        .join(Port, Port.id == VehicleCrossing.port_id)
        .where(or_(*conditions))
        .order_by(VehicleCrossing.occurred_at.desc())
        .limit(20)
    ).all()
    return [
        {
            "crossing_id": crossing.id,
            "port": port,
            "direction": crossing.direction,
            "occurred_at": crossing.occurred_at.isoformat(),
            "plate": crossing.plate_read,
            "vin": crossing.vin_read,
        }
        for crossing, port in rows
    ]


def check_vehicle(
    session: Session,
    *,
    actor: str,
    now: dt.datetime,
    vin: str | None = None,
    plate: str | None = None,
    country: str | None = None,
    engine_number: str | None = None,
) -> dict[str, Any]:
    """What the identifiers say, the stolen-list hits and the vehicle's earlier crossings.
    Audited as ``vehicle.check``.

    Raises:
        Invalid: nothing to check, or a value too long.
    """
    _limits(vin, plate, engine_number, country)
    vin_reading = read_vin(vin) if vin and vin.strip() else None
    plate_reading = read_plate(plate, country) if plate and plate.strip() else None
    hits = stolen_lookup(session, vin=vin, engine_number=engine_number)
    normalised_vin = vin_reading.vin if vin_reading is not None else None
    history = _history(
        session,
        normalised_vin or (compact(vin) if vin else None),
        plate_reading.key if plate_reading is not None else None,
    )
    audit.append(
        session,
        actor=actor,
        action="vehicle.check",
        subject_type="vehicle",
        subject_id=(normalised_vin or (plate_reading.key if plate_reading else None) or "")[:128],
        details={"hits": len(hits), "earlier_crossings": len(history)},
        at=now,
    )
    return {
        "vin": vin_reading.to_dict() if vin_reading is not None else None,
        "plate": plate_reading.to_dict() if plate_reading is not None else None,
        "engine_number": compact(engine_number) if engine_number else None,
        "stolen_hits": [hit.to_dict() for _row, hit in hits],
        "earlier_crossings": history,
    }


def _vehicle_row(
    session: Session,
    vin: str | None,
    plate: str,
    country: str | None,
    make: str | None,
    engine: str | None,
    now: dt.datetime,
) -> Vehicle:
    reading = read_plate(plate, country) if plate.strip() else None
    vin_reading = read_vin(vin) if vin else None
    normalised = vin_reading.vin if vin_reading is not None and vin_reading.vin else None
    key = reading.key if reading is not None and reading.plate else None
    row: Vehicle | None = None
    if normalised:
        row = session.scalars(select(Vehicle).where(Vehicle.vin == normalised).limit(1)).first()
    if row is None and key and not normalised:
        row = session.scalars(
            select(Vehicle).where(Vehicle.plate_key == key, Vehicle.vin.is_(None)).limit(1)
        ).first()
    if row is None:
        row = Vehicle(first_seen=now, vin=normalised)
        session.add(row)
    row.vin_status = vin_reading.status.value if vin_reading and vin_reading.status else None
    if reading is not None and reading.plate:
        row.plate, row.plate_country, row.plate_key = reading.plate, reading.country, key
    row.make = make or row.make or (vin_reading.manufacturer if vin_reading else None)
    row.engine_number = compact(engine) if engine else row.engine_number
    session.flush()
    return row


def _occupant(
    session: Session, crossing: VehicleCrossing, occupant: Occupant, port_id: int
) -> VehicleOccupant:
    if occupant.role not in ("driver", "passenger"):
        raise Invalid(f"occupant role {occupant.role!r} must be driver or passenger")
    traveller_id = None
    if occupant.inspection_id is not None:
        inspection = session.get(Inspection, occupant.inspection_id)
        if inspection is None:
            raise NotFound(f"inspection {occupant.inspection_id} does not exist")
        if inspection.port_id != port_id:
            raise Invalid(f"inspection {occupant.inspection_id} was made at another port")
        traveller_id = inspection.traveller_id
    elif not (occupant.name or "").strip():
        raise Invalid(f"a {occupant.role} needs an inspection or a name")
    row = VehicleOccupant(
        crossing_id=crossing.id,
        role=occupant.role,
        inspection_id=occupant.inspection_id,
        traveller_id=traveller_id,
        name=(occupant.name or "").strip()[:200] or None,
        birth_date=occupant.birth_date,
    )
    session.add(row)
    return row


def record_crossing(
    session: Session,
    *,
    officer: str,
    port: str,
    direction: str,
    now: dt.datetime,
    plate: str = "",
    country: str | None = None,
    vin: str | None = None,
    engine_number: str | None = None,
    make: str | None = None,
    container: str | None = None,
    occupants: Sequence[Occupant] = (),
    finding: str | None = None,
) -> dict[str, Any]:
    """Store a vehicle crossing at ``port`` by ``officer`` with its occupants and stolen-list
    hits (open, for a person to decide). Audited as ``vehicle.crossing``.

    Raises:
        NotFound: no such officer, port or inspection.
        Forbidden: the officer may not check vehicles, or not at this port.
        Invalid: bad direction, nothing identifying the vehicle, a second driver, an
            occupant without inspection or name.
    """
    user: User = user_by_name(session, officer)
    port_row = port_by_code(session, port)
    check_at_port(user, port_row.id, Permission.CHECK_VEHICLE, "record vehicle crossings")
    if direction not in DIRECTIONS:
        raise Invalid(f"direction {direction!r} must be entry or exit")
    _limits(vin, plate, engine_number, country)
    if sum(o.role == "driver" for o in occupants) > 1:
        raise Invalid("a vehicle has one driver")
    if finding is not None and len(finding) > 2000:
        raise Invalid("the finding is longer than 2000 characters")
    box: str | None = None
    if container and container.strip():
        box = ContainerNumber.normalize(container)
        if box is None:
            raise Invalid(
                f"container {container.strip()[:20]!r}: {read_container(container).reason}"
            )
    vehicle = _vehicle_row(session, vin, plate, country, make, engine_number, now)
    crossing = VehicleCrossing(
        port_id=port_row.id,
        vehicle_id=vehicle.id,
        officer_id=user.id,
        direction=direction,
        occurred_at=now,
        plate_read=plate.strip()[:32] or None,
        vin_read=(vin or "").strip()[:40] or None,
        engine_read=(engine_number or "").strip()[:40] or None,
        container=box,
        finding=(finding or "").strip() or None,
    )
    session.add(crossing)
    session.flush()
    for occupant in occupants:
        _occupant(session, crossing, occupant, port_row.id)
    hits = []
    for row, hit in stolen_lookup(session, vin=vin, engine_number=engine_number):
        stored = StolenVehicleHit(
            crossing_id=crossing.id,
            stolen_id=row.id,
            port_id=port_row.id,
            field=hit.field,
            exact=hit.exact,
            reason=hit.reason,
            status="open",
            created_at=now,
        )
        session.add(stored)
        hits.append(stored)
    session.flush()
    record_arrived(session, facts_of(session, crossing.id), now=now)
    audit.append(
        session,
        actor=user.username,
        action="vehicle.crossing",
        subject_type="vehicle_crossing",
        subject_id=crossing.id,
        details={"port": port_row.code, "hits": len(hits), "occupants": len(occupants)},
        at=now,
    )
    return vehicle_crossing(session, crossing.id)


def vehicle_crossing(session: Session, crossing_id: int) -> dict[str, Any]:
    """A stored crossing with its vehicle, occupants and hits.

    Raises:
        NotFound: no such crossing.
    """
    crossing = session.get(VehicleCrossing, crossing_id)
    if crossing is None:
        raise NotFound(f"vehicle crossing {crossing_id} does not exist")
    vehicle = session.get(Vehicle, crossing.vehicle_id)
    port = session.get(Port, crossing.port_id)
    assert vehicle is not None and port is not None
    occupants = session.scalars(
        select(VehicleOccupant)
        .where(VehicleOccupant.crossing_id == crossing_id)
        .order_by(VehicleOccupant.id)
    )
    hits = session.scalars(
        select(StolenVehicleHit)
        .where(StolenVehicleHit.crossing_id == crossing_id)
        .order_by(StolenVehicleHit.id)
    )
    return {
        "id": crossing.id,
        "port": port.code,
        "port_id": crossing.port_id,
        "direction": crossing.direction,
        "occurred_at": crossing.occurred_at.isoformat(),
        "plate": crossing.plate_read,
        "vin": crossing.vin_read,
        "engine_number": crossing.engine_read,
        "container": crossing.container,
        "finding": crossing.finding,
        "vehicle": {
            "id": vehicle.id,
            "vin": vehicle.vin,
            "vin_status": vehicle.vin_status,
            "plate": vehicle.plate,
            "plate_country": vehicle.plate_country,
            "make": vehicle.make,
        },
        "occupants": [
            {
                "role": o.role,
                "inspection_id": o.inspection_id,
                "traveller_id": o.traveller_id,
                "name": o.name,
                "birth_date": o.birth_date.isoformat() if o.birth_date else None,
            }
            for o in occupants
        ],
        "hits": [
            {
                "id": h.id,
                "field": h.field,
                "exact": h.exact,
                "reason": h.reason,
                "status": h.status,
                "decision_reason": h.decision_reason,
            }
            for h in hits
        ],
    }
