"""Watchlists, their versions, entries and changes (within the caller's unit of work).

Writes are batched (``BATCH_SIZE`` rows per statement execution) so a list of tens of
thousands of entries goes into PostgreSQL in a few round trips. The repository never commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Table, and_, func, insert, select, update
from sqlalchemy.orm import Session

from borderpost.screening.model import ListEntry
from borderpost.screening.serialize import entry_from_dict, entry_to_dict
from borderpost.store.dialect import dialect_insert
from borderpost.store.models import Watchlist, WatchlistChange, WatchlistEntry, WatchlistVersion

__all__ = [
    "BATCH_SIZE",
    "ChangeRow",
    "EntryChange",
    "ListRow",
    "StoredEntry",
    "WatchlistRepo",
    "content_hash",
    "stored_data",
    "utc",
]

BATCH_SIZE = 1000
#: Called with the number of rows just written.
BatchCallback = Callable[[int], None]
_T = TypeVar("_T")
_ENTRIES: Table = WatchlistEntry.__table__  # type: ignore[assignment]
_CHANGES: Table = WatchlistChange.__table__  # type: ignore[assignment]
_WATCHLISTS: Table = Watchlist.__table__  # type: ignore[assignment]
_VERSIONS: Table = WatchlistVersion.__table__  # type: ignore[assignment]


def stored_data(entry: ListEntry, version_label: str | None) -> tuple[dict[str, Any], str]:
    """What is stored for an entry: its dictionary and its :func:`content_hash`.

    The dictionary leaves out the list's name, and ``list_version`` unless it differs from
    the version the entry is imported with.
    """
    data = entry_to_dict(entry)
    del data["list_name"]
    version = data.pop("list_version", None)
    digest = _digest(data)
    if version is not None and version != version_label:
        data["list_version"] = version
    return data, digest


def content_hash(entry: ListEntry) -> str:
    """SHA-256 of the entry's content (canonical JSON, ``list_name``/``list_version`` left out)."""
    return stored_data(entry, None)[1]


def _digest(data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(data: dict[str, Any], list_name: str, version_label: str | None) -> ListEntry:
    data["list_name"] = list_name
    data.setdefault("list_version", version_label)
    return entry_from_dict(data)


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """An entry row as the importer needs it: ``entry`` is ``None`` once removed."""

    row_id: int
    entry_id: str
    entry: ListEntry | None


@dataclass(frozen=True, slots=True)
class EntryChange:
    """A change to record: ``change`` is ``added``, ``changed`` or ``removed``."""

    entry_id: str
    change: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListRow:
    """A list at a glance: its newest version and how many entries are current or removed."""

    name: str
    versions: int
    version: int | None
    label: str | None
    source_format: str | None
    imported_at: dt.datetime | None
    entries: int
    removed: int


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A recorded change, with the entry's primary name as stored now."""

    entry_id: str
    change: str
    fields: tuple[str, ...]
    name: str | None


def _batches(rows: Sequence[_T], size: int = BATCH_SIZE) -> Iterator[Sequence[_T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` with its time zone; SQLite hands back naive datetimes that were UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


class WatchlistRepo:
    """Query and write watchlists in one session; never commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, name: str) -> Watchlist | None:
        """The list called ``name``, if any."""
        return self._session.scalar(select(Watchlist).where(Watchlist.name == name))

    def lock_or_create(self, name: str, *, now: dt.datetime) -> Watchlist:
        """The list called ``name``, created if new, locked for this transaction.

        On PostgreSQL the row lock makes two imports of the same list wait for each other;
        SQLite allows one writer at a time anyway.
        """
        statement = dialect_insert(self._session, _WATCHLISTS).values(name=name, created_at=now)
        self._session.execute(statement.on_conflict_do_nothing(index_elements=["name"]))
        query = select(Watchlist).where(Watchlist.name == name).with_for_update()
        return self._session.scalars(query).one()

    def latest_version(self, watchlist_id: int) -> WatchlistVersion | None:
        """The newest version of a list."""
        query = (
            select(WatchlistVersion)
            .where(WatchlistVersion.watchlist_id == watchlist_id)
            .order_by(WatchlistVersion.number.desc())
            .limit(1)
        )
        return self._session.scalar(query)

    def add_version(self, version: WatchlistVersion) -> WatchlistVersion:
        """Add a version row and flush it so it has an id."""
        self._session.add(version)
        self._session.flush()
        return version

    def versions(self, watchlist_id: int) -> list[WatchlistVersion]:
        """Every version of a list, oldest first."""
        query = (
            select(WatchlistVersion)
            .where(WatchlistVersion.watchlist_id == watchlist_id)
            .order_by(WatchlistVersion.number)
        )
        return list(self._session.scalars(query))

    def stored_entries(self, watchlist_id: int, version_label: str | None) -> list[StoredEntry]:
        """Every entry row of a list; current ones decoded as of ``version_label``."""
        query = select(
            WatchlistEntry.id,
            WatchlistEntry.entry_id,
            WatchlistEntry.data,
            WatchlistEntry.removed_in_version_id,
        ).where(WatchlistEntry.watchlist_id == watchlist_id)
        name = self._session.scalars(
            select(Watchlist.name).where(Watchlist.id == watchlist_id)
        ).one()
        return [
            StoredEntry(
                row_id,
                entry_id,
                None if removed is not None else _entry(data, name, version_label),
            )
            for row_id, entry_id, data, removed in self._session.execute(query)
        ]

    def upsert_entries(
        self,
        watchlist_id: int,
        version: WatchlistVersion,
        entries: Sequence[ListEntry],
        on_batch: BatchCallback | None = None,
    ) -> None:
        """Insert new entries and overwrite existing ones (a re-listed entry is current again).

        ``first_seen_version_id`` is only set on insert; everything else is overwritten and
        ``removed_in_version_id`` cleared.
        """
        statement = dialect_insert(self._session, _ENTRIES)
        updated = ("kind", "name", "data", "content_hash", "last_changed_version_id")
        statement = statement.on_conflict_do_update(
            index_elements=["watchlist_id", "entry_id"],
            set_={
                **{column: statement.excluded[column] for column in updated},
                "removed_in_version_id": None,
            },
        )
        for batch in _batches(entries):
            rows = []
            for entry in batch:
                data, digest = stored_data(entry, version.label)
                rows.append(
                    {
                        "watchlist_id": watchlist_id,
                        "entry_id": entry.entry_id,
                        "kind": entry.kind,
                        # PostgreSQL text cannot hold NUL; the JSON keeps the name exactly.
                        "name": entry.name.replace("\x00", ""),
                        "data": data,
                        "content_hash": digest,
                        "first_seen_version_id": version.id,
                        "last_changed_version_id": version.id,
                    }
                )
            self._session.execute(statement, rows)
            if on_batch is not None:
                on_batch(len(rows))

    def mark_removed(
        self, row_ids: Sequence[int], version_id: int, on_batch: BatchCallback | None = None
    ) -> None:
        """Set ``removed_in_version_id`` on entry rows (they stay, with their history)."""
        for batch in _batches(row_ids):
            self._session.execute(
                update(_ENTRIES)
                .where(_ENTRIES.c.id.in_(batch))
                .values(removed_in_version_id=version_id)
            )
            if on_batch is not None:
                on_batch(len(batch))

    def add_changes(
        self,
        version_id: int,
        changes: Sequence[EntryChange],
        on_batch: BatchCallback | None = None,
    ) -> None:
        """Record what a version added, changed and removed."""
        for batch in _batches(changes):
            rows = [
                {
                    "version_id": version_id,
                    "entry_id": change.entry_id,
                    "change": change.change,
                    "fields": list(change.fields),
                }
                for change in batch
            ]
            self._session.execute(insert(_CHANGES), rows)
            if on_batch is not None:
                on_batch(len(rows))

    def unknown_names(self, names: Iterable[str]) -> list[str]:
        """Those of ``names`` that are not stored lists, sorted."""
        wanted = set(names)
        if not wanted:
            return []
        known = set(self._session.scalars(select(Watchlist.name).where(Watchlist.name.in_(wanted))))
        return sorted(wanted - known)

    def current_entries(self, names: Sequence[str] | None = None) -> list[ListEntry]:
        """Entries not removed, as of each list's newest version: one query, one JSON decode.

        Ordered by list name, then by the order entries were first stored.
        """
        lists, versions, entries = _WATCHLISTS.c, _VERSIONS.c, _ENTRIES.c
        newest = (
            select(versions.watchlist_id, func.max(versions.number).label("number"))
            .group_by(versions.watchlist_id)
            .subquery()
        )
        query = (
            select(lists.name, versions.label, entries.data)
            .select_from(_ENTRIES)
            .join(_WATCHLISTS, lists.id == entries.watchlist_id)
            .join(newest, newest.c.watchlist_id == lists.id)
            .join(
                _VERSIONS,
                and_(
                    versions.watchlist_id == newest.c.watchlist_id,
                    versions.number == newest.c.number,
                ),
            )
            .where(entries.removed_in_version_id.is_(None))
            .order_by(lists.name, entries.id)
        )
        if names is not None:
            query = query.where(lists.name.in_(list(names)))
        # Core, not the ORM: no per-row ORM bookkeeping on the screening engine's hot start.
        rows = self._session.connection().execute(query)
        return [_entry(data, name, label) for name, label, data in rows]

    def list_rows(self) -> list[ListRow]:
        """Every list with its newest version and entry counts, by name."""
        current = func.count(WatchlistEntry.id).filter(
            WatchlistEntry.removed_in_version_id.is_(None)
        )
        removed = func.count(WatchlistEntry.id).filter(
            WatchlistEntry.removed_in_version_id.is_not(None)
        )
        counts = {
            watchlist_id: (int(now), int(gone))
            for watchlist_id, now, gone in self._session.execute(
                select(WatchlistEntry.watchlist_id, current, removed).group_by(
                    WatchlistEntry.watchlist_id
                )
            )
        }
        rows: list[ListRow] = []
        for watchlist in self._session.scalars(select(Watchlist).order_by(Watchlist.name)):
            latest = self.latest_version(watchlist.id)
            entries, gone = counts.get(watchlist.id, (0, 0))
            rows.append(
                ListRow(
                    name=watchlist.name,
                    versions=0 if latest is None else latest.number,
                    version=None if latest is None else latest.number,
                    label=None if latest is None else latest.label,
                    source_format=None if latest is None else latest.source_format,
                    imported_at=None if latest is None else utc(latest.imported_at),
                    entries=entries,
                    removed=gone,
                )
            )
        return rows

    def changes(self, version_id: int, watchlist_id: int) -> list[ChangeRow]:
        """The changes a version recorded, by kind of change then entry id."""
        query = (
            select(
                WatchlistChange.entry_id,
                WatchlistChange.change,
                WatchlistChange.fields,
                WatchlistEntry.name,
            )
            .outerjoin(
                WatchlistEntry,
                and_(
                    WatchlistEntry.watchlist_id == watchlist_id,
                    WatchlistEntry.entry_id == WatchlistChange.entry_id,
                ),
            )
            .where(WatchlistChange.version_id == version_id)
            .order_by(WatchlistChange.change, WatchlistChange.entry_id)
        )
        return [
            ChangeRow(entry_id, change, tuple(fields), name)
            for entry_id, change, fields, name in self._session.execute(query)
        ]
