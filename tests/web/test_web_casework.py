"""``/api/v1/intel``: a seizure recorded by an officer at their port and refused at another,
an arrest after it, the sample ledger imported (dry run, then for real), entities browsed
with their links, a link added by an analyst; every bad field named in a problem."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

Headers = dict[str, dict[str, str]]
DATA = Path(__file__).parents[1] / "data" / "casework"
SEIZURE = {
    "ref": "LHR/2026/1",
    "date": "02/03/2026",
    "source": "seizure report 1",
    "port": "LHR",
    "commodity": "cocaine",
    "quantity": "4.1 kg",
    "concealment": "baggage false bottom",
    "conveyance": "aircraft",
    "person_name": "Anna Maria Eriksson",
    "person_birth_date": "1974-08-12",
    "person_role": "courier",
    "phones": "020 7946 0018",
    "phone_region": "GB",
    "accounts": "GB82 WEST 1234 5698 7654 32",
}


def test_record_browse_and_link(client: TestClient, headers: Headers) -> None:
    refused = client.post("/api/v1/intel/seizures", json=SEIZURE, headers=headers["otto"])
    assert refused.status_code == 403 and "own port" in refused.json()["detail"]
    recorded = client.post("/api/v1/intel/seizures", json=SEIZURE, headers=headers["olga"])
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["summary"] == "4.1 kg cocaine"
    assert ["phone", "+442079460018"] in recorded.json()["identifiers"]
    twice = client.post("/api/v1/intel/seizures", json=SEIZURE, headers=headers["olga"])
    assert twice.status_code == 409

    bad = client.post(
        "/api/v1/intel/seizures",
        json={
            **SEIZURE,
            "ref": "LHR/2026/2",
            "accounts": "GB82WEST12345698765433",
            "unit": "g",
            "quantity": "4.1 kg",
        },
        headers=headers["olga"],
    )
    assert bad.status_code == 422
    assert "accounts: GB82WEST12345698765433: the IBAN check digits" in bad.json()["detail"]

    arrest = client.post(
        "/api/v1/intel/arrests",
        json={
            "ref": "LHR/A/1",
            "date": "2026-03-03",
            "source": "arrest report 1",
            "port": "LHR",
            "person_name": "Anna Maria ERIKSSON",
            "person_birth_date": "12/08/1974",
            "charge": "importation of a controlled drug",
            "seizure_ref": "LHR/2026/1",
        },
        headers=headers["sue"],
    )
    assert arrest.status_code == 201, arrest.text

    assert client.get("/api/v1/intel/seizures", headers=headers["olga"]).status_code == 403
    listed = client.get("/api/v1/intel/seizures", params={"port": "LHR"}, headers=headers["aud"])
    assert [s["ref"] for s in listed.json()["seizures"]] == ["LHR/2026/1"]
    detail = client.get("/api/v1/intel/seizures/LHR/2026/1", headers=headers["ann"]).json()
    roles = {(link["kind"], link["role"]) for link in detail["links"]}
    assert roles == {
        ("person", "courier"),
        ("phone", "found"),
        ("account", "found"),
        ("arrest", "follows"),
    }
    (person,) = client.get(
        "/api/v1/intel/persons", params={"q": "eriksson"}, headers=headers["ann"]
    ).json()["persons"]
    assert person["key"] == "ANNA MARIA ERIKSSON|1974-08-12" and person["links"] == 4
    one = client.get(f"/api/v1/intel/persons/{person['id']}", headers=headers["ann"]).json()
    assert {x["role"] for x in one["linked"]} == {"courier", "used", "holds", "arrested"}
    arrests = client.get("/api/v1/intel/arrests", headers=headers["ann"]).json()["arrests"]
    assert arrests[0]["person"]["label"] == "Anna Maria Eriksson"

    added = client.post(
        "/api/v1/intel/phones",
        json={"source": "call records", "date": "2026-03-04", "number": "+44 7700 900123"},
        headers=headers["ann"],
    )
    assert added.status_code == 201, added.text
    link = client.post(
        "/api/v1/intel/links",
        json={"left_kind": "person", "left_id": person["id"], "right_kind": "phone",
              "right_id": added.json()["id"], "role": "used", "source": "call records",
              "date": "2026-03-04"},
        headers=headers["ann"],
    )  # fmt: skip
    assert link.status_code == 201, link.text
    wrong = client.post(
        "/api/v1/intel/links",
        json={"left_kind": "phone", "left_id": added.json()["id"], "right_kind": "phone",
              "right_id": added.json()["id"], "role": "used", "source": "x", "date": "2026-03-04"},
        headers=headers["ann"],
    )  # fmt: skip
    assert wrong.status_code == 422 and "cannot be linked" in wrong.json()["detail"]
    links = client.get(
        "/api/v1/intel/links",
        params={"kind": "phone", "id": added.json()["id"]},
        headers=headers["aud"],
    )
    assert [x["role"] for x in links.json()["links"]] == ["used"]


def test_ledger_import(client: TestClient, headers: Headers) -> None:
    files = {
        "ledger": ("namanga.csv", (DATA / "namanga_ledger.csv").read_bytes()),
        "mapping": ("namanga.toml", (DATA / "namanga_mapping.toml").read_bytes()),
    }
    port = {"code": "NMG", "name": "Namanga", "kind": "land"}
    assert client.post("/api/v1/ports", json=port, headers=headers["adm"]).status_code == 201
    dry = client.post(
        "/api/v1/intel/import", files=files, data={"dry_run": "true"}, headers=headers["ann"]
    )
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert (report["rows"], report["valid"], report["recorded"]) == (20, 9, 0)
    assert client.get("/api/v1/intel/seizures", headers=headers["ann"]).json()["seizures"] == []
    real = client.post("/api/v1/intel/import", files=files, headers=headers["ann"]).json()
    assert (real["recorded"], real["rejected"]) == (9, 11)
    assert {"row": 13, "column": "Chassis No"}.items() <= real["rejections"][6].items()
    seized = client.get("/api/v1/intel/seizures", headers=headers["ann"]).json()["seizures"]
    assert len(seized) == 9
    garbage = client.post(
        "/api/v1/intel/import",
        files={"ledger": ("x.xlsx", b"not a workbook"), "mapping": files["mapping"]},
        headers=headers["ann"],
    )
    assert garbage.status_code == 422 and "not a readable XLSX" in garbage.json()["detail"]
    no_map = client.post(
        "/api/v1/intel/import",
        files={"ledger": files["ledger"], "mapping": ("m.toml", b"[columns]\nA='ref'\n")},
        headers=headers["ann"],
    )
    assert no_map.status_code == 422 and "maps no column to date" in no_map.json()["detail"]


def test_an_arrest_naming_a_seized_phone_shows_as_a_lead(
    client: TestClient, headers: Headers
) -> None:
    recorded = client.post("/api/v1/intel/seizures", json=SEIZURE, headers=headers["olga"])
    assert recorded.status_code == 201, recorded.text
    arrest = client.post(
        "/api/v1/intel/arrests",
        json={
            "ref": "LHR/A/9",
            "date": "2026-04-10",
            "source": "arrest report 9",
            "port": "LHR",
            "person_name": "Lars Olof Berg",
            "person_birth_date": "1968-02-01",
            "charge": "conspiracy to import a controlled drug",
            "phones": "+44 20 7946 0018",
        },
        headers=headers["sue"],
    )
    assert arrest.status_code == 201, arrest.text
    (lead,) = client.get("/api/v1/intel/leads", headers=headers["ann"]).json()["leads"]
    assert {lead["record"], lead["other"]} == {"LHR/2026/1", "LHR/A/9"}
    assert any("+442079460018" in reason for reason in lead["reasons"]), lead["reasons"]
