"""Vehicle crossings as intelligence facts: the same truck across crossings and seizures is
linked by its plate (``COUNTRY:PLATE``), its VIN and the people in it."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.intel.facts import RecordFacts
from borderpost.intel.recording.vehicles import plate_identifier
from borderpost.names.normalize import normalize
from borderpost.store.models import Port, Traveller, Vehicle, VehicleCrossing, VehicleOccupant
from borderpost.store.repos.travellers import name_key

__all__ = ["crossing_facts", "facts_of"]


def _person(name: str, birth: object) -> str:
    key = " ".join(sorted(normalize(name).split()))
    return f"{key}|{birth}" if birth else key


def facts_of(session: Session, crossing_id: int) -> RecordFacts:
    """The facts of one vehicle crossing (kind ``crossing``): identifiers ``vehicle`` (the
    normalised plate with its country, ``KE:KCA123A`` as casework records name it), ``vin``,
    ``container`` (a lorry's box) and ``person``
    (each occupant's name key with birth date).

    Raises:
        KeyError: no such crossing.
    """
    crossing = session.get(VehicleCrossing, crossing_id)
    if crossing is None:
        raise KeyError(f"vehicle crossing {crossing_id} does not exist")
    vehicle = session.get(Vehicle, crossing.vehicle_id)
    port = session.get(Port, crossing.port_id)
    assert vehicle is not None and port is not None
    identifiers: list[tuple[str, str]] = []
    if vehicle.plate:
        identifiers.append(("vehicle", plate_identifier(vehicle.plate, vehicle.plate_country)))
    if vehicle.vin:
        identifiers.append(("vin", vehicle.vin))
    if crossing.container:
        identifiers.append(("container", crossing.container))
    occupants = session.execute(
        select(VehicleOccupant, Traveller)
        .outerjoin(Traveller, Traveller.id == VehicleOccupant.traveller_id)
        .where(VehicleOccupant.crossing_id == crossing_id)
        .order_by(VehicleOccupant.id)
    ).all()
    for occupant, traveller in occupants:
        if traveller is not None:
            key = name_key(traveller.surname, traveller.given_names)
            birth = traveller.birth_date
            value = f"{key}|{birth.isoformat()}" if birth else key
        elif occupant.name:
            value = _person(
                occupant.name, occupant.birth_date.isoformat() if occupant.birth_date else ""
            )
        else:
            continue
        if value and ("person", value) not in identifiers:
            identifiers.append(("person", value))
    what = vehicle.make or "vehicle"
    plate = vehicle.plate or crossing.plate_read or "no plate"
    summary = f"{what} {plate} {crossing.direction} at {port.code}, {len(occupants)} aboard"
    return RecordFacts(
        ref=f"VC-{crossing.id}",
        kind="crossing",
        date=crossing.occurred_at.date(),
        summary=summary,
        identifiers=tuple(identifiers),
        place=port.code,
    )


def crossing_facts(session: Session) -> Iterator[RecordFacts]:
    """The facts of every stored vehicle crossing, oldest first."""
    for crossing_id in session.scalars(select(VehicleCrossing.id).order_by(VehicleCrossing.id)):
        yield facts_of(session, crossing_id)
