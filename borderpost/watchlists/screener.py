"""A screener built from the stored lists, once, and rebuilt when the lists change.

Building the index for OFAC + UN + a large list takes seconds, so a server builds it on first
use and keeps it; an import through the same server calls :meth:`ScreenerCache.invalidate`
so that the next inspection screens against the new version.
"""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from borderpost.config import Settings
from borderpost.screening.engine import Screener, ScreeningConfig
from borderpost.store import Store, UnitOfWork
from borderpost.watchlists.service import load_entries, lost_stolen_records

__all__ = ["ScreenerCache", "build_screener"]


def build_screener(session: Session, settings: Settings) -> Screener:
    """A screener over every stored watchlist and lost/stolen list, with the configured
    thresholds (empty lists give a screener that finds nothing)."""
    config = ScreeningConfig(
        threshold=settings.screening_threshold,
        list_thresholds=settings.screening_list_thresholds,
    )
    return Screener(load_entries(session), lost_stolen=lost_stolen_records(session), config=config)


class ScreenerCache:
    """One :class:`Screener` per process, built on first use (thread-safe)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._settings = settings
        self._lock = threading.Lock()
        self._screener: Screener | None = None
        self._generation = 0

    def get(self) -> Screener:
        """The current screener, building it from the stored lists if needed."""
        screener = self._screener
        if screener is not None:
            return screener
        with self._lock:
            if self._screener is None:
                with UnitOfWork(self._store) as uow:
                    self._screener = build_screener(uow.session, self._settings)
                self._generation += 1
            return self._screener

    def invalidate(self) -> None:
        """Forget the screener: the next :meth:`get` rebuilds it from the stored lists."""
        with self._lock:
            self._screener = None

    @property
    def builds(self) -> int:
        """How many times the screener was built (for tests and operators)."""
        return self._generation
