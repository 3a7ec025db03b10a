"""A traveller's record and travel history, read on purpose and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.inspection.errors import NotFound
from borderpost.inspection.history import overstays
from borderpost.records.scope import check_reader
from borderpost.store.models import Inspection, User
from borderpost.store.repos.crossings import CrossingRepo
from borderpost.store.repos.travellers import TravellerRepo

__all__ = ["traveller_history"]


def traveller_history(
    session: Session, traveller_id: int, reader: User, *, purpose: str, now: dt.datetime
) -> dict[str, Any]:
    """The traveller, their crossings (oldest first) and overstays as of ``now``.

    Officers and supervisors read only travellers inspected at their port. Audited as
    ``traveller.read`` with ``purpose``.

    Raises:
        NotFound: no such traveller.
        Forbidden: the reader may not read this traveller.
    """
    traveller = TravellerRepo(session).get(traveller_id)
    if traveller is None:
        raise NotFound(f"traveller {traveller_id} does not exist")
    ports = set(
        session.scalars(
            select(Inspection.port_id).where(Inspection.traveller_id == traveller_id).distinct()
        )
    )
    check_reader(reader, ports, "a traveller's history")
    repo = CrossingRepo(session)
    crossings = repo.history(traveller_id)
    found = overstays(repo.stays(traveller_id), now.date())
    audit.append(
        session,
        actor=reader.username,
        action="traveller.read",
        subject_type="traveller",
        subject_id=traveller_id,
        details={"purpose": purpose, "crossings": len(crossings), "overstays": len(found)},
        at=now,
    )
    return {
        "traveller": {
            "id": traveller.id,
            "surname": traveller.surname,
            "given_names": traveller.given_names,
            "birth_date": None
            if traveller.birth_date is None
            else traveller.birth_date.isoformat(),
            "nationality": traveller.nationality,
            "gender": traveller.gender,
        },
        "crossings": [
            {"port": c.port, "direction": c.direction, "at": c.occurred_at.isoformat()}
            for c in crossings
        ],
        "overstays": [
            {
                "entered_at": o.entered_at.isoformat(),
                "permitted_until": o.permitted_until.isoformat(),
                "exited_at": None if o.exited_at is None else o.exited_at.isoformat(),
                "days_over": o.days_over,
                "reason": o.reason,
            }
            for o in found
        ],
    }
