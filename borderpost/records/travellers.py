"""A traveller's record and travel history, read on purpose and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.inspection.errors import NotFound
from borderpost.inspection.history import crossing_dict, travel_record
from borderpost.records.scope import check_reader
from borderpost.store.models import Inspection, User
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
    crossings, found = travel_record(
        session, traveller_id, actor=reader.username, details={"purpose": purpose}, now=now
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
        "crossings": [crossing_dict(crossing) for crossing in crossings],
        "overstays": [overstay.to_dict() for overstay in found],
    }
