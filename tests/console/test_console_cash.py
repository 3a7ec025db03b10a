"""Bulk cash in the console: an officer declares (a missing rate and a bad line come back
beside their field), the port's supervisor detains and releases, the analyst exports to the
FIU (a valid XML download), sees the on-time figure and the courier alerts."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from borderpost.cash.fiu import validate
from borderpost.cash.rates import parse_rates
from borderpost.cash.stored import import_rates
from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from tests.console.conftest import Login, csrf_of

DECLARE = "/console/cash/declare"


def _rates(store: Store) -> None:
    first = dt.datetime.now(dt.UTC).date().replace(day=1)
    with UnitOfWork(store) as uow:
        table = parse_rates(f"date,currency,quote,rate\n{first},USD,EUR,0.93\n")
        import_rates(uow.session, table, actor="t", now=dt.datetime.now(dt.UTC))
        uow.commit()


def _declare(client: TestClient, token: str, **fields: str) -> tuple[int, str]:
    data = {"csrf": token, "kind": "accompanied", "direction": "entry",
            "carrier": "AMINA DIALLO", "birth_date": "1980-05-01", **fields}  # fmt: skip
    answer = client.post(DECLARE, data=data)
    return answer.status_code, answer.text


def test_declare_detain_release_export_and_alerts(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    _rates(seeded[1])
    token = login(client, "olga")
    form = client.get(DECLARE)
    assert form.status_code == 200 and "EUR 10000.00 or more" in form.text
    status, text = _declare(client, token, line1="currency:GBP:100")
    assert status == 422 and "no GBP-&gt;EUR exchange rate" in text
    status, text = _declare(client, token, line1="cash:USD:100")
    assert status == 422 and "instrument must be one of" in text
    status, text = _declare(client, token, line1="currency:USD:12000", found="15000")
    assert status == 200 and "must be declared" in text and "left out" in text
    declaration = re.search(r'href="/console/cash/declarations/(\d+)"', text)
    assert declaration is not None
    number = declaration.group(1)
    for amount in ("10600", "10500"):
        assert _declare(client, token, line1=f"currency:USD:{amount}")[0] == 200
    listing = client.get("/console/cash/declarations").text
    assert "AMINA DIALLO" in listing

    token = login(client, "sue")
    page = client.get(f"/console/cash/declarations/{number}")
    assert "Detain the cash" in page.text
    detained = client.post(
        f"/console/cash/declarations/{number}/detention",
        data={
            "csrf": csrf_of(page.text),
            "legal_basis": "Reg. 2018/1672 art. 7",
            "reason": "more found than declared",
            "days": "30",
        },
    )
    assert detained.status_code == 303
    held = client.get("/console/cash/detentions").text
    assert "Reg. 2018/1672 art. 7" in held and "held" in held
    detention = re.search(r'action="/console/cash/detentions/(\d+)/release"', held)
    assert detention is not None
    released = client.post(
        f"/console/cash/detentions/{detention.group(1)}/release",
        data={"csrf": csrf_of(held), "reason": "court order 17/2026"},
    )
    assert released.status_code == 303

    login(client, "ann")
    page = client.get(f"/console/cash/declarations/{number}")
    exported = client.post(
        f"/console/cash/declarations/{number}/fiu", data={"csrf": csrf_of(page.text)}
    )
    assert exported.status_code == 200
    validate(exported.content)
    figures = client.get("/console/cash/submissions").text
    assert "1 reports sent, 1 on time (100.0 %)" in figures
    alerts = client.get("/console/cash/alerts").text
    assert "Repeated crossings just under the threshold" in alerts


def test_cash_forms_need_the_csrf_token_and_the_right_role(
    client: TestClient, login: Login
) -> None:
    login(client, "olga")
    assert client.post(DECLARE, data={"carrier": "X", "line1": "currency:EUR:1"}).status_code == 403
    assert client.post("/console/cash/detentions/1/release", data={}).status_code == 403
    token = login(client, "otto")
    answer = client.post(
        "/console/cash/declarations/1/detention",
        data={"csrf": token, "legal_basis": "basis", "reason": "reason"},
    )
    assert answer.status_code == 403
