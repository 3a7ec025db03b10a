"""Recorded travel-document checks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.documents.result import MrzResult
from borderpost.store.models import DocumentCheck


class DocumentCheckRepo:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, result: MrzResult, *, checked_at: dt.datetime | None = None) -> DocumentCheck:
        """Record what was read and found (flushed, not committed)."""
        row = DocumentCheck(
            checked_at=checked_at or dt.datetime.now(dt.UTC),
            mrz=result.mrz,
            layout=result.type,
            document_code=result.document_code,
            issuing_state=result.issuing_state,
            document_number=(result.document_number or None),
            nationality=result.nationality,
            surname=result.surname,
            given_names=result.given_names,
            birth_date=result.birth_date,
            expiry_date=result.expiry_date,
            valid=result.valid,
            findings=[f.to_dict() for f in result.findings],
        )
        self._session.add(row)
        self._session.flush()
        return row

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(DocumentCheck)) or 0)

    def by_document_number(self, number: str) -> list[DocumentCheck]:
        query = (
            select(DocumentCheck)
            .where(DocumentCheck.document_number == number)
            .order_by(DocumentCheck.checked_at)
        )
        return list(self._session.scalars(query))
