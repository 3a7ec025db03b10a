"""SQLAlchemy models. Every table belongs to ``metadata``, so migrations are checked against it."""

from borderpost.store.models.base import Base, metadata
from borderpost.store.models.documents import DocumentCheck
from borderpost.store.models.lost_stolen import LostStolenDocument
from borderpost.store.models.watchlists import (
    Watchlist,
    WatchlistChange,
    WatchlistEntry,
    WatchlistVersion,
)

__all__ = [
    "Base",
    "DocumentCheck",
    "LostStolenDocument",
    "Watchlist",
    "WatchlistChange",
    "WatchlistEntry",
    "WatchlistVersion",
    "metadata",
]
