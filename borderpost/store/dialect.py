"""The one place where SQLite and PostgreSQL differ for us: ``INSERT ... ON CONFLICT``.

Both dialects spell upserts the same way in SQLAlchemy (``on_conflict_do_update`` /
``on_conflict_do_nothing`` with ``excluded``), but through their own ``insert`` constructs.
"""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from borderpost.store.db import StoreError

__all__ = ["dialect_insert"]


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
