"""Storage: one code path for SQLite (a post) and PostgreSQL (headquarters).

The caller owns the transaction: repositories add and query, they never commit.
"""

from borderpost.store.db import Store, StoreError, StoreNotMigratedError, open_store
from borderpost.store.unit_of_work import UnitOfWork

__all__ = ["Store", "StoreError", "StoreNotMigratedError", "UnitOfWork", "open_store"]
