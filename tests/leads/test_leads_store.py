"""The leads service over a store (SQLite and PostgreSQL): records arrive, leads are raised in
the same transaction, analysts review them append-only, every step audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from borderpost.audit.log import events
from borderpost.config import Settings
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.intel.facts import RecordFacts
from borderpost.leads import (
    all_facts,
    lead_detail,
    lead_queue,
    record_arrived,
    record_facts,
    records_arrived,
    review_lead,
    undo_review,
)
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import IntelLead, IntelLeadReview

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
PHONE = ("phone", "+22997000001")
SEIZURE = RecordFacts(
    "S-12",
    "seizure",
    date(2026, 3, 2),
    "4.1 kg cocaine",
    (PHONE, ("person", "T000001")),
    place="UTO-CAP",
    latitude=7.05,
    longitude=1.2,
)
ARREST = RecordFacts("A-7", "arrest", date(2026, 5, 19), "trafficking", (PHONE,))


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield opened
    opened.dispose()


def _arrive(store: Store, *records: RecordFacts) -> None:
    with UnitOfWork(store) as uow:
        for facts in records:
            record_arrived(uow.session, facts, now=NOW)
        uow.commit()


def test_a_record_arriving_raises_leads_against_earlier_ones(store: Store) -> None:
    _arrive(store, SEIZURE, ARREST)
    with UnitOfWork(store) as uow:
        (lead,) = lead_queue(uow.session)
        assert (lead["record"], lead["other"], lead["status"]) == ("A-7", "S-12", "open")
        assert lead["headline"].startswith("phone +22997000001 in arrest A-7")
        assert record_facts(uow.session, "S-12") == SEIZURE
        assert [f.ref for f in all_facts(uow.session)] == ["S-12", "A-7"]
        actions = [e.action for e in events(uow.session)]
        assert actions.count("intel.record_indexed") == 2


def test_a_record_arriving_again_is_reindexed_without_a_second_lead(store: Store) -> None:
    _arrive(store, SEIZURE, ARREST)
    changed = RecordFacts(
        "A-7", "arrest", date(2026, 5, 19), "trafficking", (PHONE, ("person", "T000001"))
    )
    _arrive(store, changed)
    with UnitOfWork(store) as uow:
        assert uow.session.scalar(select(func.count()).select_from(IntelLead)) == 1
        (lead,) = lead_queue(uow.session)
        assert "2 independent links (2 direct)" in lead["reasons"]
        assert record_facts(uow.session, "A-7") == changed


def test_nothing_is_stored_when_the_transaction_is_not_committed(store: Store) -> None:
    with UnitOfWork(store) as uow:
        record_arrived(uow.session, SEIZURE, now=NOW)
    with UnitOfWork(store) as uow:
        assert all_facts(uow.session) == []


def test_reviews_are_append_only_and_undo_restores_the_earlier_verdict(store: Store) -> None:
    _arrive(store, SEIZURE, ARREST)
    with UnitOfWork(store) as uow:
        lead_id = lead_queue(uow.session)[0]["id"]
        first = review_lead(uow.session, lead_id, verdict="unsure", reason="", actor="ana", now=NOW)
        assert first["status"] == "unsure"
        later = NOW + dt.timedelta(hours=1)
        second = review_lead(
            uow.session, lead_id, verdict="actionable", reason="same line", actor="bob", now=later
        )
        assert second["status"] == "actionable"
        assert lead_queue(uow.session) == []
        assert [lead["id"] for lead in lead_queue(uow.session, status="actionable")] == [lead_id]
        undone = undo_review(uow.session, lead_id, actor="bob", now=later)
        assert (undone["undoes"], undone["status"]) == (second["review"], "unsure")
        undo_review(uow.session, lead_id, actor="ana", now=later)
        assert lead_queue(uow.session)[0]["status"] == "open"
        with pytest.raises(Conflict):
            undo_review(uow.session, lead_id, actor="ana", now=later)
        uow.commit()
    with UnitOfWork(store) as uow:
        verdicts = list(
            uow.session.scalars(select(IntelLeadReview.verdict).order_by(IntelLeadReview.id))
        )
        assert verdicts == ["unsure", "actionable", "undo", "undo"]
        detail = lead_detail(uow.session, lead_id, actor="ana", now=NOW)
        assert [r["actor"] for r in detail["reviews"]] == ["ana", "bob", "bob", "ana"]
        assert detail["other_facts"]["summary"] == "4.1 kg cocaine"
        actions = [e.action for e in events(uow.session)]
        assert actions.count("intel.lead_review") == 2
        assert actions.count("intel.lead_undo") == 2
        assert "intel.lead_read" in actions


def test_bad_reviews_are_refused_with_what_is_wrong(store: Store) -> None:
    _arrive(store, SEIZURE, ARREST)
    with UnitOfWork(store) as uow:
        lead_id = lead_queue(uow.session)[0]["id"]
        with pytest.raises(Invalid, match="reason of at least 5"):
            review_lead(uow.session, lead_id, verdict="dismissed", reason="no", actor="a", now=NOW)
        with pytest.raises(Invalid, match="verdict 'maybe'"):
            review_lead(uow.session, lead_id, verdict="maybe", reason="", actor="a", now=NOW)
        with pytest.raises(NotFound):
            review_lead(uow.session, 999, verdict="unsure", reason="", actor="a", now=NOW)
        with pytest.raises(Invalid, match="status"):
            lead_queue(uow.session, status="closed")


def test_a_batch_raises_each_pair_once_as_if_the_records_arrived_in_turn(store: Store) -> None:
    with UnitOfWork(store) as uow:
        leads = records_arrived(uow.session, [SEIZURE, ARREST], now=NOW)
        uow.commit()
    assert [(lead.record, lead.other) for lead in leads] == [("A-7", "S-12")]
    with UnitOfWork(store) as uow:
        (row,) = uow.session.scalars(select(IntelLead)).all()
        assert (row.record_ref, row.other_ref) == ("A-7", "S-12")
        assert {f.ref for f in all_facts(uow.session)} == {"S-12", "A-7"}
        (event,) = [e for e in events(uow.session) if e.action == "intel.records_indexed"]
        assert event.details["refs"] == ["S-12", "A-7"] and event.details["new"] == 2
