"""What "HQ holds every record of the post exactly once" means, checked row by row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from borderpost.audit.chain import ChainEvent, ChainLink, VerifyResult, verify_links
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import PostAuditEvent, SyncIdMap, SyncPost, metadata
from borderpost.sync.tables import (
    AUDIT_TABLE,
    KINDED_IDS,
    MERGED_BY,
    REFERENCE_TABLES,
    SCOPED_ON_CLASH,
    SYNCED_TABLES,
)


def _same(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return value


def _natural_keys(store: Store, table: str) -> dict[int, str]:
    spec = REFERENCE_TABLES[table]
    target = metadata.tables[table]
    pk = next(iter(target.primary_key.columns))
    with UnitOfWork(store) as uow:
        return {int(k): str(v) for k, v in uow.session.execute(select(pk, target.c[spec.key]))}


def post_chain_at_hq(hq: Store, code: str) -> VerifyResult:
    """The post's audit chain as HQ received it, verified link by link."""
    with UnitOfWork(hq) as uow:
        post_id = uow.session.scalars(select(SyncPost.id).where(SyncPost.code == code)).one()
        rows = uow.session.scalars(
            select(PostAuditEvent)
            .where(PostAuditEvent.post_id == post_id)
            .order_by(PostAuditEvent.seq)
        ).all()
        links = [
            ChainLink(
                event=ChainEvent(
                    seq=r.seq,
                    at=r.at,
                    actor=r.actor,
                    action=r.action,
                    subject_type=r.subject_type,
                    subject_id=r.subject_id,
                    details=r.details,
                ),
                prev_hash=r.prev_hash,
                hash=r.hash,
            )
            for r in rows
        ]
    return verify_links(links)


def _compared(name: str, row: dict[str, Any]) -> set[str]:
    """The columns a post's row and its HQ row must agree on: all of them, but only the
    natural key of a row merged with other nodes' (the rest may be theirs)."""
    if name not in MERGED_BY:
        return set(row)
    for key in MERGED_BY[name]:
        if row.get(key[0]) is not None:
            return set(key)
    return set()


def assert_hq_holds(hq: Store, post: Store, code: str) -> int:
    """Every record of ``post`` is at HQ once, equal column by column (a merged row by its
    natural key, a scoped value with or without the post's prefix); how many records."""
    hq_keys = {name: _natural_keys(hq, name) for name in REFERENCE_TABLES}
    post_keys = {name: _natural_keys(post, name) for name in REFERENCE_TABLES}
    with UnitOfWork(hq) as uow:
        post_id = uow.session.scalars(select(SyncPost.id).where(SyncPost.code == code)).one()
        maps: dict[str, dict[int, int]] = {}
        for table_name, local, hq_id in uow.session.execute(
            select(SyncIdMap.table_name, SyncIdMap.local_id, SyncIdMap.hq_id).where(
                SyncIdMap.post_id == post_id
            )
        ):
            assert local not in maps.setdefault(table_name, {}), f"{table_name} {local} twice"
            maps[table_name][local] = hq_id
    total = 0
    for name in SYNCED_TABLES:
        table = metadata.tables[name]
        pk = next(iter(table.primary_key.columns))
        with UnitOfWork(post) as uow:
            at_post = {
                row._mapping[pk.name]: dict(row._mapping)
                for row in uow.session.execute(select(table))
            }
        if name == AUDIT_TABLE:
            with UnitOfWork(hq) as uow:
                query = select(PostAuditEvent.seq, PostAuditEvent.hash).where(
                    PostAuditEvent.post_id == post_id
                )
                received = {row.seq: row.hash for row in uow.session.execute(query)}
            assert received == {seq: row["hash"] for seq, row in at_post.items()}
            total += len(received)
            continue
        mapped = maps.get(name, {})
        assert set(mapped) == set(at_post), (
            f"{name}: HQ holds {len(mapped)} of the post's {len(at_post)}"
        )
        foreign = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
        with UnitOfWork(hq) as uow:
            at_hq = {
                row._mapping[pk.name]: dict(row._mapping)
                for row in uow.session.execute(select(table).where(pk.in_(list(mapped.values()))))
            }
        assert len(at_hq) == len(set(mapped.values())), f"{name}: mapped rows missing at HQ"
        for local_id, row in at_post.items():
            there = at_hq[mapped[local_id]]
            targets = dict(foreign)
            for spec in KINDED_IDS.get(name, ()):
                targets[spec.id] = spec.target(row[spec.kind])
            for column, value in row.items():
                if column == pk.name or column not in _compared(name, row):
                    continue
                target = targets.get(column)
                if SCOPED_ON_CLASH.get(name) == column:
                    assert there[column] in (value, f"{code}:{value}"), (
                        f"{name} {local_id}.{column}"
                    )
                elif value is None or target is None:
                    assert _same(there[column]) == _same(value), f"{name} {local_id}.{column}"
                elif target in REFERENCE_TABLES:
                    assert hq_keys[target][there[column]] == post_keys[target][value]
                else:
                    assert there[column] == maps[target][value], f"{name} {local_id}.{column}"
        total += len(at_post)
    return total


def hq_count(hq: Store, table: str) -> int:
    with UnitOfWork(hq) as uow:
        from sqlalchemy import func

        return int(
            uow.session.scalar(select(func.count()).select_from(metadata.tables[table])) or 0
        )
