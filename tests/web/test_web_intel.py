"""``/api/v1/intel``: leads raised by arriving records, reviewed by an analyst, audited; the
network of records laid out for the console."""

from __future__ import annotations

import datetime as dt
from datetime import date

from fastapi.testclient import TestClient

from borderpost.audit.log import events
from borderpost.intel.facts import RecordFacts
from borderpost.leads import record_arrived
from borderpost.store import Store, UnitOfWork

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
PHONE = ("phone", "+2290197000001")


def _arrive(store: Store) -> None:
    with UnitOfWork(store) as uow:
        for facts in (
            RecordFacts("S-12", "seizure", date(2026, 3, 2), "4.1 kg cocaine", (PHONE,)),
            RecordFacts("A-7", "arrest", date(2026, 5, 19), "trafficking", (PHONE,)),
        ):
            record_arrived(uow.session, facts, now=NOW)
        uow.commit()


def test_an_analyst_reviews_a_lead_and_undoes_it(
    client: TestClient, store: Store, headers: dict[str, dict[str, str]]
) -> None:
    _arrive(store)
    ann = headers["ann"]
    (lead,) = client.get("/api/v1/intel/leads", headers=ann).json()["leads"]
    assert lead["headline"].startswith("phone +2290197000001 in arrest A-7")
    path = f"/api/v1/intel/leads/{lead['id']}"
    refused = client.post(f"{path}/reviews", json={"verdict": "dismissed"}, headers=ann)
    assert refused.status_code == 422 and "reason" in refused.json()["detail"]
    done = client.post(f"{path}/reviews", json={"verdict": "actionable"}, headers=ann)
    assert done.json()["status"] == "actionable"
    assert client.get("/api/v1/intel/leads", headers=ann).json()["leads"] == []
    assert client.post(f"{path}/undo", json={}, headers=ann).json()["status"] == "open"
    assert client.post(f"{path}/undo", json={}, headers=ann).status_code == 409
    detail = client.get(path, headers=headers["aud"]).json()
    assert [r["verdict"] for r in detail["reviews"]] == ["actionable", "undo"]
    with UnitOfWork(store) as uow:
        actions = {(e.actor, e.action) for e in events(uow.session)}
    assert {
        ("ann", "intel.lead_review"),
        ("ann", "intel.lead_undo"),
        ("aud", "intel.lead_read"),
    } <= actions


def test_the_network_is_ranked_and_laid_out(
    client: TestClient, store: Store, headers: dict[str, dict[str, str]]
) -> None:
    _arrive(store)
    found = client.get("/api/v1/intel/network", headers=headers["ann"]).json()
    assert found["total"] == 3 and found["shown"] == 3
    assert {n["id"] for n in found["nodes"]} == {
        "seizure:S-12",
        "arrest:A-7",
        "phone:+2290197000001",
    }
    phone = next(n for n in found["nodes"] if n["kind"] == "phone")
    assert phone["rank"] == 1 and phone["records"] == ["S-12", "A-7"]
    assert len(found["links"]) == 2
