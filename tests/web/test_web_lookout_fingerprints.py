"""Lookout fingerprints through the API, searched 1:N at primary inspection (SQLite and
PostgreSQL): another impression of the lookout's finger is a candidate, a different finger
gives none, a corrupt upload is refused with nothing stored, and the booth's prints are
not kept."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from borderpost.store import Store, UnitOfWork
from borderpost.store.models import AuditEvent, LookoutFingerprint
from borderpost.watchlists.lookouts import LOOKOUT_LIST, add_lookout
from tests.biometrics.fingers import finger_image, png
from tests.support.documents import passport_mrz

Headers = dict[str, dict[str, str]]
MRZ = passport_mrz("Smith", "Mary", "UX1234567", dt.date(1960, 2, 3), "USA")
PRINTS = f"/api/v1/lists/{LOOKOUT_LIST}/entries/NL-00001/fingerprints"


def _lookout(store: Store) -> None:
    with UnitOfWork(store) as uow:
        add_lookout(
            uow,
            name="Ivan Petrovich Drago",
            reason="wanted for questioning (test lookout)",
            actor="ann",
            now=dt.datetime.now(dt.UTC),
        )
        uow.commit()


def _inspect(client: TestClient, headers: Headers, prints: list[dict[str, Any]]) -> Any:
    body = {"mrz": MRZ, "port": "LHR", "direction": "entry", "fingerprints": prints}
    answer = client.post("/api/v1/inspections", headers=headers["olga"], json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def test_a_lookout_fingerprint_is_found_by_another_impression_of_the_finger(
    client: TestClient, headers: Headers, store: Store
) -> None:
    _lookout(store)
    corrupt = client.post(
        PRINTS,
        headers=headers["ann"],
        data={"finger": "2"},
        files={"fingerprint": ("f.png", b"\x89PNG\r\n\x1a\n not really a png", "image/png")},
    )
    assert corrupt.status_code == 422, corrupt.text
    assert "not a readable PNG" in corrupt.json()["detail"]
    assert client.get(PRINTS, headers=headers["ann"]).json() == []

    added = client.post(
        PRINTS,
        headers=headers["ann"],
        data={"finger": "2", "note": "taken at arrest"},
        files={"fingerprint": ("f.png", png(finger_image(3, 0)), "image/png")},
    )
    assert added.status_code == 201, added.text
    stored = added.json()
    assert stored["finger_name"] == "right index" and stored["minutiae"] > 20
    assert "record" not in stored and "template" not in stored
    officers = client.post(
        PRINTS,
        headers=headers["olga"],
        data={"finger": "2"},
        files={"fingerprint": ("f.png", png(finger_image(3, 0)))},
    )
    assert officers.status_code == 403  # only the lookout role attaches fingerprints

    found = _inspect(client, headers, [{"finger": 2, "image": _b64(png(finger_image(3, 2)))}])
    candidates = found["fingerprint_candidates"]
    assert [(c["entry_id"], c["kind"]) for c in candidates] == [("NL-00001", "fingerprint")]
    reason = candidates[0]["reasons"][0]
    assert reason.startswith("fingerprint (right index) matches lookout Ivan Petrovich Drago")
    assert "(bozorth3 score" in reason and "candidate for an officer to confirm" in reason
    assert candidates[0]["score"] >= 40 and not candidates[0]["high_risk"]
    assert found["suggested_action"] == "refer"  # a referral, never a refusal
    assert any("matches a lookout's" in r for r in found["suggestion_reasons"])
    assert found["fingerprints"][0]["searched"] is True
    record = client.get(f"/api/v1/inspections/{found['id']}", headers=headers["olga"]).json()
    assert record["fingerprint_candidates"][0]["entry_id"] == "NL-00001"

    other = _inspect(client, headers, [{"finger": 2, "image": _b64(png(finger_image(4, 1)))}])
    assert other["fingerprint_candidates"] == [] and other["suggested_action"] == "admit"

    # A corrupt print at the booth is a clear finding, never a crash.
    broken = _inspect(client, headers, [{"finger": 7, "image": _b64(b"\xff\xd8\xff garbage")}])
    assert broken["fingerprints"] == [
        {"finger": 7, "searched": False, "reason": broken["fingerprints"][0]["reason"]}
    ]
    assert "not a readable" in broken["fingerprints"][0]["reason"]
    stored_broken = client.get(f"/api/v1/inspections/{broken['id']}", headers=headers["olga"])
    assert [f["code"] for f in stored_broken.json()["findings"]] == ["fingerprint_unusable"]
    bad = client.post(
        "/api/v1/inspections",
        headers=headers["olga"],
        json={
            "mrz": MRZ,
            "port": "LHR",
            "direction": "entry",
            "fingerprints": [{"finger": 11, "image": _b64(b"x" * 8)}],
        },
    )
    assert bad.status_code == 422

    removed = client.post(
        f"/api/v1/lookout-fingerprints/{stored['id']}/removal",
        headers=headers["ann"],
        json={"reason": "attached to the wrong lookout"},
    )
    assert removed.status_code == 200 and removed.json()["removed_by"] == "ann"
    again = _inspect(client, headers, [{"finger": 2, "image": _b64(png(finger_image(3, 2)))}])
    assert again["fingerprint_candidates"] == []

    with UnitOfWork(store) as uow:  # only the lookout's template is stored, not the booth's
        assert len(uow.session.scalars(select(LookoutFingerprint)).all()) == 1
        actions = [
            (e.actor, e.action)
            for e in uow.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.like("lookout_fingerprint.%"))
                .order_by(AuditEvent.seq)
            )
        ]
    assert [a for a in actions if a[1] != "lookout_fingerprint.list"] == [
        ("ann", "lookout_fingerprint.add"),
        ("olga", "lookout_fingerprint.load"),
        ("ann", "lookout_fingerprint.remove"),
    ]
    assert ("ann", "lookout_fingerprint.list") in actions
