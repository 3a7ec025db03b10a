"""What lookout photos and fingerprints share: the entry they are attached to, listing an
entry's attachments (audited) and taking one out of the search (audited, with a reason).

An attachment is a row with ``id``, ``entry_row_id``, ``removed_by`` and ``removed_at``
(:class:`~borderpost.store.models.LookoutPhoto`,
:class:`~borderpost.store.models.LookoutFingerprint`); ``kind`` names it in the audit trail
(``lookout_photo``, ``lookout_fingerprint``) and in messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.store.models import LookoutFingerprint, LookoutPhoto, Watchlist, WatchlistEntry
from borderpost.watchlists.errors import (
    BiometricInputError,
    UnknownEntryError,
    WatchlistError,
)

__all__ = [
    "AttachmentView",
    "attached",
    "attachment_fields",
    "current_entry",
    "list_attached",
    "mark_removed",
]

Attached = TypeVar("Attached", LookoutPhoto, LookoutFingerprint)


@dataclass(frozen=True, slots=True)
class AttachmentView:
    """What every attachment shows: its entry, who attached it and when, and whether (and by
    whom) it was taken out of the search. Never the image's template."""

    id: int
    list_name: str
    entry_id: str
    name: str
    sha256: str
    note: str | None
    added_by: str
    added_at: dt.datetime
    removed_by: str | None
    removed_at: dt.datetime | None

    def common_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "list": self.list_name,
            "entry_id": self.entry_id,
            "name": self.name,
            "sha256": self.sha256,
            "note": self.note,
            "added_by": self.added_by,
            "added_at": self.added_at.isoformat(),
            "removed_by": self.removed_by,
            "removed_at": None if self.removed_at is None else self.removed_at.isoformat(),
        }


def attachment_fields(
    row: LookoutPhoto | LookoutFingerprint, list_name: str, entry: WatchlistEntry
) -> dict[str, Any]:
    """The :class:`AttachmentView` fields of ``row`` attached to ``entry`` of ``list_name``."""
    return {
        "id": row.id,
        "list_name": list_name,
        "entry_id": entry.entry_id,
        "name": entry.name,
        "sha256": row.sha256,
        "note": row.note,
        "added_by": row.added_by,
        "added_at": row.added_at,
        "removed_by": row.removed_by,
        "removed_at": row.removed_at,
    }


def current_entry(session: Session, list_name: str, entry_id: str) -> WatchlistEntry:
    """The entry ``entry_id`` of list ``list_name`` still in force.

    Raises:
        UnknownEntryError: the list holds no current entry ``entry_id``.
    """
    entry = session.scalars(
        select(WatchlistEntry)
        .join(Watchlist, Watchlist.id == WatchlistEntry.watchlist_id)
        .where(
            Watchlist.name == list_name,
            WatchlistEntry.entry_id == entry_id,
            WatchlistEntry.removed_in_version_id.is_(None),
        )
    ).one_or_none()
    if entry is None:
        raise UnknownEntryError(f"list {list_name!r} holds no current entry {entry_id!r}")
    return entry


def attached(
    session: Session, model: type[Attached], row_id: int, missing: WatchlistError
) -> tuple[Attached, str, WatchlistEntry]:
    """The attachment ``row_id``, its list's name and its entry; ``missing`` raised if none."""
    found = session.execute(
        select(model, Watchlist.name, WatchlistEntry)
        .join(WatchlistEntry, WatchlistEntry.id == model.entry_row_id)
        .join(Watchlist, Watchlist.id == WatchlistEntry.watchlist_id)
        .where(model.id == row_id)
    ).one_or_none()
    if found is None:
        raise missing
    return found[0], found[1], found[2]


def list_attached(
    session: Session,
    model: type[Attached],
    list_name: str,
    entry_id: str,
    *,
    kind: str,
    actor: str,
    now: dt.datetime,
) -> tuple[WatchlistEntry, Sequence[Attached]]:
    """The entry and its attachments (removed ones too), oldest first; audited as
    ``{kind}.list``.

    Raises:
        UnknownEntryError: the list holds no current entry ``entry_id``.
    """
    entry = current_entry(session, list_name, entry_id)
    rows = session.scalars(
        select(model).where(model.entry_row_id == entry.id).order_by(model.id)
    ).all()
    audit.append(
        session,
        actor=actor,
        action=f"{kind}.list",
        subject_type="watchlist_entry",
        subject_id=f"{list_name}:{entry_id}"[:200],
        details={f"{kind.split('_')[-1]}s": [row.id for row in rows]},
        at=now,
    )
    return entry, rows


def mark_removed(
    session: Session,
    row: Attached,
    list_name: str,
    entry: WatchlistEntry,
    *,
    kind: str,
    error: type[BiometricInputError],
    reason: str,
    actor: str,
    now: dt.datetime,
) -> None:
    """Take ``row`` out of the 1:N search (it stays, marked removed); audited as
    ``{kind}.remove``.

    Raises:
        error: already removed, or no reason (10 to 2000 characters).
    """
    what = kind.replace("_", " ")
    why = reason.strip()
    if len(why) < 10 or len(why) > 2000:
        raise error("reason", f"say why the {what.split()[-1]} is removed (10 to 2000 characters)")
    if row.removed_at is not None:
        raise error("already_removed", f"{what} {row.id} is already removed")
    row.removed_by, row.removed_at = actor, now
    session.flush()
    audit.append(
        session,
        actor=actor,
        action=f"{kind}.remove",
        subject_type=kind,
        subject_id=row.id,
        details={"list": list_name, "entry_id": entry.entry_id, "reason": why},
        at=now,
    )
