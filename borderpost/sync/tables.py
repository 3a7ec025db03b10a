"""The one registry of what a post pushes to HQ.

**Adding a record table to synchronisation is one line**: put its table name in
:data:`SYNCED_TABLES`. Every insert, update and delete of that table at a post then goes into the
outbox in the same transaction (:mod:`borderpost.sync.outbox`), and HQ applies it
(:mod:`borderpost.sync.apply`) with no further code, provided that

* its primary key is one integer column (autoincrement ids are fine: HQ renumbers them and keeps
  the map ``(post, table, local id) -> HQ id`` in ``sync_id_map``);
* each of its foreign keys points at another synced table or at a reference table of
  :data:`REFERENCE_TABLES` (a test checks both rules for every table listed).

Reference tables are numbered independently at each node, so a post sends their natural key
(a port's code, a user's name) and HQ looks its own row up by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Table

from borderpost.store.models import metadata

__all__ = [
    "AUDIT_TABLE",
    "REFERENCE_TABLES",
    "SYNCED_TABLES",
    "Reference",
    "SyncRegistryError",
    "check_registry",
    "order_of",
    "synced_table",
]

#: Tables whose rows a post pushes to HQ. Parents need not come first: order is taken from
#: the foreign keys. The audit log is special-cased: HQ keeps each post's chain as it is.
SYNCED_TABLES: tuple[str, ...] = (
    "travellers",
    "documents_seen",
    "document_checks",
    "inspections",
    "screening_hits",
    "decisions",
    "referrals",
    "crossings",
    "stays",
    "audit_events",
)

#: The post's audit chain; HQ stores it in ``sync_post_audit_events``, not in its own chain.
AUDIT_TABLE = "audit_events"


@dataclass(frozen=True, slots=True)
class Reference:
    """A table that each node numbers itself, found at HQ by a natural key.

    ``carried`` columns travel with the key so that HQ can create a row it lacks (an officer
    account created at the post: created inactive at HQ, with no usable password).
    """

    key: str
    carried: tuple[str, ...]


REFERENCE_TABLES: Mapping[str, Reference] = {
    "ports": Reference(key="code", carried=("name", "kind", "country", "timezone")),
    "users": Reference(key="username", carried=("role",)),
}


class SyncRegistryError(Exception):
    """A table listed for synchronisation cannot be synchronised as it is."""


def synced_table(name: str) -> Table:
    """The table called ``name``.

    Raises:
        SyncRegistryError: no such table in the models.
    """
    table = metadata.tables.get(name)
    if table is None:
        raise SyncRegistryError(f"synced table {name!r} is not a table of borderpost.store.models")
    return table


def check_registry(tables: tuple[str, ...] = SYNCED_TABLES) -> None:
    """Refuse a registry that HQ could not apply (see the module's rules).

    Raises:
        SyncRegistryError: the first problem found, naming the table and column.
    """
    for name in tables:
        table = synced_table(name)
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].type.python_type is not int:
            raise SyncRegistryError(f"synced table {name!r} needs one integer primary key")
        for foreign in table.foreign_keys:
            target = foreign.column.table.name
            if target not in tables and target not in REFERENCE_TABLES:
                raise SyncRegistryError(
                    f"{name}.{foreign.parent.name} points at {target!r}, which is neither synced "
                    "nor a reference table: add it to SYNCED_TABLES or REFERENCE_TABLES"
                )


def order_of(tables: tuple[str, ...] = SYNCED_TABLES) -> dict[str, int]:
    """Each synced table's rank in foreign-key order (parents first)."""
    wanted = set(tables)
    ranked = [table.name for table in metadata.sorted_tables if table.name in wanted]
    return {name: rank for rank, name in enumerate(ranked)}
