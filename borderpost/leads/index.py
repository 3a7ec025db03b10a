"""The facts index in storage, and leads raised as records arrive.

:func:`record_arrived` is what a record service calls, in its own transaction, when it stores
or changes a record: the record's facts are indexed and the leads it raises against earlier
records are stored with it, so that nothing is indexed without its leads or the other way
round. The caller commits. :func:`records_arrived` does the same for a batch (a ledger
import): one index write, one read of the corpus and one audit event for the lot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.intel.facts import RecordFacts
from borderpost.intel.leads import Lead, LeadWeights, NetworkContext, find_leads
from borderpost.leads.network import network_context
from borderpost.leads.stored import all_facts, load_facts, record_facts
from borderpost.store.models import IntelIdentifier, IntelLead, IntelRecord

__all__ = ["SqlCorpus", "all_facts", "record_arrived", "record_facts", "records_arrived"]

SYSTEM_ACTOR = "system:leads"
CHUNK = 500  # references per IN (...) query


@dataclass
class SqlCorpus:
    """The stored index as a :class:`borderpost.intel.leads.Corpus` (read through once per
    record arrival; answers are cached for that arrival)."""

    session: Session
    _holders: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _records: dict[str, RecordFacts] = field(default_factory=dict)
    _total: int | None = None

    def total(self) -> int:
        if self._total is None:
            self._total = int(
                self.session.scalar(select(func.count()).select_from(IntelRecord)) or 0
            )
        return self._total

    def holders(self, identifier: tuple[str, str]) -> Sequence[str]:
        if identifier not in self._holders:
            query = (
                select(IntelRecord.ref)
                .join(IntelIdentifier, IntelIdentifier.record_id == IntelRecord.id)
                .where(
                    IntelIdentifier.kind == identifier[0], IntelIdentifier.value == identifier[1]
                )
                .order_by(IntelRecord.ref)
            )
            self._holders[identifier] = list(self.session.scalars(query))
        return self._holders[identifier]

    def record(self, ref: str) -> RecordFacts:
        found = self.records([ref])
        if ref not in found:
            raise KeyError(ref)
        return found[ref]

    def records(self, refs: Iterable[str]) -> Mapping[str, RecordFacts]:
        wanted = list(dict.fromkeys(refs))
        missing = [ref for ref in wanted if ref not in self._records]
        for start in range(0, len(missing), CHUNK):
            self._records.update(load_facts(self.session, missing[start : start + CHUNK]))
        return {ref: self._records[ref] for ref in wanted if ref in self._records}


def _index(session: Session, facts: RecordFacts, now: dt.datetime) -> bool:
    """Store ``facts`` (replacing an earlier version); True when the record is new."""
    row = session.scalar(select(IntelRecord).where(IntelRecord.ref == facts.ref))
    new = row is None
    if row is None:
        row = IntelRecord(ref=facts.ref)
        session.add(row)
    else:
        session.execute(delete(IntelIdentifier).where(IntelIdentifier.record_id == row.id))
    row.kind = facts.kind
    row.date = facts.date
    row.summary = facts.summary
    row.place = facts.place
    row.latitude = facts.latitude
    row.longitude = facts.longitude
    row.indexed_at = now
    session.flush()
    for kind, value in dict.fromkeys(facts.identifiers):
        session.add(IntelIdentifier(record_id=row.id, kind=kind, value=value[:256]))
    session.flush()
    return new


def _store_leads(
    session: Session, refs: Sequence[str], leads: Sequence[Lead], now: dt.datetime
) -> list[IntelLead]:
    """Store ``leads`` raised by the records ``refs``: a pair already raised is refreshed
    (score, headline, reasons) and keeps its reviews."""
    existing: dict[frozenset[str], IntelLead] = {}
    wanted = list(dict.fromkeys(refs))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        for held in session.scalars(
            select(IntelLead).where(
                or_(IntelLead.record_ref.in_(chunk), IntelLead.other_ref.in_(chunk))
            )
        ):
            existing[frozenset((held.record_ref, held.other_ref))] = held
    rows: list[IntelLead] = []
    for lead in leads:
        pair = frozenset((lead.record, lead.other))
        row = existing.get(pair)
        if row is None:
            row = IntelLead(
                record_ref=lead.record, other_ref=lead.other, status="open", raised_at=now
            )
            session.add(row)
            existing[pair] = row
        row.score = lead.score
        row.headline = lead.headline
        row.reasons = list(lead.reasons)
        row.links = lead.as_json()["links"]
        rows.append(row)
    session.flush()
    return rows


def records_arrived(
    session: Session,
    records: Sequence[RecordFacts],
    *,
    now: dt.datetime | None = None,
    network: NetworkContext | None = None,
    table: LeadWeights | None = None,
) -> list[Lead]:
    """Index a batch of records and store the leads they raise, as if each arrived in turn
    after those before it: a pair within the batch is raised once, by the later record.
    Identifier specificity counts the whole batch. One audit event names the batch.
    Without ``network``, leads are scored with the stored network's snapshot (as
    :func:`record_arrived`), taken once the batch is indexed.
    """
    now = now or dt.datetime.now(dt.UTC)
    if not records:
        return []
    new = sum(_index(session, facts, now) for facts in records)
    network = network if network is not None else network_context(session)
    corpus = SqlCorpus(session)
    place = {facts.ref: number for number, facts in enumerate(records)}
    leads: list[Lead] = []
    for number, facts in enumerate(records):
        found = find_leads(facts, corpus, network=network, table=table)
        leads += [lead for lead in found if place.get(lead.other, -1) < number]
    rows = _store_leads(session, [facts.ref for facts in records], leads, now)
    append(
        session,
        actor=SYSTEM_ACTOR,
        action="intel.records_indexed",
        subject_type="intel_record",
        subject_id=f"{len(records)} records",
        details={
            "refs": [facts.ref for facts in records],
            "new": new,
            "leads": [row.id for row in rows],
        },
        at=now,
    )
    return leads


def record_arrived(
    session: Session,
    facts: RecordFacts,
    *,
    now: dt.datetime | None = None,
    network: NetworkContext | None = None,
    table: LeadWeights | None = None,
) -> list[Lead]:
    """Index ``facts`` and store the leads it raises against earlier records; return them.

    A record that arrives again (changed) is re-indexed; a lead already raised for a pair is
    refreshed (score, headline, reasons) and keeps its reviews. Audited as the system's act.
    Without ``network``, leads are scored with the stored network's snapshot
    (:func:`borderpost.leads.network.network_context`: community and key-player bonuses).
    """
    now = now or dt.datetime.now(dt.UTC)
    new = _index(session, facts, now)
    network = network if network is not None else network_context(session)
    leads = find_leads(facts, SqlCorpus(session), network=network, table=table)
    stored = [row.id for row in _store_leads(session, [facts.ref], leads, now)]
    append(
        session,
        actor=SYSTEM_ACTOR,
        action="intel.record_indexed",
        subject_type="intel_record",
        subject_id=facts.ref,
        details={"kind": facts.kind, "new": new, "leads": stored},
        at=now,
    )
    return leads
