"""The cash API end to end: rates in, a declaration at the officer's port with an offence,
detention by the port's supervisor, the FIU export (valid XML) and its on-time record,
alerts, and port scoping of reads."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from borderpost.cash.fiu import validate

Headers = dict[str, dict[str, str]]
TODAY = dt.datetime.now(dt.UTC).date()


def _declare(
    client: TestClient, headers: Headers, amount: str, **extra: object
) -> dict[str, object]:
    body = {
        "port": "LHR",
        "lines": [{"line": f"currency:USD:{amount}"}],
        "parties": [
            {"role": "carrier", "name": "AMINA DIALLO", "birth_date": "1980-05-01",
             "phone": "+22997123456"},
            {"role": "recipient", "name": "OUSMANE KANE", "account": "BJ66 0001"},
        ],
        "intended_use": "purchase of goods",
        **extra,
    }  # fmt: skip
    response = client.post("/api/v1/cash/declarations", json=body, headers=headers["olga"])
    assert response.status_code == 200, response.text
    found = response.json()
    assert isinstance(found, dict)
    return found


def test_cash_api_flow(client: TestClient, headers: Headers) -> None:
    rates = f"date,currency,quote,rate\n{TODAY.replace(day=1)},USD,EUR,0.93\n".encode()
    response = client.post(
        "/api/v1/cash/rates", files={"file": ("r.csv", rates)}, headers=headers["adm"]
    )
    assert response.json() == {"imported": 1}
    first = _declare(client, headers, "12000", found="15000")
    assert first["assessment"]["required"] is True  # type: ignore[index]
    assert first["offences"][0]["kind"] == "false_declaration"  # type: ignore[index]
    _declare(client, headers, "10600")
    _declare(client, headers, "10500")
    held = client.post(
        f"/api/v1/cash/declarations/{first['id']}/detention",
        json={"legal_basis": "Reg. 2018/1672 art. 7", "reason": "more found than declared"},
        headers=headers["sue"],
    )
    assert held.status_code == 200, held.text
    other_port = client.post(
        f"/api/v1/cash/declarations/{first['id']}/detention",
        json={"legal_basis": "Reg. 2018/1672 art. 7", "reason": "more found than declared"},
        headers=headers["sam"],
    )
    assert other_port.status_code == 403
    report = client.post(f"/api/v1/cash/declarations/{first['id']}/fiu", headers=headers["ann"])
    assert report.status_code == 200 and report.headers["content-type"] == "application/xml"
    validate(report.content)
    figures = client.get("/api/v1/cash/submissions", headers=headers["ann"]).json()["figures"]
    assert figures["on_time_percent"] == 100.0
    alerts = client.get("/api/v1/cash/alerts", headers=headers["ann"]).json()
    assert [a["kind"] for a in alerts["alerts"]] == ["structuring"]
    assert alerts["facts"] and alerts["facts"][0]["kind"] == "declaration"
    assert (
        len(client.get("/api/v1/cash/declarations", headers=headers["aud"]).json()["declarations"])
        == 3
    )
    assert client.get("/api/v1/cash/declarations", headers=headers["otto"]).json() == {
        "declarations": []
    }
    assert (
        client.get(f"/api/v1/cash/declarations/{first['id']}", headers=headers["otto"]).status_code
        == 403
    )
    detail = client.get(f"/api/v1/cash/declarations/{first['id']}", headers=headers["olga"]).json()
    assert detail["detentions"][0]["released"] is False
    events = client.get("/api/v1/audit/events", headers=headers["aud"]).json()
    actions = {e["action"] for e in events["events"]}
    assert {"cash.declare", "cash.detain", "cash.fiu_export", "cash.read", "cash.detect"} <= actions


def test_cash_api_refuses_bad_input(client: TestClient, headers: Headers) -> None:
    bad = {
        "port": "LHR",
        "lines": [{"line": "currency:XXX:100"}],
        "parties": [{"role": "carrier", "name": "X"}],
    }
    response = client.post("/api/v1/cash/declarations", json=bad, headers=headers["olga"])
    assert response.status_code == 422 and "XXX->EUR" in response.json()["detail"]
    bad["lines"] = [{"line": "gold:EUR:100:coin"}]
    response = client.post("/api/v1/cash/declarations", json=bad, headers=headers["olga"])
    assert response.status_code == 422 and "gold:EUR:15000:coin:0.9" in response.json()["detail"]
    bad["lines"] = [{"line": "currency:EUR:100"}]
    bad["parties"] = [{"role": "boss", "name": "X"}]
    response = client.post("/api/v1/cash/declarations", json=bad, headers=headers["olga"])
    assert response.status_code == 422 and "party role" in response.json()["detail"]
    rates = client.post(
        "/api/v1/cash/rates", files={"file": ("r.csv", b"day,rate\n")}, headers=headers["ann"]
    )
    assert rates.status_code == 422 and "header" in rates.json()["detail"]
