"""Stored seizures and arrests as :class:`borderpost.intel.facts.RecordFacts`: what links
them to other records (the leads service and the analysis consume these).

Identifiers are those of the entities the record names directly: a person as
``NAME|YYYY-MM-DD`` (the name engine's form and birth date), a phone in E.164, a document
number, a vehicle as ``CC:PLATE`` and, when known, its ``vin``, an account (IBAN or number),
an address line, an organisation's name.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from borderpost.intel.facts import RecordFacts
from borderpost.intel.recording.links import ENTITY_KINDS
from borderpost.store.models import CaseArrest, CaseEntity, CaseLink, CaseSeizure

__all__ = ["all_facts", "entity_identifiers", "facts_of"]


def entity_identifiers(entity: CaseEntity) -> list[tuple[str, str]]:
    """The ``(kind, value)`` identifiers of one stored entity."""
    details = entity.details
    if entity.kind == "vehicle":
        found = []
        if details.get("plate"):
            found.append(("vehicle", str(details["plate"])))
        if details.get("vin"):
            found.append(("vin", str(details["vin"])))
        return found
    if entity.kind == "document":
        return [("document", str(details.get("number") or entity.key))]
    return [(entity.kind, entity.key)]


def _named(session: Session, kind: str, record_id: int) -> list[CaseEntity]:
    ends = session.execute(
        select(CaseLink.left_kind, CaseLink.left_id, CaseLink.right_kind, CaseLink.right_id).where(
            ((CaseLink.left_kind == kind) & (CaseLink.left_id == record_id))
            | ((CaseLink.right_kind == kind) & (CaseLink.right_id == record_id))
        )
    ).all()
    ids = set()
    for left_kind, left_id, right_kind, right_id in ends:
        other_kind, other_id = (
            (right_kind, right_id)
            if (left_kind, left_id) == (kind, record_id)
            else (left_kind, left_id)
        )
        if other_kind in ENTITY_KINDS:  # not the seizure an arrest follows
            ids.add(other_id)
    return list(
        session.scalars(select(CaseEntity).where(CaseEntity.id.in_(ids)).order_by(CaseEntity.id))
    )


def _identifiers(entities: list[CaseEntity]) -> tuple[tuple[str, str], ...]:
    found: dict[tuple[str, str], None] = {}
    for entity in entities:
        for pair in entity_identifiers(entity):
            found.setdefault(pair)
    return tuple(found)


def facts_of(record: CaseSeizure | CaseArrest) -> RecordFacts:
    """The facts of a stored seizure or arrest (read through the record's own session)."""
    session = object_session(record)
    if session is None:
        raise ValueError(f"{record.ref}: the record is not attached to a session")
    place = record.place or record.port
    position = {}
    if record.latitude is not None and record.longitude is not None:
        position = {"latitude": record.latitude, "longitude": record.longitude}
    if isinstance(record, CaseSeizure):
        entities = _named(session, "seizure", record.id)
        return RecordFacts(
            ref=record.ref,
            kind="seizure",
            date=record.date,
            summary=record.summary,
            identifiers=_identifiers(entities),
            place=place,
            **position,
        )
    entities = _named(session, "arrest", record.id)
    person = session.get(CaseEntity, record.person_id)
    if person is not None and person not in entities:
        entities.insert(0, person)
    return RecordFacts(
        ref=record.ref,
        kind="arrest",
        date=record.date,
        summary=f"arrest: {record.charge}",
        identifiers=_identifiers(entities),
        place=place,
        **position,
    )


def all_facts(session: Session) -> Iterator[RecordFacts]:
    """The facts of every stored seizure, then every arrest, oldest first."""
    for seizure in session.scalars(select(CaseSeizure).order_by(CaseSeizure.date, CaseSeizure.id)):
        yield facts_of(seizure)
    for arrest in session.scalars(select(CaseArrest).order_by(CaseArrest.date, CaseArrest.id)):
        yield facts_of(arrest)
