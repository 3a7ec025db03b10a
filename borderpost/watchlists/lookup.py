"""Look a document number up in the lost/stolen lists held in memory, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.screening.lost_stolen import LostStolenIndex
from borderpost.watchlists.errors import ListInputError

__all__ = ["lookup_document"]


def lookup_document(
    session: Session,
    index: LostStolenIndex,
    *,
    number: str,
    country: str | None,
    actor: str,
    now: dt.datetime,
) -> list[dict[str, Any]]:
    """Reports matching ``number`` (OCR-tolerant; exact matches first), optionally of one
    issuing ``country``. Audited as ``lost_stolen.lookup`` in the caller's transaction.

    Raises:
        ListInputError: the number is empty or longer than a document number can be.
    """
    if not number.strip() or len(number) > 64:
        raise ListInputError("give a document number of 1 to 64 characters")
    if country is not None and len(country) > 64:
        raise ListInputError("the country is longer than 64 characters")
    hits = index.lookup(number, country)
    audit.append(
        session,
        actor=actor,
        action="lost_stolen.lookup",
        subject_type="document",
        subject_id=number.strip()[:128],
        details={"country": country, "hits": len(hits)},
        at=now,
    )
    return [
        {
            "list": "lost/stolen",
            "country": hit.record.country,
            "number": hit.record.number,
            "document_type": hit.record.document_type,
            "status": hit.record.status,
            "exact": hit.exact,
            "reason": hit.reason,
        }
        for hit in hits
    ]
