"""What fits the database columns, checked before writing so both databases refuse alike.

SQLite does not enforce ``VARCHAR`` lengths and PostgreSQL does; checking first gives the
same clear error on both, before anything is written.
"""

from __future__ import annotations

from borderpost.watchlists.errors import WatchlistError

__all__ = [
    "MAX_DOCUMENT_TEXT",
    "MAX_FORMAT",
    "MAX_ID",
    "MAX_LABEL",
    "MAX_NAME",
    "check_length",
]

MAX_NAME = 200
MAX_LABEL = 100
MAX_ID = 200
MAX_FORMAT = 16
#: Lost/stolen record fields and their column sizes.
MAX_DOCUMENT_TEXT = {"number": 100, "document_type": 100, "reference": 200}


def check_length(text: str, limit: int, what: str) -> None:
    """Raise :class:`WatchlistError` when ``text`` is longer than ``limit`` characters."""
    if len(text) > limit:
        raise WatchlistError(f"{what} {text[:40]!r}... is longer than {limit} characters")
