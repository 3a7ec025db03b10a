"""Watchlists kept in the database: import a list as a new version, read what is current.

Services own the workflows; the storage details live in
:mod:`borderpost.store.repos.watchlists` and :mod:`borderpost.store.repos.lost_stolen`.
"""

from borderpost.watchlists.errors import (
    EmptyImportError,
    ListContentError,
    ListInputError,
    UnknownListError,
    UnknownVersionError,
    WatchlistError,
)
from borderpost.watchlists.service import (
    ImportSummary,
    LostStolenSummary,
    VersionChanges,
    changes,
    import_lost_stolen,
    import_snapshot,
    list_summaries,
    lists_overview,
    load_entries,
    lost_stolen_records,
    lost_stolen_summaries,
    version_history,
)

__all__ = [
    "EmptyImportError",
    "ImportSummary",
    "ListContentError",
    "ListInputError",
    "LostStolenSummary",
    "UnknownListError",
    "UnknownVersionError",
    "VersionChanges",
    "WatchlistError",
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
