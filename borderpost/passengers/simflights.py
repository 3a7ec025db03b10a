"""The synthetic world's flights as manifests, so that they can be written as PAXLST.

A line of a generated world's ``manifests.jsonl`` (see :mod:`borderpost.worldgen.manifests`)
holds one flight on one day with its passengers and crew; :func:`manifest_from_sim` turns it
into the passenger list or the crew list an airline would send for it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from borderpost.passengers.manifest import Flight, Leg, Manifest, Person, Role, TravelDocument

__all__ = ["manifest_from_sim"]


def _sex(value: object) -> str:
    return value if isinstance(value, str) and value in ("M", "F") else "U"


def _person(line: dict[str, Any], role: Role) -> Person:
    reference = line.get("crossing_id") or line.get("id")
    country = line.get("document_country") or line.get("nationality")
    return Person(
        role=role,
        role_code="FL" if role == "passenger" else "FM",
        surname=str(line["surname"]),
        given_names=str(line.get("given_names") or ""),
        sex=_sex(line.get("sex")),
        birth_date=date.fromisoformat(line["birth_date"]) if line.get("birth_date") else None,
        nationality=line.get("nationality") or None,
        documents=(TravelDocument("P", str(line["document_number"]), country or None),),
        references=((("ABO", str(reference)),) if reference else ()),
    )


def manifest_from_sim(record: dict[str, Any], *, kind: Role = "passenger") -> Manifest:
    """The passenger list (or, with ``kind="crew"``, the crew list) of one flight-day of a
    generated world. ``scheduled`` is the arrival of an inbound flight and the departure of an
    outbound one; the other time is not in the world, so it is left out."""
    scheduled = datetime.fromisoformat(record["scheduled"])
    inbound = record.get("direction") == "inbound"
    leg = Leg(
        record["origin"],
        record["destination"],
        departure=None if inbound else scheduled,
        arrival=scheduled if inbound else None,
    )
    lines = record.get("passengers", []) if kind == "passenger" else record.get("crew", [])
    return Manifest(
        kind=kind,
        flights=(Flight(record["flight"], record.get("airline") or None, (leg,)),),
        persons=tuple(_person(line, kind) for line in lines),
        document_code="745" if kind == "passenger" else "250",
        reference=f"{record['flight']}-{record['date']}",
        sender=record.get("airline") or None,
    )
