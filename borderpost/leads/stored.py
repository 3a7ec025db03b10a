"""The stored facts index, read: a record's facts and every record's facts.

Written by :mod:`borderpost.leads.index` as records arrive; read by the corpus leads are
raised against and by the network the leads are scored with (:mod:`borderpost.leads.network`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.intel.facts import RecordFacts
from borderpost.store.models import IntelIdentifier, IntelRecord

__all__ = ["all_facts", "load_facts", "record_facts"]


def _facts(row: IntelRecord, identifiers: Iterable[tuple[str, str]]) -> RecordFacts:
    return RecordFacts(
        ref=row.ref,
        kind=row.kind,
        date=row.date,
        summary=row.summary,
        identifiers=tuple(identifiers),
        place=row.place,
        latitude=row.latitude,
        longitude=row.longitude,
    )


def load_facts(session: Session, refs: Sequence[str]) -> dict[str, RecordFacts]:
    """The stored facts of ``refs`` (those that exist), in two queries."""
    rows = list(session.scalars(select(IntelRecord).where(IntelRecord.ref.in_(refs))))
    named: dict[int, list[tuple[str, str]]] = {row.id: [] for row in rows}
    if rows:
        query = (
            select(IntelIdentifier.record_id, IntelIdentifier.kind, IntelIdentifier.value)
            .where(IntelIdentifier.record_id.in_(list(named)))
            .order_by(IntelIdentifier.id)
        )
        for record_id, kind, value in session.execute(query):
            named[record_id].append((kind, value))
    return {row.ref: _facts(row, named[row.id]) for row in rows}


def record_facts(session: Session, ref: str) -> RecordFacts | None:
    """The stored facts of record ``ref``, or None."""
    return load_facts(session, [ref]).get(ref)


def all_facts(session: Session, *, kinds: Sequence[str] = ()) -> list[RecordFacts]:
    """Every stored record's facts (of ``kinds`` when given), in date order."""
    query = select(IntelRecord).order_by(IntelRecord.date, IntelRecord.ref)
    if kinds:
        query = query.where(IntelRecord.kind.in_(kinds))
    rows = list(session.scalars(query))
    named: dict[int, list[tuple[str, str]]] = {row.id: [] for row in rows}
    for record_id, kind, value in session.execute(
        select(IntelIdentifier.record_id, IntelIdentifier.kind, IntelIdentifier.value).order_by(
            IntelIdentifier.id
        )
    ):
        if record_id in named:
            named[record_id].append((kind, value))
    return [_facts(row, named[row.id]) for row in rows]
