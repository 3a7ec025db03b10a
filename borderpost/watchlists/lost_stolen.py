"""Lost/stolen document lists: replaced whole, in the caller's unit of work (no history)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from borderpost.screening.lost_stolen import LostStolenRecord
from borderpost.store import UnitOfWork
from borderpost.store.repos.lost_stolen import LostStolenRepo
from borderpost.watchlists.errors import EmptyImportError
from borderpost.watchlists.limits import MAX_DOCUMENT_TEXT, MAX_NAME, check_length
from borderpost.watchlists.progress import Progress, ProgressCounter

__all__ = [
    "LostStolenSummary",
    "import_lost_stolen",
    "lost_stolen_records",
    "lost_stolen_summaries",
]


@dataclass(frozen=True, slots=True)
class LostStolenSummary:
    """What replacing a lost/stolen list did. ``duplicates`` were earlier rows overridden."""

    list_name: str
    received: int
    stored: int
    duplicates: int
    previous: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dictionary."""
        return {
            "list": self.list_name,
            "received": self.received,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "previous": self.previous,
        }


def import_lost_stolen(
    uow: UnitOfWork,
    list_name: str,
    records: Sequence[LostStolenRecord],
    *,
    progress: Progress | None = None,
    allow_empty: bool = False,
) -> LostStolenSummary:
    """Replace the records of a lost/stolen list, in the caller's unit of work.

    A document (country and normalised number) reported twice is stored once: the later
    row wins, as a newer report of the same document.

    Raises:
        EmptyImportError: ``records`` is empty, the list is not, and ``allow_empty`` is false.
        WatchlistError: the list name or a record's text is too long to store.
    """
    check_length(list_name, MAX_NAME, "list name")
    for record in records:
        for field, limit in MAX_DOCUMENT_TEXT.items():
            check_length(getattr(record, field) or "", limit, f"{record.number!r}: {field}")
    repo = LostStolenRepo(uow.session)
    previous = repo.count(list_name)
    if not records and previous and not allow_empty:
        raise EmptyImportError(
            f"{list_name}: the import holds no records and would remove all {previous}; "
            "nothing stored"
        )
    unique = {(record.country, record.normalized_number): record for record in records}
    kept = list(unique.values())
    repo.replace(list_name, kept, ProgressCounter(progress, "storing", len(kept)))
    uow.session.flush()
    return LostStolenSummary(list_name, len(records), len(kept), len(records) - len(kept), previous)


def lost_stolen_records(
    session: Session, lists: Sequence[str] | None = None
) -> list[LostStolenRecord]:
    """Records of the named lost/stolen lists (every list when ``None``), in stored order."""
    return LostStolenRepo(session).records(lists)


def lost_stolen_summaries(session: Session) -> list[tuple[str, int]]:
    """(list name, record count) of every lost/stolen list, by name."""
    return LostStolenRepo(session).list_counts()
