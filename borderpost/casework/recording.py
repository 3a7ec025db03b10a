"""Storing seizures, arrests, entities and links, in the caller's transaction (never
committed here), each with its source, date, recorder and an audit event.

An entity named again is found by its kind and normalised key and reused (details it did
not have are added); a record's reference is unique (recording it twice is a conflict).

Every seizure and arrest stored here reaches the leads service in the same transaction
(:func:`borderpost.leads.record_arrived`): its facts are indexed and the leads it raises
against earlier records are stored with it. A link added by hand re-indexes the records at
its ends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.casework.access import check_may, check_may_record
from borderpost.casework.facts import facts_of
from borderpost.identity.roles import Permission
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.intel.recording import ArrestDraft, Entity, RecordingError, SeizureDraft, check_role
from borderpost.intel.recording.links import ENTITY_KINDS, RECORD_KINDS
from borderpost.leads import record_arrived
from borderpost.store.models import (
    CaseArrest,
    CaseEntity,
    CaseLink,
    CaseSeizure,
    CaseSeizureItem,
    User,
)

__all__ = ["add_entity", "add_link", "record_arrest", "record_seizure", "stored_entity"]


def stored_entity(
    session: Session, entity: Entity, *, source: str, date: dt.date, actor: str, now: dt.datetime
) -> CaseEntity:
    """The stored row of ``entity``: found by kind and key (details merged), else added."""
    row = session.scalar(
        select(CaseEntity).where(CaseEntity.kind == entity.kind, CaseEntity.key == entity.key)
    )
    if row is not None:
        missing = {k: v for k, v in entity.details.items() if k not in row.details}
        if missing:
            row.details = {**row.details, **missing}
        return row
    row = CaseEntity(
        kind=entity.kind,
        key=entity.key,
        label=entity.label[:400],
        details=dict(entity.details),
        source=source,
        source_date=date,
        recorded_by=actor,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    return row


def _link(
    session: Session,
    left: tuple[str, int],
    right: tuple[str, int],
    role: str,
    *,
    source: str,
    date: dt.date,
    actor: str,
    now: dt.datetime,
) -> CaseLink:
    row = CaseLink(
        left_kind=left[0],
        left_id=left[1],
        right_kind=right[0],
        right_id=right[1],
        role=role,
        source=source,
        source_date=date,
        recorded_by=actor,
        recorded_at=now,
    )
    session.add(row)
    return row


def _stored_entities(
    session: Session,
    wanted: list[Entity],
    *,
    source: str,
    date: dt.date,
    actor: str,
    now: dt.datetime,
) -> dict[tuple[str, str], CaseEntity]:
    """The stored rows of ``wanted``: one query finds those already stored (details merged),
    the others are added with one flush."""
    unique = {(e.kind, e.key): e for e in wanted}
    found: dict[tuple[str, str], CaseEntity] = {}
    if not unique:
        return found
    with session.no_autoflush:
        for stored in session.scalars(
            select(CaseEntity).where(tuple_(CaseEntity.kind, CaseEntity.key).in_(list(unique)))
        ):
            found[(stored.kind, stored.key)] = stored
    for key, entity in unique.items():
        known = found.get(key)
        if known is not None:
            missing = {k: v for k, v in entity.details.items() if k not in known.details}
            if missing:
                known.details = {**known.details, **missing}
            continue
        row = CaseEntity(
            kind=entity.kind,
            key=entity.key,
            label=entity.label[:400],
            details=dict(entity.details),
            source=source,
            source_date=date,
            recorded_by=actor,
            recorded_at=now,
        )
        session.add(row)
        found[key] = row
    session.flush()
    return found


def _parties(
    session: Session,
    record: tuple[str, int],
    draft: SeizureDraft | ArrestDraft,
    *,
    actor: str,
    now: dt.datetime,
) -> int:
    stamp: dict[str, Any] = {"source": draft.source, "date": draft.date, "actor": actor, "now": now}
    wanted = [p.entity for p in draft.parties]
    wanted += [e for link in draft.links for e in (link.left, link.right)]
    rows = _stored_entities(session, wanted, **stamp)

    def row_of(entity: Entity) -> CaseEntity:
        return rows[(entity.kind, entity.key)]

    for party in draft.parties:
        row = row_of(party.entity)
        _link(session, record, (row.kind, row.id), party.role, **stamp)
    for link in draft.links:
        left, right = row_of(link.left), row_of(link.right)
        if left.id != right.id:
            _link(session, (left.kind, left.id), (right.kind, right.id), link.role, **stamp)
    return len(rows)


def record_seizure(
    session: Session,
    draft: SeizureDraft,
    *,
    user: User,
    now: dt.datetime,
    audit: bool = True,
    leads: bool = True,
) -> CaseSeizure:
    """Store a seizure with its items, the entities it names and their links; ``audit``
    False leaves the audit event to the caller (a ledger import writes one for the file),
    ``leads`` False its arrival at the leads service (an import hands the lot over at once).

    Raises:
        Forbidden: the user may not record here.
        Invalid: an unregistered port.
        Conflict: a seizure with this reference exists.
    """
    check_may_record(session, user, draft.port)
    if session.scalar(select(CaseSeizure.id).where(CaseSeizure.ref == draft.ref)) is not None:
        raise Conflict(f"seizure {draft.ref} is already recorded")
    row = CaseSeizure(
        ref=draft.ref,
        date=draft.date,
        port=draft.port,
        place=draft.place,
        latitude=draft.latitude,
        longitude=draft.longitude,
        concealment=draft.concealment,
        conveyance=draft.conveyance,
        route_origin=draft.route_origin,
        route_transit=list(draft.route_transit),
        route_destination=draft.route_destination,
        summary=draft.summary,
        notes=draft.notes,
        source=draft.source,
        recorded_by=user.username,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    for position, item in enumerate(draft.items):
        session.add(
            CaseSeizureItem(
                seizure_id=row.id,
                position=position,
                category=item.category,
                type=item.type,
                quantity=str(item.quantity),
                unit=item.unit,
                measure=item.measure,
                base_quantity=float(item.base_quantity),
                currency=item.currency,
                calibre=item.calibre,
                description=item.description,
            )
        )
    named = _parties(session, ("seizure", row.id), draft, actor=user.username, now=now)
    session.flush()
    if leads:
        record_arrived(session, facts_of(row), now=now)
    if not audit:
        return row
    append(
        session,
        actor=user.username,
        action="casework.seizure.record",
        subject_type="seizure",
        subject_id=draft.ref,
        details={"summary": draft.summary, "port": draft.port, "entities": named},
        at=now,
    )
    session.flush()
    return row


def record_arrest(
    session: Session, draft: ArrestDraft, *, user: User, now: dt.datetime
) -> CaseArrest:
    """Store an arrest, its person, the seizure it follows, the things it names.

    Raises:
        Forbidden: the user may not record here.
        Invalid: an unregistered port, or a seizure reference that is not recorded.
        Conflict: an arrest with this reference exists.
    """
    check_may_record(session, user, draft.port)
    if session.scalar(select(CaseArrest.id).where(CaseArrest.ref == draft.ref)) is not None:
        raise Conflict(f"arrest {draft.ref} is already recorded")
    seizure_id = None
    if draft.seizure_ref:
        seizure_id = session.scalar(
            select(CaseSeizure.id).where(CaseSeizure.ref == draft.seizure_ref)
        )
        if seizure_id is None:
            raise Invalid(f"seizure {draft.seizure_ref!r} is not recorded (record it first)")
    person = stored_entity(
        session, draft.person, source=draft.source, date=draft.date, actor=user.username, now=now
    )
    row = CaseArrest(
        ref=draft.ref,
        date=draft.date,
        port=draft.port,
        place=draft.place,
        latitude=draft.latitude,
        longitude=draft.longitude,
        person_id=person.id,
        charge=draft.charge,
        seizure_id=seizure_id,
        notes=draft.notes,
        source=draft.source,
        recorded_by=user.username,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    stamp: dict[str, Any] = {
        "source": draft.source,
        "date": draft.date,
        "actor": user.username,
        "now": now,
    }
    _link(session, ("arrest", row.id), ("person", person.id), "arrested", **stamp)
    if seizure_id is not None:
        _link(session, ("arrest", row.id), ("seizure", seizure_id), "follows", **stamp)
    named = _parties(session, ("arrest", row.id), draft, actor=user.username, now=now)
    session.flush()
    record_arrived(session, facts_of(row), now=now)
    append(
        session,
        actor=user.username,
        action="casework.arrest.record",
        subject_type="arrest",
        subject_id=draft.ref,
        details={
            "charge": draft.charge,
            "port": draft.port,
            "seizure": draft.seizure_ref,
            "entities": named + 1,
        },
        at=now,
    )
    session.flush()
    return row


def add_entity(
    session: Session, entity: Entity, *, source: str, date: dt.date, user: User, now: dt.datetime
) -> CaseEntity:
    """Store an entity by hand (an analyst's note from another source), audited."""
    check_may(user, Permission.MANAGE_CASEWORK, "add entities")
    if not source.strip():
        raise Invalid("source: say where this comes from")
    row = stored_entity(
        session, entity, source=source.strip()[:400], date=date, actor=user.username, now=now
    )
    append(
        session,
        actor=user.username,
        action="casework.entity.add",
        subject_type=entity.kind,
        subject_id=row.id,
        details={"source": source.strip()[:400]},
        at=now,
    )
    return row


def _node_exists(session: Session, kind: str, node_id: int) -> bool:
    if kind == "seizure":
        return session.get(CaseSeizure, node_id) is not None
    if kind == "arrest":
        return session.get(CaseArrest, node_id) is not None
    row = session.get(CaseEntity, node_id)
    return row is not None and row.kind == kind


def add_link(
    session: Session,
    left: tuple[str, int],
    right: tuple[str, int],
    role: str,
    *,
    source: str,
    date: dt.date,
    user: User,
    now: dt.datetime,
) -> CaseLink:
    """Link two stored records or entities in a role their kinds allow, audited.

    Raises:
        Forbidden: the user may not add links.
        Invalid: kinds that cannot be linked in this role, no source, or a link to itself.
        NotFound: either end is not stored.
    """
    check_may(user, Permission.MANAGE_CASEWORK, "add links")
    try:
        name = check_role(left[0], right[0], role)
    except RecordingError as exc:
        raise Invalid(str(exc)) from None
    if not source.strip():
        raise Invalid("source: say where this link comes from")
    if left == right:
        raise Invalid("a record or entity cannot be linked to itself")
    for kind, node_id in (left, right):
        if kind not in ENTITY_KINDS + RECORD_KINDS or not _node_exists(session, kind, node_id):
            raise NotFound(f"no {kind} {node_id}")
    row = _link(
        session,
        left,
        right,
        name,
        source=source.strip()[:400],
        date=date,
        actor=user.username,
        now=now,
    )
    session.flush()
    append(
        session,
        actor=user.username,
        action="casework.link.add",
        subject_type="link",
        subject_id=row.id,
        details={"left": f"{left[0]}:{left[1]}", "right": f"{right[0]}:{right[1]}", "role": name},
        at=now,
    )
    for kind, node_id in (left, right):
        record = _record(session, kind, node_id)
        if record is not None:
            record_arrived(session, facts_of(record), now=now)
    return row


def _record(session: Session, kind: str, node_id: int) -> CaseSeizure | CaseArrest | None:
    if kind == "seizure":
        return session.get(CaseSeizure, node_id)
    if kind == "arrest":
        return session.get(CaseArrest, node_id)
    return None
