"""Push: a post's records reach HQ once each, whatever is repeated or lost on the way."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select

from borderpost import audit
from borderpost.audit.log import events as audit_events
from borderpost.store import UnitOfWork
from borderpost.store.models import SyncIdMap, SyncNode, SyncPost, User
from borderpost.sync.client import PUSH_PATH, push
from borderpost.sync.errors import SyncTransportError
from borderpost.sync.outbox import acknowledge, backlog, pending
from borderpost.sync.references import NO_PASSWORD
from borderpost.sync.tables import SYNCED_TABLES, check_registry
from tests.sync.checks import assert_hq_holds, hq_count, post_chain_at_hq
from tests.sync.conftest import Hq, PostFactory, client_of
from tests.sync.world import inspect_travellers, record_crossings


def _body(post: str, events: list[dict[str, object]]) -> dict[str, object]:
    return {
        "post": post,
        "sent_at": dt.datetime.now(dt.UTC).isoformat(),
        "backlog": len(events),
        "events": events,
    }


def test_records_reach_hq_once_each_with_their_links(hq: Hq, make_post: PostFactory) -> None:
    kas, mor = make_post("KAS"), make_post("MOR")
    inspect_travellers(kas, "KAS", 6, seed=1)  # the real inspection service: hits, decisions
    record_crossings(kas, "KAS", 60, seed=2)
    record_crossings(mor, "MOR", 40, seed=3)
    for code, store in (("KAS", kas), ("MOR", mor)):
        client = client_of(hq, code)
        report = push(store, client, batch_size=97)
        client.close()
        assert report.backlog == 0 and report.duplicates == 0 and report.batches >= 2
        with UnitOfWork(store) as uow:
            assert backlog(uow.session) == 0
        assert_hq_holds(hq.store, store, code)
        chain = post_chain_at_hq(hq.store, code)
        assert chain.intact, chain.reason
    with UnitOfWork(kas) as uow:
        kas_inspections = uow.session.scalar(select(SyncNode.last_seq))
    assert kas_inspections
    assert hq_count(hq.store, "inspections") == 6 + 60 + 40
    with UnitOfWork(hq.store) as uow:
        assert audit.verify(uow.session).intact
        batches = [e for e in audit_events(uow.session, limit=1000) if e.action == "sync.batch"]
        assert batches and all(e.details["post_time"] and e.details["received_at"] for e in batches)
        # an officer created at the post exists at HQ, inactive and unable to log in
        officer = uow.session.scalars(select(User).where(User.username == "officer-kas")).one()
        assert not officer.active and officer.password_hash == NO_PASSWORD
        stamps = uow.session.execute(select(SyncIdMap.post_time, SyncIdMap.received_at)).first()
        assert stamps is not None and all(stamps)


def test_a_batch_sent_twice_or_an_answer_lost_changes_nothing(
    hq: Hq, make_post: PostFactory
) -> None:
    kas = make_post("KAS")
    record_crossings(kas, "KAS", 40, seed=4)
    with UnitOfWork(kas) as uow:
        events = pending(uow.session, 150)
    with httpx.Client(
        base_url=hq.url, headers={"Authorization": f"Bearer {hq.keys['KAS']}"}
    ) as http:
        first = http.post(PUSH_PATH, json=_body("KAS", events)).json()
        # the answer is "lost": the post never records it and sends the batch again
        again = http.post(PUSH_PATH, json=_body("KAS", events)).json()
    assert first["applied"] == 150 and first["acknowledged"] == events[-1]["seq"]
    assert again["applied"] == 0 and again["duplicates"] == 150
    assert again["acknowledged"] == first["acknowledged"]
    client = client_of(hq, "KAS")
    # The post resends from its own last acknowledgement (none): its first batch (1-100) is all
    # duplicates, HQ's answer acknowledges 150, and the post goes on from 151.
    report = push(kas, client, batch_size=100)
    client.close()
    with UnitOfWork(kas) as uow:
        total = uow.session.scalars(select(SyncNode.last_seq)).one()
    assert report.duplicates == 100 and report.sent == 100 + (total - 150)
    assert_hq_holds(hq.store, kas, "KAS")
    assert post_chain_at_hq(hq.store, "KAS").intact


def test_acknowledged_events_are_deleted_and_sequences_never_reused(
    hq: Hq, make_post: PostFactory
) -> None:
    kas = make_post("KAS")
    record_crossings(kas, "KAS", 10, seed=5)
    client = client_of(hq, "KAS")
    push(kas, client)
    with UnitOfWork(kas) as uow:
        node = uow.session.get(SyncNode, 1)
        assert node is not None and node.acked_seq == node.last_seq
        last = node.last_seq
    record_crossings(kas, "KAS", 1, seed=6)
    with UnitOfWork(kas) as uow:
        assert pending(uow.session, 10)[0]["seq"] == last + 1
        with pytest.raises(ValueError, match="only written"):
            acknowledge(uow.session, last + 1000)
    push(kas, client)
    client.close()
    assert_hq_holds(hq.store, kas, "KAS")


def test_a_rolled_back_record_leaves_no_event(hq: Hq, make_post: PostFactory) -> None:
    kas = make_post("KAS")
    with UnitOfWork(kas) as uow:
        before = backlog(uow.session)
    with UnitOfWork(kas) as uow:
        audit.append(uow.session, actor="t", action="test", subject_type="x")
        assert backlog(uow.session) == before + 1
        uow.rollback()
    with UnitOfWork(kas) as uow:
        assert backlog(uow.session) == before


def test_hq_refuses_gaps_strangers_and_other_posts_records(hq: Hq, make_post: PostFactory) -> None:
    kas = make_post("KAS")
    record_crossings(kas, "KAS", 5, seed=7)
    with UnitOfWork(kas) as uow:
        events = pending(uow.session, 100)
    headers = {"Authorization": f"Bearer {hq.keys['KAS']}"}
    with httpx.Client(base_url=hq.url) as http:
        gap = http.post(PUSH_PATH, json=_body("KAS", events[3:]), headers=headers)
        assert gap.status_code == 409 and "expects seq 1" in gap.json()["detail"]
        stranger = http.post(
            PUSH_PATH, json=_body("KAS", events), headers={"Authorization": "Bearer bp_KAS_nope"}
        )
        assert stranger.status_code == 401
        assert http.post(PUSH_PATH, json=_body("KAS", events)).status_code == 401
        other = {"Authorization": f"Bearer {hq.keys['MOR']}"}
        assert http.post(PUSH_PATH, json=_body("KAS", events), headers=other).status_code == 403
        # MOR's key, MOR's name, but KAS's records: refused, nothing stored
        forged = http.post(PUSH_PATH, json=_body("MOR", events), headers=other)
        assert forged.status_code == 403 and "own port" in forged.json()["detail"]
        bad = [{**events[0], "table": "users"}]
        refused = http.post(PUSH_PATH, json=_body("KAS", bad), headers=headers)
        assert refused.status_code == 422 and "not synchronised" in refused.json()["detail"]
    with UnitOfWork(hq.store) as uow:
        assert {p.code: p.applied_seq for p in uow.session.scalars(select(SyncPost))} == {
            "KAS": 0,
            "MOR": 0,
        }
    assert hq_count(hq.store, "inspections") == 0


def test_an_unreachable_hq_is_an_error_that_keeps_the_outbox(
    make_post: PostFactory, hq: Hq
) -> None:
    kas = make_post("KAS")
    record_crossings(kas, "KAS", 3, seed=8)
    from borderpost.sync.client import HqClient

    client = HqClient("http://127.0.0.1:9", hq.keys["KAS"], timeout=2)
    with pytest.raises(SyncTransportError, match="unreachable"):
        push(kas, client)
    client.close()
    with UnitOfWork(kas) as uow:
        node = uow.session.get(SyncNode, 1)
        assert node is not None and node.last_error and backlog(uow.session) > 0


def test_the_registry_is_applicable() -> None:
    check_registry()
    assert "audit_events" in SYNCED_TABLES
