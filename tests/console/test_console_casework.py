"""Casework in the console: an officer records a seizure at their port (refused at another,
every bad field named beside it), an analyst records an arrest after it and browses the
records, persons and phones with their links; the analyst's reads are audited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from borderpost.web.console.session import LANG_COOKIE
from tests.console.conftest import Login

SEIZURE = {
    "ref": "LHR/2026/77",
    "date": "02/03/2026",
    "port": "LHR",
    "commodity": "cocaine",
    "quantity": "4,1 kg",
    "concealment": "false bottom",
    "conveyance": "aircraft",
    "route_origin": "Bogotá",
    "route_transit": "Madrid",
    "route_destination": "London",
    "person_name": "Anna Maria Eriksson",
    "person_birth_date": "12/08/1974",
    "person_role": "courier",
    "phones": "020 7946 0018",
    "phone_region": "GB",
    "source": "seizure report 77",
}


def test_an_officer_records_a_seizure_at_their_port(client: TestClient, login: Login) -> None:
    token = login(client, "olga")
    form = client.get("/console/intel/record/seizure")
    assert form.status_code == 200 and 'value="LHR"' in form.text
    elsewhere = client.post(
        "/console/intel/record/seizure", data={"csrf": token, **SEIZURE, "port": "DOV"}
    )
    assert elsewhere.status_code == 403 and "only at their own port" in elsewhere.text
    bad = client.post(
        "/console/intel/record/seizure",
        data={"csrf": token, **SEIZURE, "date": "31/02/2026", "vin": "1M8GDM9A1KP042788"},
    )
    assert bad.status_code == 422
    assert "is not a real date" in bad.text and "check digit" in bad.text
    assert 'id="date-error"' in bad.text and 'id="vin-error"' in bad.text
    done = client.post("/console/intel/record/seizure", data={"csrf": token, **SEIZURE})
    assert done.status_code == 200, done.text[:500]
    assert "LHR/2026/77" in done.text and 'role="status"' in done.text
    assert client.get("/console/intel/seizures/LHR/2026/77").status_code == 403


def test_an_analyst_records_an_arrest_and_browses_the_links(
    client: TestClient, login: Login
) -> None:
    token = login(client, "olga")
    client.post(
        "/console/intel/record/seizure", data={"csrf": token, **SEIZURE, "ref": "LHR/2026/78"}
    )
    token = login(client, "ann")
    arrest = {
        "ref": "LHR/A/78",
        "date": "2026-03-03",
        "port": "LHR",
        "person_name": "ANNA MARIA ERIKSSON",
        "person_birth_date": "1974-08-12",
        "charge": "importation of a controlled drug",
        "seizure_ref": "LHR/2026/78",
        "source": "arrest report 78",
    }
    done = client.post("/console/intel/record/arrest", data={"csrf": token, **arrest})
    assert done.status_code == 303
    assert done.headers["location"] == "/console/intel/arrests/LHR/A/78"
    page = client.get(done.headers["location"])
    assert page.status_code == 200 and "importation of a controlled drug" in page.text
    assert "/console/intel/seizures/LHR/2026/78" in page.text
    seizure = client.get("/console/intel/seizures/LHR/2026/78")
    assert seizure.status_code == 200
    assert "4.1 kg cocaine (narcotics)" in seizure.text
    assert "Bogotá → Madrid → London" in seizure.text
    listed = client.get("/console/intel/seizures", params={"port": "LHR"})
    assert "LHR/2026/78" in listed.text and "4.1 kg cocaine" in listed.text
    people = client.get("/console/intel/entities", params={"kind": "person", "q": "eriksson"})
    assert "Anna Maria Eriksson" in people.text
    phones = client.get("/console/intel/entities", params={"kind": "phone"})
    assert "+442079460018" in phones.text
    arrests = client.get("/console/intel/arrests")
    assert "LHR/A/78" in arrests.text
    for code, title in (("fr", "Saisies enregistrées"), ("ar", "الضبطيات المسجلة")):
        client.cookies.set(LANG_COOKIE, code)
        assert title in client.get("/console/intel/seizures").text
