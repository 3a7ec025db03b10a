"""The post's outbox: every change to a synced record, written in the same transaction.

A SQLAlchemy ``after_flush`` listener (installed once per process by
:func:`install`, which :func:`borderpost.store.open_store` calls) looks at what the flush
inserted, updated and deleted. Rows of the tables in :data:`~borderpost.sync.tables.SYNCED_TABLES`
become outbox events numbered from the post's counter (``sync_node.last_seq``), in the flush's
own transaction: the record and its event are committed together or not at all. A database
without a ``sync_node`` row (HQ, a single node) writes no events.

Sequence numbers come from the counter, not from the outbox's own rows, so they are never
reused after acknowledged events are deleted, and taken by one ``UPDATE ... RETURNING`` so that
two writers never get the same ones. SQLite's single writer keeps them in commit order too; on
PostgreSQL a later number may commit first, and HQ then refuses the batch as a gap until the
earlier one is committed and sent (nothing is lost, the push is only retried).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, delete, event, func, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, UOWTransaction

from borderpost.store.models import OutboxEvent, SyncNode, metadata
from borderpost.sync.rows import encode_row
from borderpost.sync.tables import REFERENCE_TABLES, SYNCED_TABLES, order_of

__all__ = [
    "Change",
    "acknowledge",
    "backlog",
    "enqueue_existing",
    "install",
    "pending",
    "write_events",
]

_OUTBOX: Table = OutboxEvent.__table__  # type: ignore[assignment]
_NODE: Table = SyncNode.__table__  # type: ignore[assignment]
_NODE_ID = 1
_installed = False


@dataclass(frozen=True, slots=True)
class Change:
    """One row of a synced table after a change (``op`` upsert or delete)."""

    table: str
    op: str
    local_id: int
    row: Mapping[str, Any]


def install() -> None:
    """Listen to every session's flushes (idempotent; once per process)."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _capture)
        _installed = True


def _table_name(obj: object) -> str | None:
    table = getattr(obj, "__table__", None)
    return table.name if isinstance(table, Table) else None


def _row_of(obj: object) -> dict[str, Any]:
    mapper = sa_inspect(obj).mapper
    return {attr.columns[0].name: getattr(obj, attr.key) for attr in mapper.column_attrs}


def _capture(session: Session, _context: UOWTransaction) -> None:
    synced = set(SYNCED_TABLES)
    changes: list[Change] = []
    for op, objects in (("upsert", session.new), ("upsert", session.dirty)):
        for obj in objects:
            name = _table_name(obj)
            if name not in synced or name is None:
                continue
            if op == "upsert" and obj not in session.new and not session.is_modified(obj):
                continue
            row = _row_of(obj)
            changes.append(Change(name, "upsert", _local_id(name, row), row))
    for obj in session.deleted:
        name = _table_name(obj)
        if name is not None and name in synced:
            row = _row_of(obj)
            changes.append(Change(name, "delete", _local_id(name, row), row))
    if changes:
        write_events(session.connection(), changes, dt.datetime.now(dt.UTC))


def _local_id(table: str, row: Mapping[str, Any]) -> int:
    column = next(iter(metadata.tables[table].primary_key.columns))
    value = row[column.name]
    if not isinstance(value, int):  # pragma: no cover - flushed rows have their keys
        raise ValueError(f"{table} row without an integer primary key: {value!r}")
    return value


class _RefLookup:
    """Natural keys of reference rows (a port's code, a user's name), cached per write."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._cache: dict[tuple[str, int], dict[str, Any] | None] = {}

    def __call__(self, table: str, local_id: int) -> dict[str, Any] | None:
        found = self._cache.get((table, local_id), ...)
        if found is not ...:
            return found
        spec = REFERENCE_TABLES[table]
        target = metadata.tables[table]
        pk = next(iter(target.primary_key.columns))
        columns = [target.c[spec.key], *(target.c[name] for name in spec.carried)]
        row = self._connection.execute(select(*columns).where(pk == local_id)).first()
        value = None if row is None else encode_row(dict(row._mapping))
        self._cache[(table, local_id)] = value
        return value


def _refs(table: str, row: Mapping[str, Any], lookup: _RefLookup) -> dict[str, Any]:
    refs: dict[str, Any] = {}
    for foreign in metadata.tables[table].foreign_keys:
        target = foreign.column.table.name
        value = row.get(foreign.parent.name)
        if target in REFERENCE_TABLES and isinstance(value, int):
            refs[foreign.parent.name] = {"table": target, **(lookup(target, value) or {})}
    return refs


def write_events(connection: Connection, changes: Iterable[Change], at: dt.datetime) -> int:
    """Append ``changes`` to the outbox if this database is a post; how many were written.

    Upserts go parents first (foreign-key order), deletes children first, so that HQ can apply
    them in sequence order.
    """
    ranks = order_of()
    items = list(changes)
    upserts = sorted(
        (c for c in items if c.op == "upsert"), key=lambda c: (ranks[c.table], c.local_id)
    )
    deletes = sorted(
        (c for c in items if c.op == "delete"), key=lambda c: (-ranks[c.table], c.local_id)
    )
    ordered = upserts + deletes
    if not ordered:
        return 0
    # One statement takes the numbers: two writers can never be handed the same ones.
    taken = connection.execute(
        update(_NODE)
        .where(_NODE.c.id == _NODE_ID)
        .values(last_seq=_NODE.c.last_seq + len(ordered))
        .returning(_NODE.c.last_seq)
    ).scalar()
    if taken is None:
        return 0  # not a post
    last = int(taken) - len(ordered)
    lookup = _RefLookup(connection)
    rows = [
        {
            "seq": last + number,
            "table_name": change.table,
            "op": change.op,
            "local_id": change.local_id,
            "row": encode_row(change.row),
            "refs": _refs(change.table, change.row, lookup),
            "recorded_at": at,
        }
        for number, change in enumerate(ordered, start=1)
    ]
    connection.execute(insert(_OUTBOX), rows)
    return len(rows)


def enqueue_existing(session: Session, *, batch: int = 5000) -> int:
    """Queue every row the synced tables already hold (when a database becomes a post).

    Returns the number of events written.
    """
    connection = session.connection()
    now = dt.datetime.now(dt.UTC)
    total = 0
    for name in sorted(SYNCED_TABLES, key=order_of().__getitem__):
        table = metadata.tables[name]
        pk = next(iter(table.primary_key.columns))
        result = connection.execute(select(table).order_by(pk))
        while chunk := result.fetchmany(batch):
            changes = [
                Change(name, "upsert", int(row._mapping[pk.name]), dict(row._mapping))
                for row in chunk
            ]
            total += write_events(connection, changes, now)
    return total


def pending(session: Session, limit: int, *, after: int | None = None) -> list[dict[str, Any]]:
    """Up to ``limit`` events not yet acknowledged (and after ``after``), oldest first, as
    sent to HQ."""
    acked = session.execute(select(_NODE.c.acked_seq).where(_NODE.c.id == _NODE_ID)).scalar()
    if after is not None:
        acked = max(acked or 0, after)
    query = select(_OUTBOX).order_by(_OUTBOX.c.seq).limit(limit)
    if acked is not None:
        query = query.where(_OUTBOX.c.seq > acked)
    return [
        {
            "seq": row.seq,
            "table": row.table_name,
            "op": row.op,
            "local_id": row.local_id,
            "row": row.row,
            "refs": row.refs,
            "recorded_at": row.recorded_at.isoformat(),
        }
        for row in session.connection().execute(query)
    ]


def backlog(session: Session) -> int:
    """How many events wait for HQ's acknowledgement."""
    return int(session.scalar(select(func.count()).select_from(_OUTBOX)) or 0)


def acknowledge(session: Session, seq: int) -> int:
    """HQ holds every event up to ``seq``: delete them; how many were deleted.

    An acknowledgement below the one already recorded changes nothing (a late answer to an
    earlier request).
    """
    node = session.get(SyncNode, _NODE_ID)
    if node is None:
        return 0
    if seq > node.last_seq:
        raise ValueError(
            f"HQ acknowledged seq {seq}, but this post has only written {node.last_seq}"
        )
    node.acked_seq = max(node.acked_seq, seq)
    result = session.execute(delete(OutboxEvent).where(OutboxEvent.seq <= node.acked_seq))
    return int(getattr(result, "rowcount", 0) or 0)
