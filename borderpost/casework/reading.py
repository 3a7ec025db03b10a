"""Reading casework back for people: lists of seizures, arrests and entities, and one record
or entity with everything linked to it. Reads that show personal data (names, phones,
documents, accounts, addresses) are written to the audit log with who read what.

Shared by the REST routes, the console pages and the CLI so that all show the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.casework.access import check_may
from borderpost.identity.roles import Permission
from borderpost.inspection.errors import Invalid, NotFound
from borderpost.intel.recording.links import ENTITY_KINDS, RECORD_KINDS
from borderpost.store.models import (
    CaseArrest,
    CaseEntity,
    CaseLink,
    CaseSeizure,
    CaseSeizureItem,
    User,
)

__all__ = [
    "arrest_detail",
    "arrests",
    "entities",
    "entity_detail",
    "linked",
    "links_of",
    "seizure_detail",
    "seizures",
]

MAX_LIMIT = 500


def _audit(
    session: Session,
    user: User,
    action: str,
    kind: str,
    subject: str | int | None,
    now: dt.datetime,
    **details: Any,
) -> None:
    append(
        session,
        actor=user.username,
        action=action,
        subject_type=kind,
        subject_id=subject,
        details=details,
        at=now,
    )


def _seizure_dict(row: CaseSeizure) -> dict[str, Any]:
    return {
        "id": row.id,
        "ref": row.ref,
        "date": row.date.isoformat(),
        "port": row.port,
        "place": row.place,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "summary": row.summary,
        "concealment": row.concealment,
        "conveyance": row.conveyance,
        "route": {
            "origin": row.route_origin,
            "transit": list(row.route_transit),
            "destination": row.route_destination,
        },
        "source": row.source,
        "recorded_by": row.recorded_by,
        "recorded_at": row.recorded_at.isoformat(),
    }


def _entity_dict(row: CaseEntity) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "key": row.key,
        "label": row.label,
        "details": dict(row.details),
        "source": row.source,
        "source_date": row.source_date.isoformat(),
    }


def _labels(session: Session, nodes: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    wanted = set(nodes)
    labels: dict[tuple[str, int], str] = {}
    entity_ids = [i for k, i in wanted if k in ENTITY_KINDS]
    for row in session.scalars(select(CaseEntity).where(CaseEntity.id.in_(entity_ids))):
        labels[(row.kind, row.id)] = row.label
    seizure_ids = [i for k, i in wanted if k == "seizure"]
    for sid, ref, summary in session.execute(
        select(CaseSeizure.id, CaseSeizure.ref, CaseSeizure.summary).where(
            CaseSeizure.id.in_(seizure_ids)
        )
    ):
        labels[("seizure", sid)] = f"{ref}\t{summary}"
    arrest_ids = [i for k, i in wanted if k == "arrest"]
    for aid, ref, charge in session.execute(
        select(CaseArrest.id, CaseArrest.ref, CaseArrest.charge).where(
            CaseArrest.id.in_(arrest_ids)
        )
    ):
        labels[("arrest", aid)] = f"{ref}\t{charge}"
    return labels


def linked(session: Session, kind: str, node_id: int) -> list[dict[str, Any]]:
    """Every link of the record or entity ``kind``/``node_id``: the other end (kind, id,
    label, and a record's ``ref``), the role, the source and its date; oldest first."""
    rows = list(
        session.scalars(
            select(CaseLink)
            .where(
                or_(
                    (CaseLink.left_kind == kind) & (CaseLink.left_id == node_id),
                    (CaseLink.right_kind == kind) & (CaseLink.right_id == node_id),
                )
            )
            .order_by(CaseLink.source_date, CaseLink.id)
        )
    )
    ends = [
        (r.right_kind, r.right_id)
        if (r.left_kind, r.left_id) == (kind, node_id)
        else (r.left_kind, r.left_id)
        for r in rows
    ]
    labels = _labels(session, ends)
    found = []
    for row, end in zip(rows, ends, strict=True):
        ref, _, label = labels.get(end, "?").rpartition("\t")
        found.append(
            {
                "link": row.id,
                "role": row.role,
                "kind": end[0],
                "id": end[1],
                "ref": ref or None,  # a seizure's or an arrest's reference
                "label": f"{ref}: {label}" if ref else label,
                "source": row.source,
                "date": row.source_date.isoformat(),
            }
        )
    return found


def links_of(
    session: Session, kind: str, node_id: int, *, user: User, now: dt.datetime
) -> list[dict[str, Any]]:
    """Everything linked to one stored record or entity (see :func:`linked`), audited.

    Raises:
        Invalid: an unknown kind.
        NotFound: nothing of this kind and id is stored.
    """
    check_may(user, Permission.READ_CASEWORK, "read casework")
    if kind not in ENTITY_KINDS + RECORD_KINDS:
        raise Invalid(f"kind {kind!r} is not one of {', '.join(ENTITY_KINDS + RECORD_KINDS)}")
    model = {"seizure": CaseSeizure, "arrest": CaseArrest}.get(kind, CaseEntity)
    row = session.get(model, node_id)
    if row is None or (isinstance(row, CaseEntity) and row.kind != kind):
        raise NotFound(f"no {kind} {node_id}")
    _audit(session, user, "casework.links.read", kind, node_id, now)
    return linked(session, kind, node_id)


def seizures(
    session: Session,
    *,
    port: str | None = None,
    category: str | None = None,
    since: dt.date | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """The newest seizures (no personal data: what, where, when, how), optionally of one
    port, one commodity category, or since a date."""
    query = select(CaseSeizure)
    if port:
        query = query.where(CaseSeizure.port == port.upper())
    if category:
        query = query.where(
            CaseSeizure.id.in_(
                select(CaseSeizureItem.seizure_id).where(CaseSeizureItem.category == category)
            )
        )
    if since:
        query = query.where(CaseSeizure.date >= since)
    query = query.order_by(CaseSeizure.date.desc(), CaseSeizure.id.desc()).limit(
        min(limit, MAX_LIMIT)
    )
    return [_seizure_dict(row) for row in session.scalars(query)]


def _seizure_row(session: Session, ref: str) -> CaseSeizure:
    row = session.scalar(select(CaseSeizure).where(CaseSeizure.ref == ref))
    if row is None:
        raise NotFound(f"no seizure {ref!r}")
    return row


def seizure_detail(session: Session, ref: str, *, user: User, now: dt.datetime) -> dict[str, Any]:
    """One seizure with its items and every link (persons and things named), audited.

    Raises:
        Forbidden: the user may not read casework.
        NotFound: no such seizure.
    """
    check_may(user, Permission.READ_CASEWORK, "read casework")
    row = _seizure_row(session, ref)
    items = [
        {
            "category": i.category,
            "type": i.type,
            "quantity": i.quantity,
            "unit": i.unit,
            "measure": i.measure,
            "base_quantity": i.base_quantity,
            "currency": i.currency,
            "calibre": i.calibre,
            "description": i.description,
        }
        for i in session.scalars(
            select(CaseSeizureItem)
            .where(CaseSeizureItem.seizure_id == row.id)
            .order_by(CaseSeizureItem.position)
        )
    ]
    _audit(session, user, "casework.seizure.read", "seizure", row.ref, now)
    return {
        **_seizure_dict(row),
        "notes": row.notes,
        "items": items,
        "links": linked(session, "seizure", row.id),
    }


def arrests(
    session: Session, *, user: User, now: dt.datetime, port: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """The newest arrests with the person's name (personal data: the read is audited)."""
    check_may(user, Permission.READ_CASEWORK, "read casework")
    query = select(CaseArrest, CaseEntity.label).join(
        CaseEntity, CaseEntity.id == CaseArrest.person_id
    )
    if port:
        query = query.where(CaseArrest.port == port.upper())
    rows = session.execute(
        query.order_by(CaseArrest.date.desc(), CaseArrest.id.desc()).limit(min(limit, MAX_LIMIT))
    ).all()
    _audit(session, user, "casework.arrests.read", "arrest", None, now, port=port, shown=len(rows))
    return [
        {
            "id": a.id,
            "ref": a.ref,
            "date": a.date.isoformat(),
            "port": a.port,
            "place": a.place,
            "person": {"id": a.person_id, "label": label},
            "charge": a.charge,
            "source": a.source,
        }
        for a, label in rows
    ]


def arrest_detail(session: Session, ref: str, *, user: User, now: dt.datetime) -> dict[str, Any]:
    """One arrest with its person and every link, audited.

    Raises:
        NotFound: no such arrest.
    """
    check_may(user, Permission.READ_CASEWORK, "read casework")
    row = session.scalar(select(CaseArrest).where(CaseArrest.ref == ref))
    if row is None:
        raise NotFound(f"no arrest {ref!r}")
    person = session.get(CaseEntity, row.person_id)
    assert person is not None
    seizure_ref = None
    if row.seizure_id is not None:
        seizure_ref = session.scalar(
            select(CaseSeizure.ref).where(CaseSeizure.id == row.seizure_id)
        )
    _audit(session, user, "casework.arrest.read", "arrest", row.ref, now)
    return {
        "id": row.id,
        "ref": row.ref,
        "date": row.date.isoformat(),
        "port": row.port,
        "place": row.place,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "person": _entity_dict(person),
        "charge": row.charge,
        "seizure": seizure_ref,
        "notes": row.notes,
        "source": row.source,
        "recorded_by": row.recorded_by,
        "recorded_at": row.recorded_at.isoformat(),
        "links": linked(session, "arrest", row.id),
    }


def entities(
    session: Session,
    kind: str,
    *,
    user: User,
    now: dt.datetime,
    text: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Entities of one kind, newest first, optionally those whose key or label holds
    ``text``; each with its count of links. Audited.

    Raises:
        Invalid: an unknown kind.
    """
    check_may(user, Permission.READ_CASEWORK, "read casework")
    if kind not in ENTITY_KINDS:
        raise Invalid(f"{kind!r} is not one of {', '.join(ENTITY_KINDS)}")
    query = select(CaseEntity).where(CaseEntity.kind == kind)
    if text and text.strip():
        pattern = f"%{text.strip().upper()}%"
        query = query.where(
            or_(CaseEntity.key.like(pattern), CaseEntity.label.ilike(f"%{text.strip()}%"))
        )
    rows = list(session.scalars(query.order_by(CaseEntity.id.desc()).limit(min(limit, MAX_LIMIT))))
    counts: dict[int, int] = {}
    ids = [r.id for r in rows]
    for left_id, right_id, left_kind, right_kind in session.execute(
        select(CaseLink.left_id, CaseLink.right_id, CaseLink.left_kind, CaseLink.right_kind).where(
            or_(
                (CaseLink.left_kind == kind) & CaseLink.left_id.in_(ids),
                (CaseLink.right_kind == kind) & CaseLink.right_id.in_(ids),
            )
        )
    ):
        if left_kind == kind and left_id in ids:
            counts[left_id] = counts.get(left_id, 0) + 1
        if right_kind == kind and right_id in ids:
            counts[right_id] = counts.get(right_id, 0) + 1
    _audit(
        session, user, "casework.entities.read", kind, None, now, text=text or None, shown=len(rows)
    )
    return [{**_entity_dict(r), "links": counts.get(r.id, 0)} for r in rows]


def entity_detail(
    session: Session, kind: str, entity_id: int, *, user: User, now: dt.datetime
) -> dict[str, Any]:
    """One entity with every record and entity linked to it, audited.

    Raises:
        NotFound: no entity of this kind and id.
    """
    check_may(user, Permission.READ_CASEWORK, "read casework")
    row = session.get(CaseEntity, entity_id)
    if row is None or row.kind != kind:
        raise NotFound(f"no {kind} {entity_id}")
    _audit(session, user, "casework.entity.read", kind, row.id, now)
    return {**_entity_dict(row), "linked": linked(session, kind, row.id)}
