"""Load a generated world's lists into the database through the watchlist services.

watchlist.csv becomes the next version of ``sim-watchlist`` and lost_stolen.csv replaces
``sim-sltd``, in one unit of work the caller commits. The other files (travellers, crossings,
manifests, seizures, ...) have no tables yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from borderpost.store import UnitOfWork
from borderpost.watchlists import ImportSummary, LostStolenSummary, import_lost_stolen
from borderpost.watchlists import import_snapshot as store_snapshot
from borderpost.watchlists.files import read_lost_stolen, read_watchlist
from borderpost.watchlists.progress import Progress

__all__ = ["LOST_STOLEN_LIST", "NOT_LOADED", "WATCHLIST", "Loaded", "load_lists"]

WATCHLIST = "sim-watchlist"
LOST_STOLEN_LIST = "sim-sltd"
#: Files of a world that have no tables yet.
NOT_LOADED = (
    "travellers.jsonl",
    "documents.jsonl",
    "crossings.jsonl",
    "manifests.jsonl",
    "declarations.jsonl",
    "seizures.jsonl",
    "arrests.jsonl",
    "officers.jsonl",
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading a world's lists stored."""

    watchlist: ImportSummary
    lost_stolen: LostStolenSummary


def load_lists(
    uow: UnitOfWork, folder: Path, *, label: str | None = None, progress: Progress | None = None
) -> Loaded:
    """Import ``folder``'s watchlist.csv and lost_stolen.csv in ``uow`` (the caller commits).

    Raises:
        ListInputError, ListContentError: a file is missing or not in its format.
        WatchlistError: the database refused the import.
    """
    parsed = read_watchlist("csv", [folder / "watchlist.csv"], list_name=WATCHLIST, version=label)
    watchlist = store_snapshot(
        uow,
        parsed.snapshot,
        parsed.report,
        source_format="csv",
        files=parsed.report.files,
        progress=progress,
        allow_empty=True,
    )
    stolen = read_lost_stolen([folder / "lost_stolen.csv"])
    lost_stolen = import_lost_stolen(
        uow, LOST_STOLEN_LIST, stolen.records, progress=progress, allow_empty=True
    )
    return Loaded(watchlist, lost_stolen)
