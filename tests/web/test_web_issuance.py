"""The issuance API: an application through its steps, maker-checker refused with a clear
problem, and a booklet reported missing that the border's lost/stolen lookup then finds."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.biometrics.portraits import astronaut, encode
from tests.web.test_web_access import APPLICATION

H = dict[str, dict[str, str]]


def _application(client: TestClient, headers: H, maker: str) -> int:
    base = "/api/v1/issuance/applications"
    created = client.post(base, json=APPLICATION, headers=headers[maker])
    assert created.status_code == 200, created.text
    app_id = int(created.json()["id"])
    for kind in ("birth_certificate", "national_id_card", "utility_bill", "civil_registry_extract"):
        evidence = {"kind": kind, "issuer": "Capital", "number": f"{kind}-1", "result": "verified"}
        assert client.post(
            f"{base}/{app_id}/evidence", json=evidence, headers=headers[maker]
        ).is_success
    check = {"matches": True, "method": "photo against ID card"}
    assert client.post(
        f"{base}/{app_id}/identity-check", json=check, headers=headers[maker]
    ).is_success
    submitted = client.post(f"{base}/{app_id}/submit", headers=headers[maker])
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["alerts"] == []
    return app_id


def test_self_approval_is_a_403_problem(client: TestClient, headers: H) -> None:
    app_id = _application(client, headers, "isu")
    answer = client.post(
        f"/api/v1/issuance/applications/{app_id}/decision",
        json={"approve": True, "reason": "all evidence verified"},
        headers=headers["isu"],
    )
    assert answer.status_code == 403
    assert "isu took application" in answer.json()["detail"]
    assert "maker-checker" in answer.json()["detail"]


def test_application_approved_and_read_by_an_auditor(client: TestClient, headers: H) -> None:
    app_id = _application(client, headers, "iso")
    decided = client.post(
        f"/api/v1/issuance/applications/{app_id}/decision",
        json={"approve": True, "reason": "all evidence verified"},
        headers=headers["isu"],
    )
    assert decided.json() == {"id": app_id, "status": "approved", "validity_years": 10}
    view = client.get(f"/api/v1/issuance/applications/{app_id}", headers=headers["aud"]).json()
    assert view["status"] == "approved" and view["surname"] == "PETROV"
    assert all(objective["met"] for objective in view["objectives"])


def test_missing_booklet_reaches_the_lost_stolen_lookup(client: TestClient, headers: H) -> None:
    receipt = {"country": "UTO", "batch": "B1", "prefix": "UT", "first": 70, "count": 3}
    stock = client.post("/api/v1/issuance/stock/receipts", json=receipt, headers=headers["isu"])
    assert stock.json()["balance"]["in_safe"] == 3
    lookup = {"number": "UT0000071", "country": "UTO"}
    before = client.get("/api/v1/lost-stolen", params=lookup, headers=headers["olga"])
    assert before.json()["hits"] == []
    counted = client.post(
        "/api/v1/issuance/stock/counts",
        json={"location": "safe", "present": ["UT0000070", "UT0000072"]},
        headers=headers["isu"],
    )
    assert counted.json()["missing"] == ["UT0000071"]
    assert counted.json()["balance"]["holds"] is True
    after = client.get("/api/v1/lost-stolen", params=lookup, headers=headers["olga"]).json()
    (hit,) = after["hits"]
    assert "blank-stolen" in str(hit)
    refused = client.post(
        "/api/v1/issuance/stock/booklets/UT0000070",
        json={"event": "destroy", "witness": "isu"},
        headers=headers["isu"],
    )
    assert refused.status_code == 409
    assert (
        "UT0000070 is in_safe: destroy needs a booklet that is spoiled" in refused.json()["detail"]
    )


def test_photo_enrolment_and_audited_read(client: TestClient, headers: H) -> None:
    base = "/api/v1/issuance/applications"
    app_id = int(client.post(base, json=APPLICATION, headers=headers["iso"]).json()["id"])
    bad = client.post(
        f"{base}/{app_id}/photo",
        files={"file": ("photo.jpg", b"\xff\xd8\xff\xe0 not a jpeg", "image/jpeg")},
        headers=headers["iso"],
    )
    assert bad.status_code == 422 and "photo: " in bad.json()["detail"]
    photo = encode(astronaut())
    done = client.post(
        f"{base}/{app_id}/photo",
        files={"file": ("photo.jpg", photo, "image/jpeg")},
        headers=headers["iso"],
    )
    assert done.status_code == 200, done.text
    assert done.json()["faces_found"] == 1
    view = client.get(f"{base}/{app_id}", headers=headers["aud"]).json()
    assert view["photo"]["enrolled"] is True and "photo" not in view["photo"]
    read = client.get(
        f"{base}/{app_id}/photo", params={"purpose": "audit sample"}, headers=headers["aud"]
    )
    assert read.status_code == 200 and read.content == photo
    assert read.headers["content-type"] == "image/jpeg"
    refused = client.get(
        f"{base}/{app_id}/photo", params={"purpose": "curious"}, headers=headers["olga"]
    )
    assert refused.status_code == 403
