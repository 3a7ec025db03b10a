"""Reference rows at HQ found by natural key: the post's port by code, officers by name.

A post's records point at its port and its officers by the post's own ids; HQ numbers ports
and accounts itself. The post sends the natural key (and a few carried columns) and HQ finds
its own row. An officer account HQ does not know yet (created at the post while offline) is
created at HQ **inactive and with no usable password**: the records keep their author, and
nobody can sign in with it at HQ until an administrator sets it up.

A post may only push records of its own port (its post code is its port's code).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from borderpost.store.models import metadata
from borderpost.sync.errors import PostForbiddenError, SyncApplyError
from borderpost.sync.rows import decode_value
from borderpost.sync.tables import REFERENCE_TABLES

__all__ = ["NO_PASSWORD", "ReferenceResolver"]

#: Stored as the password hash of accounts created from a post's records: never verifies.
NO_PASSWORD = "!created-by-sync"


class ReferenceResolver:
    """HQ ids of reference rows named by natural key, cached for one batch."""

    def __init__(self, session: Session, *, post_port: str, now: dt.datetime) -> None:
        self._session = session
        self._post_port = post_port
        self._now = now
        self._cache: dict[tuple[str, str], int] = {}

    def resolve(self, table_name: str, ref: Any, *, where: str) -> int:
        """The HQ id of the ``table_name`` row that ``ref`` names (created if need be).

        Raises:
            SyncApplyError: ``ref`` lacks the natural key.
            PostForbiddenError: a record of another port than the post's own.
        """
        spec = REFERENCE_TABLES[table_name]
        key = ref.get(spec.key) if isinstance(ref, dict) else None
        if not isinstance(key, str) or not key:
            raise SyncApplyError(f"{where}: the reference to {table_name} lacks its {spec.key}")
        if table_name == "ports" and key != self._post_port:
            raise PostForbiddenError(
                f"{where}: post {self._post_port} may only push records of its own port, "
                f"not of {key}"
            )
        cached = self._cache.get((table_name, key))
        if cached is not None:
            return cached
        table = metadata.tables[table_name]
        pk = next(iter(table.primary_key.columns))
        found = self._session.execute(select(pk).where(table.c[spec.key] == key)).scalar()
        if found is None:
            found = self._create(table_name, key, ref)
        self._cache[(table_name, key)] = int(found)
        return int(found)

    def _create(self, table_name: str, key: str, ref: dict[str, Any]) -> int:
        spec = REFERENCE_TABLES[table_name]
        table = metadata.tables[table_name]
        values: dict[str, Any] = {spec.key: key}
        for name in spec.carried:
            values[name] = decode_value(table, name, ref.get(name))
        values["created_at"] = self._now
        if table_name == "users":
            values.update(password_hash=NO_PASSWORD, active=False, failed_logins=0)
            values["port_id"] = self.resolve("ports", {"code": self._post_port}, where="users")
        elif table_name == "ports":
            values["remote"] = True
        pk = next(iter(table.primary_key.columns))
        return int(self._session.execute(insert(table).values(values).returning(pk)).scalar_one())
