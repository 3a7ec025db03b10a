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

Three options cover records that are not simply the post's own:

* :data:`MERGED_BY`: a table whose rows are *the same thing* at every node when they share a
  natural key (the phone ``+254712345678`` named at two posts is one entity at HQ). When HQ
  applies an insert whose natural key it already holds, the post's local id is mapped to the
  existing HQ row instead of inserting. Such a row is shared, so a post never overwrites it:
  an insert or update only **fills the gaps** (a column HQ holds as NULL takes the post's
  value; a JSON object gains the keys it lacks, as a post merges details locally), and a
  delete only forgets the post's mapping (the row stays for the others).
* :data:`KINDED_IDS`: integer columns that point at a synced table chosen by a kind column
  (a case link's ends are a seizure, an arrest or an entity): HQ translates them through the
  id map like foreign keys. Such tables come after every other in push order, and nothing may
  point at them.
* :data:`SCOPED_ON_CLASH`: a column unique at each node that two posts may both use (a cash
  declaration's ``CD0000001`` is numbered from the post's own ids). HQ stores the post's value
  unless another row at HQ already holds it, then ``POST:value`` (an update that leaves the
  post's value as it was keeps what HQ stored).

Left out on purpose: tables whose foreign keys point at list data pulled from HQ
(``stolen_vehicle_hits`` -> ``stolen_vehicles``, numbered differently at each node) until the
lists get a natural-key reference; HQ-side work (passport issuance, FIU submissions, exchange
rates); the leads index (``intel_*``), which each node derives from its own records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Table

from borderpost.store.models import metadata

__all__ = [
    "AUDIT_TABLE",
    "KINDED_IDS",
    "MERGED_BY",
    "REFERENCE_TABLES",
    "SCOPED_ON_CLASH",
    "SYNCED_TABLES",
    "KindedId",
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
    "case_entities",
    "case_seizures",
    "case_seizure_items",
    "case_arrests",
    "case_links",
    "cash_declarations",
    "cash_lines",
    "cash_parties",
    "cash_offences",
    "cash_detentions",
    "vehicles",
    "vehicle_crossings",
    "vehicle_occupants",
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


#: Tables merged at HQ by natural key (see the module docstring): alternative keys, tried in
#: turn; an alternative applies to a row whose first column is set, and matches the HQ row
#: equal on every column (NULL matching NULL). A vehicle is the same by its VIN; one without
#: a VIN by its plate (country and plate) among those without a VIN, as at the post.
MERGED_BY: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "case_entities": (("kind", "key"),),
    "vehicles": (("vin",), ("plate_key", "vin")),
}


@dataclass(frozen=True, slots=True)
class KindedId:
    """An id column pointing at the synced table its kind column names."""

    kind: str
    id: str
    tables: Mapping[str, str]
    otherwise: str

    def target(self, kind: object) -> str:
        """The table that a row of ``kind`` points at."""
        return self.tables.get(str(kind), self.otherwise)


_CASE_RECORDS = {"seizure": "case_seizures", "arrest": "case_arrests"}

#: Id columns whose table depends on a kind column (see the module docstring).
KINDED_IDS: Mapping[str, tuple[KindedId, ...]] = {
    "case_links": (
        KindedId("left_kind", "left_id", _CASE_RECORDS, "case_entities"),
        KindedId("right_kind", "right_id", _CASE_RECORDS, "case_entities"),
    ),
}

#: Unique columns that may clash between posts at HQ (see the module docstring).
SCOPED_ON_CLASH: Mapping[str, str] = {
    "case_seizures": "ref",
    "case_arrests": "ref",
    "cash_declarations": "ref",
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
            if target in KINDED_IDS:
                raise SyncRegistryError(
                    f"{name}.{foreign.parent.name} points at {target!r}, whose rows are applied "
                    "last (kinded ids): nothing may point at it"
                )
    options: list[tuple[str, list[str]]] = [
        *((name, [c for key in keys for c in key]) for name, keys in MERGED_BY.items()),
        *(
            (name, [c for k in kinded for c in (k.kind, k.id)])
            for name, kinded in KINDED_IDS.items()
        ),
        *((name, [column]) for name, column in SCOPED_ON_CLASH.items()),
    ]
    for name, columns in options:
        if name not in tables:
            continue
        table = synced_table(name)
        for column in columns:
            if column not in table.c:
                raise SyncRegistryError(f"{name} has no column {column!r} named in the registry")
    for name, kinded in KINDED_IDS.items():
        for spec in kinded if name in tables else ():
            for target in (*spec.tables.values(), spec.otherwise):
                if target not in tables:
                    raise SyncRegistryError(
                        f"{name}.{spec.id} may point at {target!r}, which is not synced"
                    )


def order_of(tables: tuple[str, ...] = SYNCED_TABLES) -> dict[str, int]:
    """Each synced table's rank in foreign-key order (parents first)."""
    wanted = set(tables)
    ranked = [
        table.name
        for table in metadata.sorted_tables
        if table.name in wanted and table.name not in KINDED_IDS
    ]
    ranked += sorted(name for name in KINDED_IDS if name in wanted)
    return {name: rank for rank, name in enumerate(ranked)}
