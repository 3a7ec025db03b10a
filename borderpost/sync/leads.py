"""HQ raises leads for the records posts push, as a post does for the records it stores.

A post calls the leads service (:func:`borderpost.leads.records_arrived`) when an officer
stores a seizure, an arrest, a cash declaration or a vehicle crossing; the leads index
(``intel_*``) is not synchronised, since each node derives it from its own records. So when
HQ applies a batch, every such record the batch created or changed, directly or through one
of its parts (a seizure's items, a declaration's parties, a crossing's occupants, a case
link), goes through the same service in the batch's transaction: its facts are indexed at HQ
and the leads they raise against every post's records are stored.

Idempotent: the service re-indexes a record that arrives again and refreshes (never repeats)
a lead already raised for a pair, and a batch sent twice is skipped by sequence number before
it gets here. So a record synced twice raises its leads once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from sqlalchemy.orm import Session

from borderpost.casework.facts import facts_of as case_facts
from borderpost.cash.facts import facts_of as cash_facts
from borderpost.cash.stored import domain
from borderpost.intel.facts import RecordFacts
from borderpost.leads import records_arrived
from borderpost.store.models import CaseArrest, CaseSeizure, CashDeclaration
from borderpost.vehicles.facts import facts_of as crossing_facts

__all__ = ["PARTS", "SUBJECTS", "raise_leads", "subjects_of"]


class Applied(Protocol):
    """What this module reads of an applied event."""

    @property
    def table(self) -> str: ...

    @property
    def op(self) -> str: ...

    @property
    def local_id(self) -> int: ...

    @property
    def row(self) -> Mapping[str, Any]: ...


def _seizure(session: Session, hq_id: int) -> RecordFacts | None:
    row = session.get(CaseSeizure, hq_id, populate_existing=True)
    return None if row is None else case_facts(row)


def _arrest(session: Session, hq_id: int) -> RecordFacts | None:
    row = session.get(CaseArrest, hq_id, populate_existing=True)
    return None if row is None else case_facts(row)


def _declaration(session: Session, hq_id: int) -> RecordFacts | None:
    row = session.get(CashDeclaration, hq_id, populate_existing=True)
    return None if row is None else cash_facts(domain(session, row))


def _crossing(session: Session, hq_id: int) -> RecordFacts | None:
    try:
        return crossing_facts(session, hq_id)
    except KeyError:  # deleted later in the same batch
        return None


#: Record tables that raise leads, with how HQ reads a stored row's facts.
SUBJECTS: Mapping[str, Callable[[Session, int], RecordFacts | None]] = {
    "case_seizures": _seizure,
    "case_arrests": _arrest,
    "cash_declarations": _declaration,
    "vehicle_crossings": _crossing,
}
#: Tables whose rows are parts of a subject: (the subject's table, the column pointing at it).
PARTS: Mapping[str, tuple[str, str]] = {
    "case_seizure_items": ("case_seizures", "seizure_id"),
    "cash_lines": ("cash_declarations", "declaration_id"),
    "cash_parties": ("cash_declarations", "declaration_id"),
    "cash_offences": ("cash_declarations", "declaration_id"),
    "vehicle_occupants": ("vehicle_crossings", "crossing_id"),
}
#: Case links name a seizure or an arrest at either end (kind column, id column).
_LINK_ENDS = (("left_kind", "left_id"), ("right_kind", "right_id"))
_LINKED = {"seizure": "case_seizures", "arrest": "case_arrests"}


def subjects_of(
    events: Iterable[Applied], hq_id: Mapping[tuple[str, int], int]
) -> dict[str, set[int]]:
    """The HQ ids of the subjects (by table) that ``events`` created or changed.

    Args:
        events: the applied events (upserts count; a delete changes no stored facts here).
        hq_id: the post's ``(table, local id)`` → HQ id, after the batch was applied.
    """
    found: defaultdict[str, set[int]] = defaultdict(set)

    def add(table: str, local: object) -> None:
        if isinstance(local, int) and (mapped := hq_id.get((table, local))) is not None:
            found[table].add(mapped)

    for item in events:
        if item.op != "upsert":
            continue
        if item.table in SUBJECTS:
            add(item.table, item.local_id)
        elif item.table in PARTS:
            table, column = PARTS[item.table]
            add(table, item.row.get(column))
        elif item.table == "case_links":
            for kind, column in _LINK_ENDS:
                linked = _LINKED.get(str(item.row.get(kind)))
                if linked is not None:
                    add(linked, item.row.get(column))
    return dict(found)


def raise_leads(session: Session, subjects: Mapping[str, Iterable[int]], now: dt.datetime) -> int:
    """Index the facts of ``subjects`` (HQ ids by table) and store the leads they raise, in
    date order as if they arrived in turn; how many records were indexed."""
    arrived: list[RecordFacts] = []
    for table, ids in subjects.items():
        read = SUBJECTS[table]
        for hq_id in sorted(ids):
            facts = read(session, hq_id)
            if facts is not None:
                arrived.append(facts)
    arrived.sort(key=lambda facts: (facts.date, facts.ref))
    records_arrived(session, arrived, now=now)
    return len(arrived)
