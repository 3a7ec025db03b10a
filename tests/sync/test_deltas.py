"""Pull: list changes at HQ reach posts as deltas, the post screens with them, and a post that
missed many versions catches up in one pull."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borderpost.config import Settings
from borderpost.screening.lost_stolen import LostStolenRecord
from borderpost.screening.model import BirthDate, Document, ListEntry, ListSnapshot, PartialDate
from borderpost.screening.query import Query
from borderpost.screening.report import ImportReport
from borderpost.screening.serialize import entry_to_dict
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import ArrivalLookout, SyncNode
from borderpost.sync.client import pull
from borderpost.sync.node import node_status
from borderpost.watchlists.screener import build_screener
from borderpost.watchlists.service import (
    import_lost_stolen,
    import_snapshot,
    load_entries,
    lost_stolen_records,
)
from tests.sync.conftest import Hq, PostFactory, client_of
from tests.sync.world import NOW

LIST = "national-lookouts"


def person(entry_id: str, name: str, *, remark: str = "wanted for questioning") -> ListEntry:
    return ListEntry(
        list_name=LIST,
        entry_id=entry_id,
        kind="person",
        name=name,
        birth_dates=(BirthDate(PartialDate(1971, 5, 6)),),
        nationalities=("UTO",),
        documents=(Document("passport", f"X{entry_id}", "UTO"),),
        remarks=(remark,),
    )


A = person("A", "Kwame Boateng")
B = person("B", "Lucia Fernandes")
C = person("C", "Dmitri Volkov")
D = person("D", "Hamid Karimi")
E = person("E", "Zawadi Mwangi")
A2 = person("A", "Kwame Boateng", remark="armed and dangerous: do not approach")
#: Five versions: a removal, an addition, a change, a removal and a re-listing, an addition.
VERSIONS = ((A, B, C), (A, B, D), (A2, B, D), (B, D, C), (B, D, C, E))


def publish(hq: Store, entries: tuple[ListEntry, ...], number: int) -> None:
    report = ImportReport(LIST, (), read=len(entries), kept=len(entries), skipped=0)
    with UnitOfWork(hq) as uow:
        import_snapshot(
            uow,
            ListSnapshot(LIST, f"v{number}", entries),
            report,
            source_format="console",
            files=[],
            allow_empty=True,
            now=NOW + dt.timedelta(hours=number),
        )
        uow.commit()


def current(store: Store) -> dict[str, dict[str, object]]:
    with UnitOfWork(store) as uow:
        found = load_entries(uow.session, [LIST])
    return {e.entry_id: {**entry_to_dict(e), "list_version": None} for e in found}


def test_a_post_offline_for_many_versions_catches_up_and_screens_with_them(
    hq: Hq, make_post: PostFactory
) -> None:
    kas, mor = make_post("KAS"), make_post("MOR")
    publish(hq.store, VERSIONS[0], 1)
    kas_client, mor_client = client_of(hq, "KAS"), client_of(hq, "MOR")
    first = pull(kas, kas_client)
    assert first.watchlists == ((LIST, 1, 3, 0),)
    assert current(kas) == current(hq.store)
    for number, entries in enumerate(VERSIONS[1:], start=2):
        publish(hq.store, entries, number)
        if number == 3:
            pull(mor, mor_client)  # MOR follows along part of the way
    caught_up = pull(kas, kas_client)  # KAS missed four versions
    (name, version, upserted, removed) = caught_up.watchlists[0]
    assert (name, version) == (LIST, 5)
    # since v1: C re-listed (v4), D (v2) and E (v5) new; A changed (v3) and then removed (v4)
    assert upserted == 3 and removed == 1
    assert current(kas) == current(hq.store)
    pull(mor, mor_client)
    assert current(mor) == current(hq.store)
    assert set(current(kas)) == {"B", "C", "D", "E"}
    assert not pull(kas, kas_client).changed  # nothing new: nothing stored
    with UnitOfWork(kas) as uow:
        screener = build_screener(uow.session, Settings())
    assert [hit.entry.entry_id for hit in screener.screen(Query("Zawadi Mwangi")).hits] == ["E"]
    assert not screener.screen(Query("Kwame Boateng")).hits
    kas_client.close()
    mor_client.close()


def test_lost_stolen_lists_and_arrival_lookouts_follow(hq: Hq, make_post: PostFactory) -> None:
    kas = make_post("KAS")
    records = [
        LostStolenRecord("UTO", "ST0LEN123", "passport", "stolen", dt.date(2026, 1, 5), "INT-1"),
        LostStolenRecord("NGA", "A0000001", "passport", "lost"),
    ]
    with UnitOfWork(hq.store) as uow:
        import_lost_stolen(uow, "SLTD", records)
        for port in ("KAS", "MOR"):
            uow.session.add(
                ArrivalLookout(
                    port=port,
                    flight="KQ100",
                    surname="MWANGI",
                    given_names="ZAWADI",
                    reason=f"confirmed targeting hit for {port}",
                    created_by="analyst",
                    created_at=NOW,
                )
            )
        uow.commit()
    client = client_of(hq, "KAS")
    got = pull(kas, client)
    assert got.lost_stolen == (("SLTD", 2),) and got.lookouts == 1
    with UnitOfWork(kas) as uow:
        lookouts = uow.session.scalars(select(ArrivalLookout)).all()
        assert [lk.reason for lk in lookouts] == ["confirmed targeting hit for KAS"]
        assert sorted(r.number for r in lost_stolen_records(uow.session)) == [
            "A0000001",
            "ST0LEN123",
        ]
    records.append(LostStolenRecord("UTO", "B7777777", "id_card", "revoked"))
    with UnitOfWork(hq.store) as uow:
        import_lost_stolen(uow, "SLTD", records)
        uow.commit()
    again = pull(kas, client)
    assert again.lost_stolen == (("SLTD", 3),) and again.lookouts == 0
    assert not pull(kas, client).changed
    with UnitOfWork(kas) as uow:
        screener = build_screener(uow.session, Settings())
        status = node_status(uow.session, dt.datetime.now(dt.UTC), dt.timedelta(hours=72))
    found = screener.screen(Query("Anyone", document_number="B7777777", document_country="UTO"))
    assert found.documents
    assert status.list_age is not None and not status.lists_stale and status.warning() is None
    client.close()


def test_a_post_warns_when_its_lists_are_older_than_the_limit(make_post: PostFactory) -> None:
    kas = make_post("KAS")
    with UnitOfWork(kas) as uow:
        fresh = node_status(uow.session, NOW, dt.timedelta(hours=72))
        assert fresh.warning() == "the lists have never been brought up to date from HQ"
        me = uow.session.get(SyncNode, 1)
        assert me is not None
        me.last_pull_at = NOW - dt.timedelta(hours=100)
        stale = node_status(uow.session, NOW, dt.timedelta(hours=72))
    assert stale.lists_stale
    assert stale.warning() == (
        "the lists are 100 h old (limit 72 h): screening may miss new entries"
    )
