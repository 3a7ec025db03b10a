"""HQ applies a post's batch: in one transaction, each event once, in sequence order.

Events at or below the post's ``applied_seq`` were applied before (a batch sent twice, an
acknowledgement lost on the way): they are skipped. The next event must be exactly
``applied_seq + 1``: a later one means the post skipped events, and the batch is refused.
The caller commits; a failure part-way leaves nothing, and the post sends the batch again.

A record is an upsert of the whole row: HQ inserts it (a new HQ id, remembered in
``sync_id_map`` against ``(post, table, local id)``) or overwrites the row it became. Foreign
keys are translated: to synced tables through the map, to reference tables by natural key;
so are kinded ids (:data:`~borderpost.sync.tables.KINDED_IDS`). A table merged by natural key
(:data:`~borderpost.sync.tables.MERGED_BY`) maps the post's row to the HQ row that has its key
and only fills that row's gaps; a column scoped on clash
(:data:`~borderpost.sync.tables.SCOPED_ON_CLASH`) is stored as ``POST:value`` when another HQ
row holds the value. The post's audit events go to ``sync_post_audit_events`` as the post
hashed them. The seizures, arrests, declarations and vehicle crossings the batch created or
changed then raise their leads at HQ (:mod:`borderpost.sync.leads`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import ColumnElement, String, Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from borderpost.store.models import PostAuditEvent, SyncIdMap, SyncPost, metadata
from borderpost.sync.errors import PostForbiddenError, SequenceGapError, SyncApplyError
from borderpost.sync.leads import raise_leads, subjects_of
from borderpost.sync.references import ReferenceResolver
from borderpost.sync.rows import decode_value
from borderpost.sync.tables import (
    AUDIT_TABLE,
    KINDED_IDS,
    MERGED_BY,
    REFERENCE_TABLES,
    SCOPED_ON_CLASH,
    SYNCED_TABLES,
    order_of,
)

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
            for column, target in _synced_targets(table, item.row).items():
                value = item.row.get(column)
                if isinstance(value, int):
                    wanted[target].add(value)
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


def _synced_targets(table: Table, row: Mapping[str, Any]) -> dict[str, str]:
    """The columns of ``row`` that hold ids of synced tables, with their tables."""
    found = {
        fk.parent.name: fk.column.table.name
        for fk in table.foreign_keys
        if fk.column.table.name in SYNCED_TABLES
    }
    for spec in KINDED_IDS.get(table.name, ()):
        found[spec.id] = spec.target(row.get(spec.kind))
    return found


def _translate(
    table: Table,
    item: IncomingEvent,
    ids: _IdMap,
    references: ReferenceResolver,
) -> dict[str, Any]:
    pk = next(iter(table.primary_key.columns)).name
    values: dict[str, Any] = {}
    foreign = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    foreign.update(_synced_targets(table, item.row))
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


def _natural_match(session: Session, table: Table, values: Mapping[str, Any]) -> int | None:
    """The HQ row of a merged table with the natural key of ``values``, or None."""
    pk = next(iter(table.primary_key.columns))
    for key in MERGED_BY[table.name]:
        if values.get(key[0]) is None:
            continue
        conditions: list[ColumnElement[bool]] = [
            table.c[c].is_(None) if values.get(c) is None else table.c[c] == values[c] for c in key
        ]
        found = session.execute(select(pk).where(and_(*conditions)).order_by(pk).limit(1))
        value = found.scalar()
        return None if value is None else int(value)
    return None


def _fill_gaps(session: Session, table: Table, hq_id: int, values: Mapping[str, Any]) -> None:
    """Give a shared HQ row the post's values where it has none (see MERGED_BY)."""
    pk = next(iter(table.primary_key.columns))
    held = session.execute(select(table).where(pk == hq_id)).mappings().first()
    if held is None:
        return
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if held[name] is None:
            changes[name] = value
        elif isinstance(held[name], dict) and isinstance(value, dict):
            missing = {k: v for k, v in value.items() if k not in held[name]}
            if missing:
                changes[name] = {**held[name], **missing}
    if changes:
        session.execute(update(table).where(pk == hq_id).values(changes))


def _scope(session: Session, table: Table, post: SyncPost, rows: list[dict[str, Any]]) -> None:
    """Prefix with the post's code the scoped values another HQ row already holds."""
    name = SCOPED_ON_CLASH.get(table.name)
    if name is None:
        return
    column = table.c[name]
    wanted = [row[name] for row in rows if row.get(name) is not None]
    taken: set[Any] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        taken.update(session.scalars(select(column).where(column.in_(chunk))))
    length = column.type.length if isinstance(column.type, String) else None
    for row in rows:
        if row.get(name) in taken:
            scoped = f"{post.code}:{row[name]}"
            if length is not None and len(scoped) > length:
                raise SyncApplyError(
                    f"{table.name}.{name} {row[name]!r} is already used at HQ and "
                    f"{scoped!r} is longer than {length} characters"
                )
            row[name] = scoped


def _rescope(
    session: Session, table: Table, post: SyncPost, hq_id: int, values: dict[str, Any]
) -> None:
    """An update keeps the scoped value HQ stored for the same post value; a new value (a
    reference given after the insert) is scoped again."""
    name = SCOPED_ON_CLASH.get(table.name)
    if name is None or values.get(name) is None:
        return
    pk = next(iter(table.primary_key.columns))
    held = session.scalar(select(table.c[name]).where(pk == hq_id))
    if held in (values[name], f"{post.code}:{values[name]}"):
        del values[name]
    else:
        _scope(session, table, post, [values])


def _audit_row(post: SyncPost, item: IncomingEvent, now: dt.datetime) -> dict[str, Any]:
    table = metadata.tables[AUDIT_TABLE]
    values = {
        name: decode_value(table, name, item.row.get(name))
        for name in ("seq", "at", "actor", "action", "subject_type", "subject_id", "details")
    }
    for name in ("prev_hash", "hash"):
        if not isinstance(item.row.get(name), str):
            raise SyncApplyError(f"seq {item.seq}: audit event without its {name}")
        values[name] = item.row[name]
    if values["seq"] != item.local_id:
        raise SyncApplyError(
            f"seq {item.seq}: audit event {item.local_id} carries seq {values['seq']}"
        )
    return {"post_id": post.id, "received_at": now, **values}


def _apply_records(
    session: Session,
    post: SyncPost,
    items: Sequence[IncomingEvent],
    ids: _IdMap,
    references: ReferenceResolver,
    now: dt.datetime,
) -> int:
    """Apply record events; how many new HQ rows were inserted.

    Every event carries the whole row, so only each record's last event in the batch counts.
    New rows go in table by table, parents first (one statement per table); then updates;
    then deletes, children first. The end state is the one of applying every event in turn.
    """
    ranks = order_of()
    latest: dict[tuple[str, int], IncomingEvent] = {}
    for item in items:
        latest[(item.table, item.local_id)] = item

    def stamps(item: IncomingEvent) -> dict[str, Any]:
        return {"seq": item.seq, "post_time": item.recorded_at, "received_at": now}

    new = sorted(
        (e for k, e in latest.items() if e.op == "upsert" and k not in ids.known),
        key=lambda e: (ranks[e.table], e.seq),
    )
    inserted = 0
    for (table_name, _), group in groupby(new, key=lambda e: (e.table, frozenset(e.row))):
        run = list(group)
        table = metadata.tables[table_name]
        pk = next(iter(table.primary_key.columns))
        rows = [_translate(table, item, ids, references) for item in run]
        new_ids: list[int] = []
        if table_name in MERGED_BY:
            for row in rows:  # one by one: a row may match one inserted just before
                found = _natural_match(session, table, row)
                if found is None:
                    found = int(
                        session.execute(insert(table).values(row).returning(pk)).scalar_one()
                    )
                    inserted += 1
                else:
                    _fill_gaps(session, table, int(found), row)
                new_ids.append(found)
        else:
            _scope(session, table, post, rows)
            statement = insert(table).returning(pk, sort_by_parameter_order=True)
            new_ids = list(session.execute(statement, rows).scalars().all())
            inserted += len(new_ids)
        maps = []
        for item, new_id in zip(run, new_ids, strict=True):
            ids.known[(item.table, item.local_id)] = new_id
            maps.append(
                {
                    "post_id": post.id,
                    "table_name": item.table,
                    "local_id": item.local_id,
                    "hq_id": new_id,
                    **stamps(item),
                }
            )
        session.execute(insert(_MAP), maps)
    fresh = {(e.table, e.local_id) for e in new}
    changed = [e for k, e in latest.items() if e.op == "upsert" and k not in fresh]
    gone = sorted(
        (e for k, e in latest.items() if e.op == "delete" and k in ids.known),
        key=lambda e: -ranks[e.table],
    )
    for item in [*sorted(changed, key=lambda e: (ranks[e.table], e.seq)), *gone]:
        table = metadata.tables[item.table]
        pk = next(iter(table.primary_key.columns))
        hq_id = ids.known[(item.table, item.local_id)]
        where_map = and_(
            _MAP.c.post_id == post.id,
            _MAP.c.table_name == item.table,
            _MAP.c.local_id == item.local_id,
        )
        if item.op == "delete":
            if item.table not in MERGED_BY:  # a shared row stays for the other posts
                session.execute(delete(table).where(pk == hq_id))
            session.execute(delete(_MAP).where(where_map))
            del ids.known[(item.table, item.local_id)]
            continue
        values = _translate(table, item, ids, references)
        if item.table in MERGED_BY:
            _fill_gaps(session, table, hq_id, values)
        else:
            _rescope(session, table, post, hq_id, values)
            session.execute(update(table).where(pk == hq_id).values(values))
        session.execute(update(_MAP).where(where_map).values(stamps(item)))
    return inserted


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
    expected = post.applied_seq + 1
    for item in fresh:
        if item.seq != expected:
            raise SequenceGapError(
                f"post {post.code}: HQ expects seq {expected} next, the batch goes on with "
                f"{item.seq} (events {expected} to {item.seq - 1} are missing)"
            )
        if item.table not in SYNCED_TABLES:
            raise SyncApplyError(f"seq {item.seq}: table {item.table!r} is not synchronised")
        if item.op not in ("upsert", "delete"):
            raise SyncApplyError(f"seq {item.seq}: operation {item.op!r} is not upsert or delete")
        if item.table == AUDIT_TABLE and item.op != "upsert":
            raise PostForbiddenError(f"seq {item.seq}: audit events are never deleted")
        expected += 1
    ids = _IdMap(session, post.id, fresh)
    references = ReferenceResolver(session, post_port=post.code, now=now)
    audit_rows = [_audit_row(post, e, now) for e in fresh if e.table == AUDIT_TABLE]
    records = [e for e in fresh if e.table != AUDIT_TABLE]
    inserted = _apply_records(session, post, records, ids, references, now)
    subjects = subjects_of(records, ids.known)
    if subjects:  # the leads a post raised for its records, raised at HQ too
        raise_leads(session, subjects, now)
    if audit_rows:
        session.execute(insert(_AUDIT), audit_rows)
    result.tables.update(e.table for e in fresh)
    result.applied = len(fresh)
    if fresh:
        post.applied_seq = fresh[-1].seq
        post.records += inserted
    result.acknowledged = post.applied_seq
    return result
