"""Inspections over HTTP on SQLite and PostgreSQL: lists imported through the API feed the
screener, officers work only at their port, supervisors approve, auditors only read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from borderpost.documents import parse
from tests.support.documents import passport_mrz

Headers = dict[str, dict[str, str]]
WATCHLIST = b"id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n"
LOST_STOLEN = (
    b"issuing_country,document_number,document_type,status,reported_on,reference\n"
    b"UTO,ST0LEN123,passport,stolen,2026-01-05,INT-1\n"
)


DRAGO = passport_mrz("Drago", "Ivan Petrovich", "R1234567", dt.date(1970, 3, 4), "RUS", sex="M")
ANNA = passport_mrz("Eriksson", "Anna Maria", "L898902C3", dt.date(1974, 8, 12), sex="M")
STOLEN = passport_mrz("Brown", "Tom", "ST0LEN123", dt.date(1980, 1, 2), sex="M")


def _import(client: TestClient, headers: Headers, name: str, fmt: str, content: bytes) -> Any:
    response = client.post(
        "/api/v1/lists/import",
        headers=headers["adm"],
        data={"format": fmt},
        files={"files": (name, content)},
    )
    assert response.status_code == 201, response.text
    return response.json()


def _inspect(client: TestClient, headers: Headers, who: str, mrz: str, port: str = "LHR") -> Any:
    body = {"mrz": mrz, "port": port, "direction": "entry"}
    return client.post("/api/v1/inspections", headers=headers[who], json=body)


@pytest.fixture
def loaded(client: TestClient, headers: Headers) -> TestClient:
    _import(client, headers, "lookouts.csv", "csv", WATCHLIST)
    _import(client, headers, "sltd.csv", "sltd", LOST_STOLEN)
    return client


def test_inspection_answers_document_hits_history_and_suggestion(
    loaded: TestClient, headers: Headers
) -> None:
    response = _inspect(loaded, headers, "olga", DRAGO)
    assert response.status_code == 201, response.text
    body = response.json()
    assert {"id", "document", "hits", "lost_stolen", "history", "suggested_action"} <= set(body)
    assert set(body["document"]) == set(parse(DRAGO).to_dict())
    assert body["document"]["surname"] == "DRAGO"
    assert [hit["entry_id"] for hit in body["hits"]] == ["W1"]
    assert body["lost_stolen"] == []
    assert body["history"] == []
    assert body["suggested_action"] in {"refer", "detain", "refuse"}

    stolen = _inspect(loaded, headers, "olga", STOLEN).json()
    assert stolen["lost_stolen"][0]["list"] == "lost/stolen"
    clean = _inspect(loaded, headers, "olga", ANNA).json()
    assert clean["hits"] == [] and clean["suggested_action"] == "admit"


def test_import_through_the_api_rebuilds_the_screener(client: TestClient, headers: Headers) -> None:
    before = _inspect(client, headers, "olga", DRAGO).json()
    assert before["hits"] == []
    _import(client, headers, "lookouts.csv", "csv", WATCHLIST)
    after = _inspect(client, headers, "olga", DRAGO).json()
    assert [hit["entry_id"] for hit in after["hits"]] == ["W1"]


def test_officers_work_only_at_their_port(loaded: TestClient, headers: Headers) -> None:
    assert _inspect(loaded, headers, "otto", ANNA, port="LHR").status_code == 403
    inspection = _inspect(loaded, headers, "olga", ANNA).json()
    url = f"/api/v1/inspections/{inspection['id']}"
    assert loaded.get(url, headers=headers["otto"]).status_code == 403
    assert loaded.get(url, headers=headers["sam"]).status_code == 403
    for reader in ("olga", "sue", "ann", "aud"):
        got = loaded.get(url, headers=headers[reader])
        assert got.status_code == 200, (reader, got.text)
        assert got.json()["id"] == inspection["id"]
    decision = {"decision": "admit", "reason": "documents in order, no hits"}
    assert loaded.post(f"{url}/decision", headers=headers["otto"], json=decision).status_code == 403
    history = f"/api/v1/travellers/{inspection['traveller']['id']}/history"
    assert loaded.get(history, headers=headers["otto"]).status_code == 403
    assert loaded.get(history, headers=headers["olga"]).status_code == 200
    assert loaded.get(history, headers=headers["ann"]).status_code == 200


def test_clearing_a_strong_hit_waits_for_a_supervisor_of_the_port(
    loaded: TestClient, headers: Headers
) -> None:
    inspection = _inspect(loaded, headers, "olga", DRAGO).json()
    url = f"/api/v1/inspections/{inspection['id']}/decision"
    not_cleared = {"decision": "admit", "reason": "looks fine to me at the desk"}
    refused = loaded.post(url, headers=headers["olga"], json=not_cleared)
    assert refused.status_code == 422
    assert "cleared" in refused.json()["detail"]

    hit_id = inspection["hits"][0]["id"]
    clearing = {
        "decision": "admit",
        "reason": "different person, checked with the issuing state",
        "cleared_hits": [{"hit_id": hit_id, "reason": "birth place and photo differ clearly"}],
    }
    decided = loaded.post(url, headers=headers["olga"], json=clearing)
    assert decided.status_code == 201, decided.text
    assert decided.json()["approval"] == "pending"
    decision_id = decided.json()["decision"]

    pending = loaded.get("/api/v1/approvals", headers=headers["sue"]).json()
    assert [row["id"] for row in pending] == [decision_id]
    other_port = loaded.get("/api/v1/approvals?port=LHR", headers=headers["sam"])
    assert other_port.status_code == 403
    review = f"/api/v1/approvals/{decision_id}"
    assert (
        loaded.post(review, headers=headers["sam"], json={"outcome": "approve"}).status_code == 403
    )
    approved = loaded.post(review, headers=headers["sue"], json={"outcome": "approve"})
    assert approved.status_code == 200, approved.text
    assert approved.json()["approval"] == "approved"
    again = loaded.post(review, headers=headers["sue"], json={"outcome": "approve"})
    assert again.status_code == 409
    assert loaded.get("/api/v1/approvals", headers=headers["sue"]).json() == []


def test_auditors_read_but_never_change(loaded: TestClient, headers: Headers) -> None:
    inspection = _inspect(loaded, headers, "olga", ANNA).json()
    aud = headers["aud"]
    assert _inspect(loaded, headers, "aud", ANNA).status_code == 403
    decision = {"decision": "admit", "reason": "documents in order, no hits"}
    url = f"/api/v1/inspections/{inspection['id']}/decision"
    assert loaded.post(url, headers=aud, json=decision).status_code == 403
    new_user = {"username": "eve", "password": "correct horse battery", "role": "admin"}
    assert loaded.post("/api/v1/users", headers=aud, json=new_user).status_code == 403
    events = loaded.get("/api/v1/audit/events?limit=500", headers=aud).json()["events"]
    actions = {event["action"] for event in events}
    assert {"inspection.create", "list.import", "traveller.read"} <= actions
    verified = loaded.get("/api/v1/audit/verify", headers=aud).json()
    assert verified["intact"] is True
    head = loaded.get("/api/v1/audit/head", headers=aud).json()
    anchored = loaded.get("/api/v1/audit/verify", headers=aud, params={"anchor": head["anchor"]})
    assert anchored.json()["intact"] is True


def test_personal_data_reads_are_audited(loaded: TestClient, headers: Headers) -> None:
    inspection = _inspect(loaded, headers, "olga", STOLEN).json()
    loaded.get(f"/api/v1/inspections/{inspection['id']}", headers=headers["ann"])
    loaded.get(
        f"/api/v1/travellers/{inspection['traveller']['id']}/history",
        headers=headers["ann"],
        params={"purpose": "case 42"},
    )
    found = loaded.get(
        "/api/v1/lost-stolen", headers=headers["ann"], params={"number": "ST0LEN123"}
    )
    assert found.json()["hits"][0]["status"] == "stolen"
    events = loaded.get("/api/v1/audit/events?limit=500", headers=headers["aud"]).json()["events"]
    by_ann = {(e["action"], e["details"].get("purpose")) for e in events if e["actor"] == "ann"}
    assert ("inspection.read", None) in by_ann
    assert ("traveller.read", "case 42") in by_ann
    assert ("lost_stolen.lookup", None) in by_ann


def test_lists_versions_and_changes(loaded: TestClient, headers: Headers) -> None:
    lists = loaded.get("/api/v1/lists", headers=headers["ann"]).json()
    assert [row["list"] for row in lists["watchlists"]] == ["lookouts"]
    assert lists["lost_stolen"] == [{"list": "SLTD", "records": 1}]
    versions = loaded.get("/api/v1/lists/lookouts/versions", headers=headers["adm"]).json()
    assert [v["version"] for v in versions] == [1]
    changes = loaded.get("/api/v1/lists/lookouts/changes", headers=headers["aud"]).json()
    assert changes["total"] == 1
    assert changes["changes"][0]["change"] == "added"
    missing = loaded.get("/api/v1/lists/nope/changes", headers=headers["adm"])
    assert missing.status_code == 404


def test_users_and_ports_administration(client: TestClient, headers: Headers) -> None:
    adm = headers["adm"]
    port = {"code": "CDG", "name": "Paris CDG", "kind": "airport", "shift": "06:00-22:00"}
    assert client.post("/api/v1/ports", headers=adm, json=port).status_code == 201
    assert client.post("/api/v1/ports", headers=adm, json=port).status_code == 409
    codes = [p["code"] for p in client.get("/api/v1/ports", headers=headers["olga"]).json()]
    assert codes == sorted(["CDG", "DOV", "LHR"]) or set(codes) == {"CDG", "DOV", "LHR"}
    user = {"username": "pia", "password": "correct horse battery", "role": "officer"}
    no_port = client.post("/api/v1/users", headers=adm, json=user)
    assert no_port.status_code == 422
    created = client.post("/api/v1/users", headers=adm, json={**user, "port": "CDG"})
    assert created.status_code == 201
    assert created.json()["port"] == "CDG"
    assert (
        client.post("/api/v1/users", headers=adm, json={**user, "port": "CDG"}).status_code == 409
    )
    weak = client.post(
        "/api/v1/users", headers=adm, json={**user, "username": "x1", "password": "short"}
    )
    assert weak.status_code == 422


TYPED_DRAGO = {
    "document_code": "P",
    "document_number": "R1234567",
    "issuing_state": "RUS",
    "surname": "Drago",
    "given_names": "Ivan Petrovich",
    "nationality": "RUS",
    "birth_date": "1970-03-04",
    "sex": "M",
    "expiry_date": "2031-05-01",
}


def _typed(client: TestClient, headers: Headers, fields: dict[str, str], **extra: str) -> Any:
    body = {"fields": fields, "port": "LHR", "direction": "entry", **extra}
    return client.post("/api/v1/inspections", headers=headers["olga"], json=body)


def test_typed_fields_are_inspected_like_an_mrz(loaded: TestClient, headers: Headers) -> None:
    response = _typed(loaded, headers, TYPED_DRAGO)
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == set(_inspect(loaded, headers, "olga", ANNA).json())
    assert set(body["document"]) == set(parse(DRAGO).to_dict())
    assert [hit["entry_id"] for hit in body["hits"]] == ["W1"]
    codes = {finding["code"] for finding in body["document"]["findings"]}
    assert "entered_by_hand" in codes and body["document"]["mrz"] == ""
    again = _inspect(loaded, headers, "olga", DRAGO).json()
    assert again["traveller"]["id"] == body["traveller"]["id"]
    record = loaded.get(f"/api/v1/inspections/{body['id']}", headers=headers["sue"]).json()
    assert record["document"] is None  # no MRZ was read, none is shown as read
    assert "entered_by_hand" in {finding["code"] for finding in record["findings"]}


def test_bad_typed_fields_are_422_naming_the_field(loaded: TestClient, headers: Headers) -> None:
    bad_date = _typed(loaded, headers, {**TYPED_DRAGO, "birth_date": "1970-13-04"})
    assert bad_date.status_code == 422
    assert ["body", "fields", "birth_date"] in [e["loc"] for e in bad_date.json()["errors"]]
    bad_sex = _typed(loaded, headers, {**TYPED_DRAGO, "sex": "Q"})
    assert bad_sex.status_code == 422
    assert "sex" in bad_sex.json()["detail"]
    missing = {key: value for key, value in TYPED_DRAGO.items() if key != "surname"}
    no_surname = _typed(loaded, headers, missing)
    assert no_surname.status_code == 422
    assert ["body", "fields", "surname"] in [e["loc"] for e in no_surname.json()["errors"]]
    both = _typed(loaded, headers, TYPED_DRAGO, mrz=DRAGO)
    assert both.status_code == 422 and "exactly one" in both.json()["detail"]
