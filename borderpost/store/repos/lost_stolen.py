"""Lost, stolen and revoked documents, list by list (within the caller's unit of work)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast, get_args

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from borderpost.screening.lost_stolen import DocumentStatus, LostStolenRecord
from borderpost.store.models import LostStolenDocument
from borderpost.store.repos.watchlists import BATCH_SIZE

__all__ = ["LostStolenRepo"]

_TABLE: Table = LostStolenDocument.__table__  # type: ignore[assignment]
_STATUSES: frozenset[str] = frozenset(get_args(DocumentStatus))


class LostStolenRepo:
    """Replace and read lost/stolen lists in one session; never commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self, list_name: str) -> int:
        """How many records the list holds."""
        query = select(func.count()).where(LostStolenDocument.list_name == list_name)
        return int(self._session.scalar(query) or 0)

    def replace(
        self,
        list_name: str,
        records: Sequence[LostStolenRecord],
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """Delete the list's records and insert ``records`` (unique by country and number)."""
        self._session.execute(delete(_TABLE).where(_TABLE.c.list_name == list_name))
        for start in range(0, len(records), BATCH_SIZE):
            batch = records[start : start + BATCH_SIZE]
            rows = [
                {
                    "list_name": list_name,
                    "country": record.country,
                    "number": record.number,
                    "normalized_number": record.normalized_number,
                    "document_type": record.document_type,
                    "status": record.status,
                    "reported_on": record.reported_on,
                    "reference": record.reference,
                }
                for record in batch
            ]
            self._session.execute(insert(_TABLE), rows)
            if on_batch is not None:
                on_batch(len(rows))

    def records(self, lists: Sequence[str] | None = None) -> list[LostStolenRecord]:
        """Records of the named lists (every list when ``None``), by list then insertion."""
        query = select(
            LostStolenDocument.country,
            LostStolenDocument.number,
            LostStolenDocument.document_type,
            LostStolenDocument.status,
            LostStolenDocument.reported_on,
            LostStolenDocument.reference,
        ).order_by(LostStolenDocument.list_name, LostStolenDocument.id)
        if lists is not None:
            query = query.where(LostStolenDocument.list_name.in_(list(lists)))
        return [
            LostStolenRecord(
                country=country,
                number=number,
                document_type=document_type,
                status=_status(status),
                reported_on=reported_on,
                reference=reference,
            )
            for country, number, document_type, status, reported_on, reference in (
                self._session.execute(query)
            )
        ]

    def list_counts(self) -> list[tuple[str, int]]:
        """(list name, record count) for every lost/stolen list, by name."""
        query = (
            select(LostStolenDocument.list_name, func.count())
            .group_by(LostStolenDocument.list_name)
            .order_by(LostStolenDocument.list_name)
        )
        return [(name, int(count)) for name, count in self._session.execute(query)]


def _status(value: str) -> DocumentStatus:
    if value not in _STATUSES:
        raise ValueError(f"stored lost/stolen status {value!r} is not one of {sorted(_STATUSES)}")
    return cast(DocumentStatus, value)
