"""Watchlists kept with their history: every imported version, every entry ever listed.

Nothing is deleted. An entry that leaves the list keeps its row with ``removed_in_version_id``
set; each version records what it added, changed and removed in ``watchlist_changes``.
An entry's ``data`` is :func:`borderpost.screening.serialize.entry_to_dict` without
``list_name`` (the watchlist's name) and ``list_version`` (the version it is read at).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base


class Watchlist(Base):
    """A named list (``OFAC SDN``, a national lookout list, ...)."""

    __tablename__ = "watchlists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class WatchlistVersion(Base):
    """One import of a list: where it came from, what the importer said, what it changed.

    ``number`` counts the imports of the list from 1; ``label`` is the source's own version
    (a publication date, ``dateGenerated``), absent when the source has none.
    """

    __tablename__ = "watchlist_versions"
    __table_args__ = (
        UniqueConstraint("watchlist_id", "number", name="uq_watchlist_versions_watchlist_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"))
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(100))
    source_format: Mapped[str] = mapped_column(String(16))
    files: Mapped[list[str]] = mapped_column(JSON)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    read: Mapped[int] = mapped_column(Integer)
    kept: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class WatchlistEntry(Base):
    """An entry as last imported, and the versions that first listed, changed and removed it."""

    __tablename__ = "watchlist_entries"
    __table_args__ = (
        UniqueConstraint("watchlist_id", "entry_id", name="uq_watchlist_entries_watchlist_entry"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"))
    entry_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_version_id: Mapped[int] = mapped_column(ForeignKey("watchlist_versions.id"))
    last_changed_version_id: Mapped[int] = mapped_column(ForeignKey("watchlist_versions.id"))
    removed_in_version_id: Mapped[int | None] = mapped_column(ForeignKey("watchlist_versions.id"))


class WatchlistChange(Base):
    """One entry added, changed or removed by a version; ``fields`` names what changed."""

    __tablename__ = "watchlist_changes"
    __table_args__ = (CheckConstraint("change IN ('added', 'changed', 'removed')", name="change"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("watchlist_versions.id"), index=True)
    entry_id: Mapped[str] = mapped_column(String(200))
    change: Mapped[str] = mapped_column(String(8))
    fields: Mapped[list[str]] = mapped_column(JSON)
