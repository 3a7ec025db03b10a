"""``/api/v1/conveyances``: a stolen car at the border, and a manifest from submission to
the targeted-against-random comparison."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

Headers = dict[str, dict[str, str]]
STOLEN = b"vin,engine number,make,case\n1G4AH59H45G118341,LX5123456,Buick,P-77\n"
API = "/api/v1/conveyances"
SAMPLE = Path(__file__).parents[1] / "data" / "cuscar" / "two_bills.edi"


def test_stolen_car_hit_decided_at_its_port(client: TestClient, headers: Headers) -> None:
    imported = client.post(
        f"{API}/stolen-vehicles",
        headers=headers["adm"],
        files={"file": ("s.csv", STOLEN)},
        data={"list_name": "national"},
    )
    assert imported.status_code == 200 and imported.json()["added"] == 1
    check = client.get(
        f"{API}/vehicles/check",
        headers=headers["olga"],
        params={"vin": "1G4AH59H4SG118341", "plate": "ut 1234-ab", "country": "UTO"},
    )
    assert check.status_code == 200
    assert check.json()["stolen_hits"][0]["exact"] is False
    body = {
        "direction": "exit",
        "plate": "UT 1234-AB",
        "country": "UTO",
        "vin": "1G4AH59H45G118341",
        "occupants": [{"role": "driver", "name": "Okafor John", "birth_date": "1980-01-02"}],
    }
    crossing = client.post(f"{API}/vehicles/crossings", headers=headers["olga"], json=body)
    assert crossing.status_code == 200, crossing.text
    (hit,) = crossing.json()["hits"]
    queue = client.get(f"{API}/vehicles/hits", headers=headers["olga"]).json()["hits"]
    assert [h["id"] for h in queue] == [hit["id"]]
    assert client.get(f"{API}/vehicles/hits", headers=headers["otto"]).json()["hits"] == []
    other_port = client.post(
        f"{API}/vehicles/hits/{hit['id']}",
        headers=headers["otto"],
        json={"confirm": True, "reason": "same vehicle"},
    )
    assert other_port.status_code == 403
    decided = client.post(
        f"{API}/vehicles/hits/{hit['id']}",
        headers=headers["olga"],
        json={"confirm": True, "reason": "VIN plate matches the report"},
    )
    assert decided.json()["status"] == "confirmed"
    again = client.post(
        f"{API}/vehicles/hits/{hit['id']}",
        headers=headers["olga"],
        json={"confirm": False, "reason": "second thoughts"},
    )
    assert again.status_code == 409
    url = f"{API}/vehicles/crossings/{crossing.json()['id']}"
    assert client.get(url, headers=headers["olga"]).status_code == 200
    assert client.get(url, headers=headers["otto"]).status_code == 403
    assert client.get(url, headers=headers["ann"]).status_code == 200


def test_manifest_selection_controls_and_statistics(client: TestClient, headers: Headers) -> None:
    submitted = client.post(
        f"{API}/cargo/manifests",
        headers=headers["ann"],
        files={"file": ("m.edi", SAMPLE.read_bytes())},
    )
    assert submitted.status_code == 200, submitted.text
    (manifest,) = submitted.json()["manifests"]
    assert manifest["selected"] == 1
    view = client.get(f"{API}/cargo/manifests/{manifest['id']}", headers=headers["olga"]).json()
    boxes = {b["number"]: b for c in view["consignments"] for b in c["containers"]}
    drawn = client.post(
        f"{API}/cargo/manifests/{manifest['id']}/controls",
        headers=headers["ann"],
        json={"rate": 0.5},
    ).json()["drawn"]
    assert len(drawn) == 1
    for number, box in boxes.items():
        found = number == "MSKU1234565"
        answer = client.post(
            f"{API}/cargo/containers/{box['id']}/examination",
            headers=headers["olga"],
            json={
                "outcome": "contraband" if found else "nothing_found",
                "finding": "cocaine in the banana boxes" if found else None,
            },
        )
        assert answer.status_code == 200, answer.text
    stats = client.get(f"{API}/cargo/statistics", headers=headers["aud"]).json()
    assert stats["targeted"] == {"examined": 1, "hits": 1, "hit_rate": 1.0}
    assert stats["other"]["examined"] + stats["control"]["examined"] >= 1
    bad = client.post(
        f"{API}/cargo/manifests",
        headers=headers["ann"],
        files={"file": ("m.csv", b"colour\nred\n")},
    )
    assert bad.status_code == 422 and "bill-of-lading" in bad.json()["detail"]
