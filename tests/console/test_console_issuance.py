"""Passport issuance in the console: the application page with its checker's form (refused
for the officer who took it), the adjudication queue, the stock page with its balance and a
refused move, and insider signals for the auditor."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from borderpost.config import Settings
from borderpost.issuance.stock import move, receive
from borderpost.store import Store, UnitOfWork
from tests.console.conftest import Login
from tests.support.issuance import enrol, person, user


def _seed(store: Store) -> tuple[int, int]:
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        first = enrol(
            uow.session,
            person(surname="KOVALCHUK", given_names="DARYNA", sex="F", national_id="C-1"),
            officer="iso",
            at=now,
        )
        second = enrol(
            uow.session,
            person(surname="Ковальчук", given_names="Дарина", sex="F", national_id="C-2"),
            officer="isu",
            at=now,
        )
        keeper = user(uow.session, "isu")
        receive(
            uow.session,
            ["CS0000001", "CS0000002"],
            actor=keeper,
            country="UTO",
            batch="console",
            now=now,
        )
        move(uow.session, "CS0000001", "dispatch", actor=keeper, location="CAPITAL", now=now)
        uow.commit()
    return first.id, second.id


def test_issuance_pages(client: TestClient, login: Login, seeded: tuple[Settings, Store]) -> None:
    first, second = _seed(seeded[1])
    token = login(client, "isu")
    page = client.get(f"/console/issuance/applications/{second}")
    assert page.status_code == 200 and "Ковальчук" in page.text
    assert "Record decision" not in page.text  # isu took it: no checker's form
    refused = client.post(
        f"/console/issuance/applications/{second}/decision",
        data={"csrf": token, "verdict": "approve", "reason": "evidence verified"},
    )
    assert refused.status_code == 403 and "maker-checker" in refused.text

    queue = client.get("/console/issuance/adjudication").text
    assert "KOVALCHUK" in queue and "Ковальчук" in queue
    assert "face: no photo enrolled for this application" in queue

    stock = client.get("/console/issuance/stock").text
    assert "received" in stock and ": holds" in stock and "CS0000002" in stock
    bad = client.post(
        "/console/issuance/stock",
        data={"csrf": token, "serial": "CS0000002", "event": "destroy", "witness": "aud"},
    )
    assert bad.status_code == 409 and "CS0000002 is in_safe" in bad.text
    moved = client.post(
        "/console/issuance/stock",
        data={"csrf": token, "serial": "CS0000001", "event": "missing", "reason": "not in count"},
        follow_redirects=False,
    )
    assert moved.status_code == 303

    login(client, "iso")
    listing = client.get("/console/issuance/applications").text
    assert f"#{first}" in listing
    assert client.get("/console/issuance/adjudication").status_code == 403

    login(client, "aud")
    signals = client.get("/console/issuance/signals")
    assert signals.status_code == 200 and "Insider signals" in signals.text
