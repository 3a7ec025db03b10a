"""The stored audit chain on SQLite and PostgreSQL: appends, and tampering caught by verify."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Table, delete, insert, select, text, update

from borderpost.audit import Anchor, AuditError, BreakKind, append, head, verify
from borderpost.audit.chain import GENESIS_HASH, ChainEvent, event_hash
from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
TABLE: Table = AuditEvent.__table__  # type: ignore[assignment]


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield store
    store.dispose()


def _fill(store: Store, count: int = 5) -> None:
    with UnitOfWork(store) as uow:
        for index in range(count):
            append(
                uow.session,
                actor=f"officer{index % 2}",
                action="traveller.read",
                subject_type="traveller",
                subject_id=index + 10,
                details={"port": "LHR", "fields": ["name", "birth_date"], "score": 0.87},
                at=T0 + dt.timedelta(minutes=index, microseconds=123),
            )
        uow.commit()


def _verify(store: Store, anchor: Anchor | None = None) -> tuple[bool, int | None, str | None]:
    with UnitOfWork(store) as uow:
        result = verify(uow.session, anchor=anchor, batch_size=2)
    return result.intact, result.broken_seq, None if result.kind is None else result.kind.value


def test_appends_chain_and_verify(store: Store) -> None:
    with UnitOfWork(store) as uow:
        assert verify(uow.session).intact and head(uow.session) == Anchor(0, GENESIS_HASH)
    _fill(store)
    with UnitOfWork(store) as uow:
        rows = list(uow.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        assert [row.seq for row in rows] == [1, 2, 3, 4, 5]
        assert rows[0].prev_hash == GENESIS_HASH
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
        assert rows[2].at == T0 + dt.timedelta(minutes=2, microseconds=123)
        assert rows[2].subject_id == "12" and rows[2].details["fields"] == ["name", "birth_date"]
        result = verify(uow.session)
        assert result.intact and result.count == 5 and result.head_seq == 5
        assert head(uow.session) == Anchor(5, rows[-1].hash)


def test_rolled_back_append_leaves_no_trace(store: Store) -> None:
    _fill(store, 2)
    with UnitOfWork(store) as uow:
        append(uow.session, actor="a", action="x", subject_type="t")
    _fill(store, 1)
    with UnitOfWork(store) as uow:
        assert head(uow.session).seq == 3 and verify(uow.session).intact


def test_altered_row_is_caught(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as connection:
        connection.execute(update(TABLE).where(TABLE.c.seq == 3).values(details={"port": "XXX"}))
    assert _verify(store) == (False, 3, "altered")


def test_altered_column_by_plain_sql_is_caught(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2"))
    assert _verify(store) == (False, 2, "altered")


def test_altered_and_rehashed_row_breaks_the_next_link(store: Store) -> None:
    _fill(store)
    with UnitOfWork(store) as uow:
        row = uow.session.get(AuditEvent, 3)
        assert row is not None
        forged = ChainEvent(
            seq=3,
            at=row.at,
            actor="mallory",
            action=row.action,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            details=row.details,
        )
        new_hash = event_hash(row.prev_hash, forged)
    with store.engine.begin() as connection:
        connection.execute(
            update(TABLE).where(TABLE.c.seq == 3).values(actor="mallory", hash=new_hash)
        )
    assert _verify(store) == (False, 4, "inserted")


def test_deleted_row_is_caught(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    assert _verify(store) == (False, 3, "deleted")


def test_deleted_first_row_is_caught(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as connection:
        connection.execute(delete(TABLE).where(TABLE.c.seq == 1))
    assert _verify(store) == (False, 1, "deleted")


def test_inserted_forged_row_is_caught(store: Store) -> None:
    _fill(store)
    forged = {
        "seq": 6,
        "at": T0 + dt.timedelta(hours=1),
        "actor": "mallory",
        "action": "decision.override",
        "subject_type": "inspection",
        "subject_id": "99",
        "details": {},
        "prev_hash": "f" * 64,
        "hash": "e" * 64,
    }
    with store.engine.begin() as connection:
        connection.execute(insert(TABLE).values(**forged))
    assert _verify(store) == (False, 6, "inserted")


def test_inserted_row_with_valid_hash_in_the_middle_is_caught(store: Store) -> None:
    """A forger who knows the algorithm renumbers the tail and slips in a well-hashed row."""
    _fill(store)
    with UnitOfWork(store) as uow:
        second = uow.session.get(AuditEvent, 2)
        assert second is not None
        prev_hash = second.hash
    event = ChainEvent(3, T0, "mallory", "hit.clear", "screening_hit", "7", {})
    with store.engine.begin() as connection:
        # Two steps: a unique key is checked row by row on PostgreSQL.
        connection.execute(update(TABLE).where(TABLE.c.seq >= 3).values(seq=TABLE.c.seq + 100))
        connection.execute(update(TABLE).where(TABLE.c.seq >= 100).values(seq=TABLE.c.seq - 99))
        connection.execute(
            insert(TABLE).values(
                seq=3,
                at=T0,
                actor="mallory",
                action="hit.clear",
                subject_type="screening_hit",
                subject_id="7",
                details={},
                prev_hash=prev_hash,
                hash=event_hash(prev_hash, event),
            )
        )
    assert _verify(store) == (False, 4, "inserted")


def test_truncated_tail_needs_an_anchor(store: Store) -> None:
    _fill(store)
    with UnitOfWork(store) as uow:
        anchor = head(uow.session)
    assert _verify(store, anchor) == (True, None, None)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE seq >= 4"))
    assert _verify(store) == (True, None, None)  # undetectable without the anchor
    assert _verify(store, anchor) == (False, 4, "deleted")
    assert _verify(store, Anchor(2, "0" * 64)) == (False, 2, "altered")


def test_append_refuses_bad_input(store: Store) -> None:
    with UnitOfWork(store) as uow:
        with pytest.raises(AuditError, match="plain JSON"):
            append(uow.session, actor="a", action="x", subject_type="t", details={"d": T0})
        with pytest.raises(AuditError, match="timezone-aware"):
            append(uow.session, actor="a", action="x", subject_type="t", at=dt.datetime(2026, 1, 1))
        with pytest.raises(AuditError, match="longer than"):
            append(uow.session, actor="a" * 200, action="x", subject_type="t")


def test_concurrent_appends_stay_gapless(store: Store) -> None:
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            for index in range(8):
                with UnitOfWork(store) as uow:
                    append(uow.session, actor=name, action="x", subject_type="t", subject_id=index)
                    uow.commit()
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with UnitOfWork(store) as uow:
        result = verify(uow.session)
    assert result.intact and result.count == 32
    assert result.kind is None or result.kind is BreakKind.ALTERED
