"""Vehicles and cargo in the console: an officer checks a car and records its crossing, the
stolen hit waits at the port until an officer decides it; an analyst submits a manifest, the
selected container shows its reasons, an officer records the examination."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi.testclient import TestClient

from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from borderpost.vehicles import import_stolen_list
from tests.console.conftest import Login

STOLEN = "vin,engine number,make,case\n1G4AH59H45G118341,LX5123456,Buick,P-77\n"
SAMPLE = Path(__file__).parents[1] / "data" / "cuscar" / "two_bills.edi"


def test_check_record_and_decide_a_stolen_car(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    _settings, store = seeded
    with UnitOfWork(store) as uow:
        import_stolen_list(
            uow.session, STOLEN, list_name="national", actor="t", now=dt.datetime.now(dt.UTC)
        )
        uow.commit()
    token = login(client, "olga")
    page = client.get("/console/vehicles", params={"vin": "1G4AH59H4SG118341"})
    assert page.status_code == 200
    assert "Reported stolen" in page.text and "OCR-tolerant" in page.text
    assert "check digit wrong" in page.text
    form = {
        "csrf": token,
        "direction": "exit",
        "plate": "UT 1234-AB",
        "country": "UTO",
        "vin": "1G4AH59H45G118341",
        "driver_name": "OKAFOR JOHN",
        "passengers": "MENSAH GRACE\n",
    }
    answer = client.post("/console/vehicles/crossings", data=form)
    assert answer.status_code == 200, answer.text[:500]
    assert "stolen-list hit(s) wait for a decision" in answer.text
    bad = client.post("/console/vehicles/crossings", data={**form, "direction": "sideways"})
    assert bad.status_code == 422 and "entry or exit" in bad.text
    assert client.post("/console/vehicles/crossings", data={**form, "csrf": "0"}).status_code == 403
    hits = client.get("/console/vehicles/hits").text
    hit = re.search(r'action="/console/vehicles/hits/(\d+)"', hits)
    assert hit is not None
    url = f"/console/vehicles/hits/{hit.group(1)}"
    short = client.post(url, data={"csrf": token, "decision": "confirm", "reason": "ok"})
    assert short.status_code == 422 and "reason" in short.text
    done = client.post(
        url, data={"csrf": token, "decision": "confirm", "reason": "VIN plate matches the report"}
    )
    assert done.status_code == 303 and "confirmed" in done.headers["location"]


def test_submit_manifest_see_reasons_and_examine(client: TestClient, login: Login) -> None:
    token = login(client, "ann")
    answer = client.post(
        "/console/cargo", data={"csrf": token}, files={"file": ("m.edi", SAMPLE.read_bytes())}
    )
    assert answer.status_code == 303, answer.text[:500]
    location = answer.headers["location"]
    page = client.get(location).text
    assert "MSKU1234565" in page and "said to contain" in page
    assert "only 1 indicator fired" not in page or "CSQU3054383" in page
    drawn = client.post(f"{location}/controls", data={"csrf": token, "percent": "50"})
    assert drawn.status_code == 303
    bad = client.post(
        "/console/cargo", data={"csrf": token}, files={"file": ("x.csv", b"colour\nred\n")}
    )
    assert bad.status_code == 422 and "bill-of-lading" in bad.text
    officer = login(client, "olga")
    page = client.get(location).text
    form = re.search(rf'action="({location}/containers/\d+)"', page)
    assert form is not None
    done = client.post(
        form.group(1),
        data={"csrf": officer, "outcome": "contraband", "finding": "cocaine in banana boxes"},
    )
    assert done.status_code == 303
    assert "contraband" in client.get(location).text
    assert "found something in" in client.get("/console/cargo").text
