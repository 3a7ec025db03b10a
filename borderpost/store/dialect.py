"""The one place where SQLite and PostgreSQL differ for us.

* ``INSERT ... ON CONFLICT``: both dialects spell upserts the same way in SQLAlchemy
  (``on_conflict_do_update`` / ``on_conflict_do_nothing`` with ``excluded``), but through
  their own ``insert`` constructs.
* Serialising writers that append to one sequence (the audit log): PostgreSQL takes an
  advisory lock for the transaction; SQLite takes its single database write lock early.
"""

from __future__ import annotations

import zlib

from sqlalchemy import Table, false, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from borderpost.store.db import StoreError

__all__ = ["dialect_insert", "lock_for_append"]


def dialect_insert(session: Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An ``INSERT`` into ``table`` that supports ``ON CONFLICT`` on the session's database.

    Raises:
        StoreError: the database is neither SQLite nor PostgreSQL.
    """
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise StoreError(f"upserts are not supported on {name!r} (only SQLite and PostgreSQL)")


def lock_for_append(session: Session, table: Table) -> None:
    """Hold, until the transaction ends, the right to append to ``table``.

    Two transactions that both read "the last row" and then append after it would fork a
    sequence; this makes the second wait until the first commits or rolls back.

    PostgreSQL: ``pg_advisory_xact_lock`` on a key derived from the table name (other
    writers of other tables are not held up). SQLite: a write that changes nothing, which
    takes the database's write lock now instead of at the first real insert.

    Raises:
        StoreError: the database is neither SQLite nor PostgreSQL.
    """
    name = session.get_bind().dialect.name
    if name == "postgresql":
        key = zlib.crc32(f"borderpost:{table.name}".encode())
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
        return
    if name == "sqlite":
        column = next(iter(table.primary_key.columns))
        session.execute(update(table).where(false()).values({column.name: column}))
        return
    raise StoreError(f"append locks are not supported on {name!r} (only SQLite and PostgreSQL)")
