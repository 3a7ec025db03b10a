"""Travellers and the documents they were seen with (within the caller's unit of work)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.names.normalize import normalize
from borderpost.store.models import DocumentSeen, Traveller

__all__ = ["TravellerRepo", "name_key"]


def name_key(surname: str, given_names: str = "") -> str:
    """A lookup key for a person's name: normalised, words sorted, so order does not matter.

    >>> name_key("Eriksson", "Anna María")
    'ANNA ERIKSSON MARIA'
    """
    return " ".join(sorted(normalize(f"{given_names} {surname}").split()))


class TravellerRepo:
    """Add travellers and documents; find earlier records by name key or document."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        surname: str,
        given_names: str = "",
        birth_date: dt.date | None = None,
        nationality: str | None = None,
        gender: str | None = None,
        created_at: dt.datetime,
    ) -> Traveller:
        """Record a traveller (flushed, not committed)."""
        row = Traveller(
            surname=surname,
            given_names=given_names,
            birth_date=birth_date,
            nationality=nationality,
            gender=gender,
            name_key=name_key(surname, given_names),
            created_at=created_at,
        )
        self._session.add(row)
        self._session.flush()
        return row

    def by_name_key(self, key: str, birth_date: dt.date | None = None) -> list[Traveller]:
        """Travellers with this name key (and birth date, when given), oldest first."""
        query = select(Traveller).where(Traveller.name_key == key)
        if birth_date is not None:
            query = query.where(Traveller.birth_date == birth_date)
        return list(self._session.scalars(query.order_by(Traveller.id)))

    def by_birth_date(self, birth_date: dt.date, *, limit: int = 1000) -> list[Traveller]:
        """Travellers born on ``birth_date`` (candidates for a spelling-tolerant name match)."""
        query = select(Traveller).where(Traveller.birth_date == birth_date)
        return list(self._session.scalars(query.order_by(Traveller.id).limit(limit)))

    def get(self, traveller_id: int) -> Traveller | None:
        return self._session.get(Traveller, traveller_id)

    def add_document(self, document: DocumentSeen) -> DocumentSeen:
        """Record a document seen (flushed, not committed)."""
        self._session.add(document)
        self._session.flush()
        return document

    def documents(self, issuing_state: str, number: str) -> list[DocumentSeen]:
        """Every sighting of the document ``number`` issued by ``issuing_state``."""
        query = (
            select(DocumentSeen)
            .where(DocumentSeen.issuing_state == issuing_state, DocumentSeen.number == number)
            .order_by(DocumentSeen.id)
        )
        return list(self._session.scalars(query))
