"""Stolen-vehicle hits are candidates: an officer at the port confirms or dismisses each,
with a reason (audited). A hit is decided once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port, port_by_code, user_by_name
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.store.models import StolenVehicleHit, StolenVehicleRecord, VehicleCrossing

__all__ = ["decide_hit", "open_hits"]

MIN_REASON = 5


def decide_hit(
    session: Session, *, hit_id: int, actor: str, confirm: bool, reason: str, now: dt.datetime
) -> dict[str, Any]:
    """Confirm (the vehicle is the stolen one) or dismiss a hit. Audited.

    Raises:
        NotFound: no such hit. Forbidden: not allowed, or another port's hit.
        Invalid: reason shorter than five characters. Conflict: already decided.
    """
    hit = session.get(StolenVehicleHit, hit_id)
    if hit is None:
        raise NotFound(f"stolen-vehicle hit {hit_id} does not exist")
    user = user_by_name(session, actor)
    check_at_port(user, hit.port_id or -1, Permission.DECIDE_VEHICLE_HIT, "decide vehicle hits")
    text = reason.strip()
    if len(text) < MIN_REASON:
        raise Invalid(f"give a reason of at least {MIN_REASON} characters")
    if hit.status != "open":
        raise Conflict(f"hit {hit_id} is already {hit.status}")
    hit.status = "confirmed" if confirm else "dismissed"
    hit.decided_by, hit.decided_at, hit.decision_reason = user.id, now, text[:2000]
    audit.append(
        session,
        actor=user.username,
        action="vehicle.hit.decide",
        subject_type="stolen_vehicle_hit",
        subject_id=hit.id,
        details={"status": hit.status},
        at=now,
    )
    return {"id": hit.id, "status": hit.status, "reason": hit.decision_reason}


def open_hits(session: Session, *, port: str | None = None) -> list[dict[str, Any]]:
    """Hits waiting for a decision (of one port, or all), newest first."""
    query = (
        select(StolenVehicleHit, StolenVehicleRecord, VehicleCrossing)
        .join(StolenVehicleRecord, StolenVehicleRecord.id == StolenVehicleHit.stolen_id)
        .outerjoin(VehicleCrossing, VehicleCrossing.id == StolenVehicleHit.crossing_id)
        .where(StolenVehicleHit.status == "open")
        .order_by(StolenVehicleHit.created_at.desc(), StolenVehicleHit.id.desc())
        .limit(500)
    )
    if port is not None:
        query = query.where(StolenVehicleHit.port_id == port_by_code(session, port).id)
    return [
        {
            "id": hit.id,
            "crossing_id": hit.crossing_id,
            "field": hit.field,
            "exact": hit.exact,
            "reason": hit.reason,
            "created_at": hit.created_at.isoformat(),
            "plate": crossing.plate_read if crossing is not None else None,
            "listed_vin": stolen.vin,
            "listed_engine": stolen.engine_number,
            "make": stolen.make,
            "reference": stolen.reference,
            "list": stolen.list_name,
        }
        for hit, stolen, crossing in session.execute(query)
    ]
