"""HQ applies a post's batch: in one transaction, each event once, in sequence order.

Events at or below the post's ``applied_seq`` were applied before (a batch sent twice, an
acknowledgement lost on the way): they are skipped. The next event must be exactly
``applied_seq + 1``: a later one means the post skipped events, and the batch is refused.
The caller commits; a failure part-way leaves nothing, and the post sends the batch again.

A record is an upsert of the whole row: HQ inserts it (a new HQ id, remembered in
``sync_id_map`` against ``(post, table, local id)``) or overwrites the row it became. Foreign
keys are translated: to synced tables through the map, to reference tables by natural key.
The post's audit events go to ``sync_post_audit_events`` as the post hashed them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from borderpost.store.models import PostAuditEvent, SyncIdMap, SyncPost, metadata
from borderpost.sync.errors import PostForbiddenError, SequenceGapError, SyncApplyError
from borderpost.sync.references import ReferenceResolver
from borderpost.sync.rows import decode_value
from borderpost.sync.tables import AUDIT_TABLE, REFERENCE_TABLES, SYNCED_TABLES

__all__ = ["AppliedBatch", "IncomingEvent", "apply_events"]

_MAP: Table = SyncIdMap.__table__  # type: ignore[assignment]
_AUDIT: Table = PostAuditEvent.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class IncomingEvent:
    """An outbox event as received from a post."""

    seq: int
    table: str
    op: str
    local_id: int
    row: Mapping[str, Any]
    refs: Mapping[str, Any]
    recorded_at: dt.datetime


@dataclass(slots=True)
class AppliedBatch:
    """What a batch did: the sequence now acknowledged, events applied and skipped."""

    acknowledged: int
    applied: int = 0
    duplicates: int = 0
    tables: Counter[str] = field(default_factory=Counter)


class _IdMap:
    """The post's ``(table, local id) -> HQ id`` map for one batch, fetched in bulk."""

    def __init__(self, session: Session, post_id: int, events: Sequence[IncomingEvent]) -> None:
        self._session = session
        self._post_id = post_id
        self.known: dict[tuple[str, int], int] = {}
        wanted: defaultdict[str, set[int]] = defaultdict(set)
        for item in events:
            wanted[item.table].add(item.local_id)
            table = metadata.tables.get(item.table)
            if table is None:
                continue
            for foreign in table.foreign_keys:
                value = item.row.get(foreign.parent.name)
                if foreign.column.table.name in SYNCED_TABLES and isinstance(value, int):
                    wanted[foreign.column.table.name].add(value)
        for name, ids in wanted.items():
            ordered = sorted(ids)
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                query = select(_MAP.c.local_id, _MAP.c.hq_id).where(
                    and_(
                        _MAP.c.post_id == post_id,
                        _MAP.c.table_name == name,
                        _MAP.c.local_id.in_(chunk),
                    )
                )
                for local_id, hq_id in session.execute(query):
                    self.known[(name, local_id)] = hq_id


def _translate(
    table: Table,
    item: IncomingEvent,
    ids: _IdMap,
    references: ReferenceResolver,
) -> dict[str, Any]:
    pk = next(iter(table.primary_key.columns)).name
    values: dict[str, Any] = {}
    foreign = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    for name, raw in item.row.items():
        if name == pk:
            continue
        target = foreign.get(name)
        if target is None or raw is None:
            values[name] = decode_value(table, name, raw)
        elif target in REFERENCE_TABLES:
            values[name] = references.resolve(
                target, item.refs.get(name), where=f"{table.name}.{name}"
            )
        else:
            hq_id = ids.known.get((target, int(raw)))
            if hq_id is None:
                raise SyncApplyError(
                    f"seq {item.seq}: {table.name}.{name} points at {target} {raw}, "
                    "which this post never sent"
                )
            values[name] = hq_id
    return values


def _apply_audit(session: Session, post: SyncPost, item: IncomingEvent, now: dt.datetime) -> None:
    row = item.row
    exists = session.get(PostAuditEvent, (post.id, item.local_id))
    if exists is not None:
        raise SyncApplyError(f"seq {item.seq}: audit event {item.local_id} was received before")
    values = {
        name: decode_value(metadata.tables[AUDIT_TABLE], name, row.get(name))
        for name in ("seq", "at", "actor", "action", "subject_type", "subject_id", "details")
    }
    values.update(prev_hash=row.get("prev_hash"), hash=row.get("hash"))
    session.execute(insert(_AUDIT).values(post_id=post.id, received_at=now, **values))


def _apply_record(
    session: Session,
    post: SyncPost,
    item: IncomingEvent,
    ids: _IdMap,
    references: ReferenceResolver,
    now: dt.datetime,
) -> None:
    table = metadata.tables[item.table]
    pk = next(iter(table.primary_key.columns))
    key = (item.table, item.local_id)
    hq_id = ids.known.get(key)
    where_map = and_(
        _MAP.c.post_id == post.id,
        _MAP.c.table_name == item.table,
        _MAP.c.local_id == item.local_id,
    )
    if item.op == "delete":
        if hq_id is not None:
            session.execute(delete(table).where(pk == hq_id))
            session.execute(delete(_MAP).where(where_map))
            del ids.known[key]
        return
    values = _translate(table, item, ids, references)
    stamps = {"seq": item.seq, "post_time": item.recorded_at, "received_at": now}
    if hq_id is not None:
        session.execute(update(table).where(pk == hq_id).values(values))
        session.execute(update(_MAP).where(where_map).values(stamps))
        return
    new_id = session.execute(insert(table).values(values).returning(pk)).scalar_one()
    session.execute(
        insert(_MAP).values(
            post_id=post.id, table_name=item.table, local_id=item.local_id, hq_id=new_id, **stamps
        )
    )
    ids.known[key] = new_id
    post.records += 1


def apply_events(
    session: Session, post: SyncPost, events: Sequence[IncomingEvent], now: dt.datetime
) -> AppliedBatch:
    """Apply ``events`` (in sequence order) from ``post``; the caller commits.

    Raises:
        SequenceGapError: an event's sequence number skips the next expected one.
        SyncApplyError: an event names an unknown table or operation, or cannot be stored.
        PostForbiddenError: an event carries another port's records.
    """
    result = AppliedBatch(acknowledged=post.applied_seq)
    fresh = [item for item in sorted(events, key=lambda e: e.seq) if item.seq > post.applied_seq]
    result.duplicates = len(events) - len(fresh)
    ids = _IdMap(session, post.id, fresh)
    references = ReferenceResolver(session, post_port=post.code, now=now)
    for item in fresh:
        expected = post.applied_seq + 1
        if item.seq != expected:
            raise SequenceGapError(
                f"post {post.code}: HQ expects seq {expected} next, the batch goes on with "
                f"{item.seq} (events {expected} to {item.seq - 1} are missing)"
            )
        if item.table not in SYNCED_TABLES:
            raise SyncApplyError(f"seq {item.seq}: table {item.table!r} is not synchronised")
        if item.op not in ("upsert", "delete"):
            raise SyncApplyError(f"seq {item.seq}: operation {item.op!r} is not upsert or delete")
        if item.table == AUDIT_TABLE:
            if item.op != "upsert":
                raise PostForbiddenError(f"seq {item.seq}: audit events are never deleted")
            _apply_audit(session, post, item, now)
        else:
            _apply_record(session, post, item, ids, references, now)
        post.applied_seq = item.seq
        result.applied += 1
        result.tables[item.table] += 1
    result.acknowledged = post.applied_seq
    return result
