"""Primary inspection from an uploaded photo of the document, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from tests.support.documents import passport_mrz
from tests.support.images import blank_png, photo_of

Headers = dict[str, dict[str, str]]
WATCHLIST = b"id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n"
DRAGO = passport_mrz("Drago", "Ivan Petrovich", "R1234567", dt.date(1970, 3, 4), "RUS", sex="M")


def _post(client: TestClient, headers: Headers, who: str, image: bytes, name: str = "p.jpg") -> Any:
    return client.post(
        "/api/v1/inspections/image",
        headers=headers[who],
        data={"port": "LHR", "direction": "entry"},
        files={"image": (name, image)},
    )


def test_a_photo_is_read_screened_and_inspected(client: TestClient, headers: Headers) -> None:
    imported = client.post(
        "/api/v1/lists/import",
        headers=headers["adm"],
        data={"format": "csv"},
        files={"files": ("lookouts.csv", WATCHLIST)},
    )
    assert imported.status_code == 201, imported.text
    response = _post(client, headers, "olga", photo_of(DRAGO))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["image_reading"]["mrz"] == DRAGO
    assert 0.5 < body["image_reading"]["confidence"] <= 1
    assert body["document"]["surname"] == "DRAGO"
    assert [hit["entry_id"] for hit in body["hits"]] == ["W1"]
    stored = client.get(f"/api/v1/inspections/{body['id']}", headers=headers["olga"])
    assert stored.status_code == 200


def test_an_image_without_an_mrz_is_refused_with_the_reason(
    client: TestClient, headers: Headers
) -> None:
    blank = _post(client, headers, "olga", blank_png(), "blank.png")
    assert blank.status_code == 422
    assert "no machine readable zone was found" in blank.json()["detail"]
    garbage = _post(client, headers, "olga", b"\x89PNG\r\n\x1a\n not really", "x.png")
    assert garbage.status_code == 422
    assert "not an image this reader can decode" in garbage.json()["detail"]


def test_only_inspecting_roles_may_upload(client: TestClient, headers: Headers) -> None:
    assert _post(client, headers, "aud", blank_png()).status_code == 403
    anonymous = client.post(
        "/api/v1/inspections/image",
        data={"port": "LHR", "direction": "entry"},
        files={"image": ("p.png", blank_png())},
    )
    assert anonymous.status_code == 401
