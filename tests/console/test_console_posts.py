"""HQ's page of remote posts: every post's last contact, records, backlog and list age, with
stale lists flagged; in each language."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import SyncNode, SyncPost
from borderpost.sync.posts import register_post
from tests.console.conftest import Login


def test_the_posts_page_shows_each_post_and_flags_stale_lists(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    _, store = seeded
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        register_post(uow.session, "DOV", actor="adm", now=now)
        register_post(uow.session, "LHR", actor="adm", now=now)
        uow.session.flush()
        dover = uow.session.query(SyncPost).filter_by(code="DOV").one()
        dover.last_contact_at = now - dt.timedelta(hours=3)
        dover.backlog, dover.records = 12, 3400
        dover.list_age_seconds = 100 * 3600.0
        dover.clock_skew_seconds = -95.0
        uow.commit()
    login(client, "aud")
    page = client.get("/console/posts")
    assert page.status_code == 200
    html = page.text
    assert "Remote posts" in html and "DOV" in html and "LHR" in html
    assert "3400" in html and "100.0 h" in html and "stale" in html and "-95 s" in html
    assert "3.0 h ago" in html and "never" in html
    french = client.get("/console/posts", headers={"Accept-Language": "fr"})
    assert french.status_code == 200


def test_a_post_warns_its_officers_when_its_lists_are_old(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    _, store = seeded
    now = dt.datetime.now(dt.UTC)
    login(client, "olga")
    assert "lists" not in client.get("/console/inspect").text.split("<form", 1)[0]
    with UnitOfWork(store) as uow:
        uow.session.add(
            SyncNode(
                id=1,
                post_code="DOV",
                hq_url="https://hq.test",
                key="bp_DOV_" + "k" * 43,
                last_seq=0,
                acked_seq=0,
                created_at=now,
            )
        )
        uow.commit()
    try:
        page = client.get("/console/inspect").text
        assert "never received its lists from HQ" in page
        with UnitOfWork(store) as uow:
            node = uow.session.get(SyncNode, 1)
            assert node is not None
            node.last_pull_at = now - dt.timedelta(hours=80)
            uow.commit()
        assert (
            "The lists at this post are 80 h old (limit 72 h)"
            in client.get("/console/inspect").text
        )
        with UnitOfWork(store) as uow:
            node = uow.session.get(SyncNode, 1)
            assert node is not None
            node.last_pull_at = now
            uow.commit()
        assert "lists at this post" not in client.get("/console/inspect").text
    finally:
        with UnitOfWork(store) as uow:
            uow.session.query(SyncNode).delete()
            uow.commit()
