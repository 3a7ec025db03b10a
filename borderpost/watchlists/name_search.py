"""Search the lists for a name (an analyst's question, not an inspection), audited.

The same screener and scoring as a primary inspection, with a lower threshold so that the
analyst sees near misses too; nothing is stored but the audit event.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.screening.engine import Hit, Screener
from borderpost.screening.query import Query, QueryError
from borderpost.watchlists.lookouts import EntryInputError

__all__ = ["SEARCH_THRESHOLD", "search_name"]

#: Candidates at or above this score are shown (inspections use the configured threshold).
SEARCH_THRESHOLD = 0.70


def search_name(
    session: Session,
    screener: Screener,
    *,
    name: str,
    dob: str | None,
    nationality: str | None,
    actor: str,
    now: dt.datetime,
    limit: int = 20,
) -> list[Hit]:
    """List entries that may be ``name`` (best first); audited as ``screening.search``.

    Raises:
        EntryInputError: the name is empty or too long, or the date or country unreadable.
    """
    text = " ".join(name.split())
    if not text or len(text) > 200:
        raise EntryInputError("name", "give a name to search for (1 to 200 characters)")
    try:
        query = Query.parse(text, dob=dob or None, nationality=nationality or None)
    except QueryError as exc:
        field = "dob" if "birth" in str(exc) else "nationality" if "countr" in str(exc) else "name"
        raise EntryInputError(field, str(exc)) from None
    hits = screener.screen(query, threshold=SEARCH_THRESHOLD, limit=limit).hits
    audit.append(
        session,
        actor=actor,
        action="screening.search",
        subject_type="query",
        details={"name": text, "dob": dob or None, "nationality": nationality, "hits": len(hits)},
        at=now,
    )
    return list(hits)
