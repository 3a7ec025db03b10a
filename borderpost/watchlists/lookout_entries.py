"""The current watchlist entry a lookout photo or fingerprint is attached to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.store.models import Watchlist, WatchlistEntry
from borderpost.watchlists.errors import UnknownEntryError

__all__ = ["current_entry"]


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
