"""Watchlist workflows: import a list as a new version, read what is current, show history.

Every write runs in the caller's :class:`~borderpost.store.UnitOfWork` and never commits:
the caller commits once the whole import is written, so a failure part-way leaves nothing.

An import always records a version, also when nothing changed (0 added, 0 changed,
0 removed): the history then shows that the list was checked against that publication.
Nothing is deleted: an entry that leaves the list keeps its row, marked with the version
that removed it, and comes back (as "added") if a later version lists it again.

The lost/stolen workflows live in :mod:`borderpost.watchlists.lost_stolen` and are
re-exported here, so that callers find every list workflow in one module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from borderpost.screening.model import ListEntry, ListSnapshot, changed_fields, diff
from borderpost.screening.report import ImportIssue, ImportReport
from borderpost.store import UnitOfWork
from borderpost.store.models import WatchlistVersion
from borderpost.store.repos.watchlists import ChangeRow, EntryChange, ListRow, WatchlistRepo, utc
from borderpost.watchlists.errors import (
    EmptyImportError,
    UnknownListError,
    UnknownVersionError,
    WatchlistError,
)
from borderpost.watchlists.limits import MAX_FORMAT, MAX_ID, MAX_LABEL, MAX_NAME, check_length
from borderpost.watchlists.lost_stolen import (
    LostStolenSummary,
    import_lost_stolen,
    lost_stolen_records,
    lost_stolen_summaries,
)
from borderpost.watchlists.progress import Progress, ProgressCounter, tell

__all__ = [
    "ChangeRow",
    "ImportSummary",
    "ListRow",
    "LostStolenSummary",
    "Progress",
    "VersionChanges",
    "changes",
    "import_lost_stolen",
    "import_snapshot",
    "list_summaries",
    "lists_overview",
    "load_entries",
    "lost_stolen_records",
    "lost_stolen_summaries",
    "version_history",
]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """One stored version of a list: what the import read and what it changed."""

    list_name: str
    version: int
    label: str | None
    source_format: str
    files: tuple[str, ...]
    imported_at: dt.datetime
    read: int
    kept: int
    skipped: int
    added: int
    changed: int
    removed: int
    unchanged: int
    warnings: tuple[ImportIssue, ...] = ()
    errors: tuple[ImportIssue, ...] = ()

    @property
    def no_changes(self) -> bool:
        """Whether this version left the list exactly as it was."""
        return not (self.added or self.changed or self.removed)

    def to_dict(self, *, issues: int | None = None) -> dict[str, Any]:
        """A JSON-safe dictionary; ``issues`` caps how many warnings/errors are listed."""
        data: dict[str, Any] = {
            "list": self.list_name,
            "version": self.version,
            "label": self.label,
            "format": self.source_format,
            "files": list(self.files),
            "imported_at": self.imported_at.isoformat(),
            "read": self.read,
            "kept": self.kept,
            "skipped": self.skipped,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "no_changes": self.no_changes,
            "warning_count": len(self.warnings),
            "error_count": len(self.errors),
        }
        data["warnings"] = [str(issue) for issue in self.warnings[:issues]]
        data["errors"] = [str(issue) for issue in self.errors[:issues]]
        return data


@dataclass(frozen=True, slots=True)
class VersionChanges:
    """A version and the changes it recorded."""

    version: ImportSummary
    changes: tuple[ChangeRow, ...]


def import_snapshot(
    uow: UnitOfWork,
    snapshot: ListSnapshot,
    report: ImportReport,
    *,
    source_format: str,
    files: Sequence[str],
    progress: Progress | None = None,
    allow_empty: bool = False,
    now: dt.datetime | None = None,
) -> ImportSummary:
    """Store ``snapshot`` as the next version of the list ``snapshot.list_name``.

    Args:
        uow: the open unit of work; the caller commits.
        snapshot: the parsed list (its ``list_name`` names the stored list).
        report: the importer's report (counts, warnings and errors are stored with the version).
        source_format: ``ofac``, ``un``, ``ftm``, ``csv``, ...
        files: the file names read.
        progress: told how far comparing and storing have come.
        allow_empty: store an empty snapshot even though it removes every current entry.
        now: the import time (default: now, UTC).

    Returns:
        The stored version with its added/changed/removed counts.

    Raises:
        EmptyImportError: the snapshot is empty, the list is not, and ``allow_empty`` is false.
        WatchlistError: a name, label or entry id is too long to store.
    """
    _check_snapshot(snapshot, source_format)
    repo = WatchlistRepo(uow.session)
    moment = now or dt.datetime.now(dt.UTC)
    watchlist = repo.lock_or_create(snapshot.list_name, now=moment)
    previous = repo.latest_version(watchlist.id)
    tell(progress, "comparing", 0, 1)
    stored = repo.stored_entries(watchlist.id, None if previous is None else previous.label)
    old = ListSnapshot(
        snapshot.list_name,
        None if previous is None else previous.label,
        tuple(item.entry for item in stored if item.entry is not None),
    )
    if not snapshot.entries and old.entries and not allow_empty:
        raise EmptyImportError(
            f"{snapshot.list_name}: the import holds no entries and would remove all "
            f"{len(old)} current entries; nothing stored"
        )
    found = diff(old, snapshot)
    tell(progress, "comparing", 1, 1)
    version = repo.add_version(
        WatchlistVersion(
            watchlist_id=watchlist.id,
            number=1 if previous is None else previous.number + 1,
            label=snapshot.version,
            source_format=source_format,
            files=list(files),
            imported_at=moment,
            read=report.read,
            kept=report.kept,
            skipped=report.skipped,
            added=len(found.added),
            changed=len(found.changed),
            removed=len(found.removed),
            unchanged=found.unchanged,
            warnings=[_issue_to_dict(issue) for issue in report.warnings],
            errors=[_issue_to_dict(issue) for issue in report.errors],
        )
    )
    to_write = {*found.added, *found.changed}
    writes = [entry for entry in snapshot.entries if entry.entry_id in to_write]
    row_ids = {item.entry_id: item.row_id for item in stored}
    before, after = old.by_id(), snapshot.by_id()
    recorded = [
        *(EntryChange(entry_id, "added") for entry_id in found.added),
        *(
            EntryChange(entry_id, "changed", changed_fields(before[entry_id], after[entry_id]))
            for entry_id in found.changed
        ),
        *(EntryChange(entry_id, "removed") for entry_id in found.removed),
    ]
    counter = ProgressCounter(progress, "storing", len(writes) + len(found.removed) + len(recorded))
    repo.upsert_entries(watchlist.id, version, writes, counter)
    repo.mark_removed([row_ids[entry_id] for entry_id in found.removed], version.id, counter)
    repo.add_changes(version.id, recorded, counter)
    uow.session.flush()
    return _summary(snapshot.list_name, version)


def load_entries(session: Session, lists: Sequence[str] | None = None) -> list[ListEntry]:
    """The current entries of the named lists (every list when ``None``).

    Entries come back as the newest version imported them (``list_version`` is that
    version's label), ordered by list name, then by when they were first stored.

    Raises:
        UnknownListError: a named list is not stored.
    """
    repo = WatchlistRepo(session)
    if lists is not None and (unknown := repo.unknown_names(lists)):
        raise UnknownListError(f"no such watchlist: {', '.join(unknown)}")
    return repo.current_entries(lists)


def list_summaries(session: Session) -> list[ListRow]:
    """Every stored list with its newest version and current/removed entry counts."""
    return WatchlistRepo(session).list_rows()


def lists_overview(
    rows: Sequence[ListRow], lost_stolen: Sequence[tuple[str, int]]
) -> dict[str, Any]:
    """The JSON shape of every stored list (``lists show --json`` and ``GET /lists``), from
    :func:`list_summaries` and :func:`lost_stolen_summaries`."""
    return {
        "watchlists": [
            {
                "list": row.name,
                "versions": row.versions,
                "version": row.version,
                "label": row.label,
                "format": row.source_format,
                "imported_at": None if row.imported_at is None else row.imported_at.isoformat(),
                "entries": row.entries,
                "removed": row.removed,
            }
            for row in rows
        ],
        "lost_stolen": [{"list": name, "records": count} for name, count in lost_stolen],
    }


def version_history(session: Session, name: str) -> list[ImportSummary]:
    """Every version of the list ``name``, oldest first.

    Raises:
        UnknownListError: no list has that name.
    """
    repo = WatchlistRepo(session)
    watchlist = repo.get(name)
    if watchlist is None:
        raise UnknownListError(f"no such watchlist: {name}")
    return [_summary(name, version) for version in repo.versions(watchlist.id)]


def changes(session: Session, name: str, version: int | str | None = None) -> VersionChanges:
    """What one version of a list added, changed and removed.

    Args:
        session: any session.
        name: the list.
        version: the version number, or its label (the newest version with that label);
            ``None`` for the newest version. A string of digits is read as a number first.

    Raises:
        UnknownListError: no list has that name.
        UnknownVersionError: the list has no such version.
    """
    repo = WatchlistRepo(session)
    watchlist = repo.get(name)
    if watchlist is None:
        raise UnknownListError(f"no such watchlist: {name}")
    versions = repo.versions(watchlist.id)
    chosen = _pick_version(versions, version)
    if chosen is None:
        what = "no versions" if not versions else f"no version {version}"
        raise UnknownVersionError(f"watchlist {name} has {what}")
    rows = repo.changes(chosen.id, watchlist.id)
    return VersionChanges(_summary(name, chosen), tuple(rows))


def _check_snapshot(snapshot: ListSnapshot, source_format: str) -> None:
    check_length(snapshot.list_name, MAX_NAME, "list name")
    if not snapshot.list_name.strip():
        raise WatchlistError("the list name is empty")
    check_length(snapshot.version or "", MAX_LABEL, "version label")
    check_length(source_format, MAX_FORMAT, "source format")
    for entry in snapshot.entries:
        if entry.list_name != snapshot.list_name:
            raise WatchlistError(
                f"entry {entry.entry_id!r} belongs to {entry.list_name!r}, "
                f"not to {snapshot.list_name!r}"
            )
        check_length(entry.entry_id, MAX_ID, "entry id")
        if "\x00" in entry.entry_id:
            raise WatchlistError(f"entry id {entry.entry_id!r} holds a NUL character")


def _pick_version(
    versions: Sequence[WatchlistVersion], wanted: int | str | None
) -> WatchlistVersion | None:
    if not versions:
        return None
    if wanted is None:
        return versions[-1]
    text = str(wanted)
    if text.isascii() and text.isdigit():
        by_number = {version.number: version for version in versions}
        if int(text) in by_number:
            return by_number[int(text)]
    labelled = [version for version in versions if version.label == text]
    return labelled[-1] if labelled else None


def _issue_to_dict(issue: ImportIssue) -> dict[str, Any]:
    return {
        "file": issue.file,
        "line": issue.line,
        "message": issue.message,
        "entry_id": issue.entry_id,
    }


def _issue_from_dict(data: dict[str, Any]) -> ImportIssue:
    return ImportIssue(data["file"], data.get("line"), data["message"], data.get("entry_id"))


def _summary(name: str, version: WatchlistVersion) -> ImportSummary:
    return ImportSummary(
        list_name=name,
        version=version.number,
        label=version.label,
        source_format=version.source_format,
        files=tuple(version.files),
        imported_at=utc(version.imported_at),
        read=version.read,
        kept=version.kept,
        skipped=version.skipped,
        added=version.added,
        changed=version.changed,
        removed=version.removed,
        unchanged=version.unchanged,
        warnings=tuple(_issue_from_dict(item) for item in version.warnings),
        errors=tuple(_issue_from_dict(item) for item in version.errors),
    )
