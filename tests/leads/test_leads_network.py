"""Stored leads carry the network's community and key-player bonuses, each with its reason,
from a ranked snapshot of the stored index that is built again only when the index has grown
(SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from borderpost.config import Settings
from borderpost.intel.facts import RecordFacts
from borderpost.intel.leads import FactsIndex, NetworkContext, find_leads
from borderpost.leads import network as network_module
from borderpost.leads import network_context, record_arrived, records_arrived, refresh_network
from borderpost.leads.network import Snapshot
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import IntelLead

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
BOSS = ("person", "KOFI MENSAH|1970-01-01")
PHONE = ("phone", "+22997000001")
RING = [
    RecordFacts(f"S-{n}", "seizure", date(2026, 3, n), f"{n} kg cocaine", (BOSS, ident))
    for n, ident in enumerate(
        [("phone", "+22997000011"), ("phone", "+22997000012"), ("document", "X1")], start=1
    )
]
COURIER = RecordFacts(
    "S-9", "seizure", date(2026, 4, 1), "2 kg cocaine", (PHONE, ("person", "A B|1990-01-01"))
)
ARREST = RecordFacts(
    "A-1", "arrest", date(2026, 5, 1), "trafficking", (BOSS, PHONE, ("document", "X1"))
)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield opened
    opened.dispose()


def test_stored_leads_get_the_network_bonus_with_reasons(store: Store) -> None:
    with UnitOfWork(store) as uow:
        records_arrived(uow.session, [*RING, COURIER], now=NOW)
        leads = {lead.other: lead for lead in record_arrived(uow.session, ARREST, now=NOW)}
        uow.commit()
    # the arrest names the boss, who organised three seizures: a key player, its subject
    reasons = leads["S-3"].reasons
    assert any(
        r.startswith(f"network: person:{BOSS[1]}") and "key player #" in r for r in reasons
    ), reasons
    assert any(r.startswith("network: both records in community") for r in reasons), reasons
    assert all(r.endswith("; network of 5 records)") for r in reasons if r.startswith("network"))
    plain = {lead.other: lead for lead in find_leads(ARREST, FactsIndex.of([*RING, COURIER]))}
    assert leads["S-3"].score > plain["S-3"].score  # the bonus, on the same links
    with UnitOfWork(store) as uow:
        stored = uow.session.scalars(
            select(IntelLead).where(IntelLead.record_ref == "A-1", IntelLead.other_ref == "S-3")
        ).one()
        assert stored.score == leads["S-3"].score
        assert any(r.startswith("network: ") for r in stored.reasons)


def test_the_snapshot_is_built_again_only_when_the_index_grew(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_module, "SMALL", 0)
    monkeypatch.setattr(network_module, "REFRESH_GROWTH", 0.5)
    with UnitOfWork(store) as uow:
        assert network_context(uow.session) is None  # nothing indexed, no network
        records_arrived(uow.session, RING[:2], now=NOW)
        first = network_context(uow.session)
        assert first is not None and first.snapshot == "network of 2 records"
        record_arrived(uow.session, RING[2], now=NOW)  # 3 <= 2 x 1.5: the snapshot stands
        assert network_context(uow.session) is first
        record_arrived(uow.session, COURIER, now=NOW)  # 4 > 3: ranked again
        again = network_context(uow.session)
        assert again is not first and again is not None
        assert again.snapshot == "network of 4 records"
        assert refresh_network(uow.session).context.snapshot == "network of 4 records"
        uow.commit()


def test_staleness_rules() -> None:
    held = Snapshot(records=100, last_id=120, context=NetworkContext({}, {}))
    assert not held.stale(100, 120)
    assert not held.stale(110, 130)  # within the growth allowed
    assert held.stale(111, 131)  # more than 10% more records
    assert held.stale(99, 120)  # records removed
    assert held.stale(100, 5)  # another database under the same engine (reset)
    small = Snapshot(records=3, last_id=3, context=NetworkContext({}, {}))
    assert small.stale(4, 4) and not small.stale(3, 3)
