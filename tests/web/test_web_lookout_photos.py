"""Lookout photos through the API, searched 1:N at primary inspection (SQLite and PostgreSQL):
a lookout with Grace Hopper's photo is a face candidate when a variation of her photo is the
live capture; a different person gives none; a corrupt upload is refused, nothing stored."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from borderpost.store import Store, UnitOfWork
from borderpost.watchlists.lookouts import LOOKOUT_LIST, add_lookout
from tests.biometrics.portraits import (
    astronaut,
    encode,
    grace_hopper,
    grace_hopper_bytes,
    variations,
)
from tests.support.documents import passport_mrz

Headers = dict[str, dict[str, str]]
MRZ = passport_mrz("Smith", "Mary", "UX1234567", dt.date(1960, 2, 3), "USA")
PHOTOS = f"/api/v1/lists/{LOOKOUT_LIST}/entries/NL-00001/photos"


def _lookout(store: Store) -> None:
    with UnitOfWork(store) as uow:
        add_lookout(
            uow,
            name="Grace Brewster Hopper",
            reason="wanted for questioning (test lookout)",
            actor="ann",
            now=dt.datetime.now(dt.UTC),
        )
        uow.commit()


def _inspect(client: TestClient, headers: Headers, live: bytes) -> Any:
    body = {
        "mrz": MRZ,
        "port": "LHR",
        "direction": "entry",
        "live_face": base64.b64encode(live).decode("ascii"),
    }
    answer = client.post("/api/v1/inspections", headers=headers["olga"], json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_lookout_photo_is_found_by_a_live_capture_of_the_same_face(
    client: TestClient, headers: Headers, store: Store
) -> None:
    _lookout(store)
    # A corrupt photo first: refused with the reason, nothing stored.
    corrupt = client.post(
        PHOTOS,
        headers=headers["ann"],
        files={"photo": ("hopper.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")},
    )
    assert corrupt.status_code == 422, corrupt.text
    assert "not a readable JPEG, PNG or JPEG 2000" in corrupt.json()["detail"]
    assert client.get(PHOTOS, headers=headers["ann"]).json() == []

    added = client.post(
        PHOTOS,
        headers=headers["ann"],
        files={"photo": ("hopper.jpg", grace_hopper_bytes(), "image/jpeg")},
        data={"note": "US Navy portrait (public domain)"},
    )
    assert added.status_code == 201, added.text
    photo = added.json()
    assert photo["name"] == "Grace Brewster Hopper" and photo["face"]["faces_found"] == 1
    assert "template" not in photo
    officers = client.post(
        PHOTOS, headers=headers["olga"], files={"photo": ("x.jpg", grace_hopper_bytes())}
    )
    assert officers.status_code == 403  # only the lookout role attaches photos

    found = _inspect(client, headers, variations(grace_hopper())["rotated 6 degrees"])
    candidates = found["face_candidates"]
    assert [(c["entry_id"], c["photo"]) for c in candidates] == [("NL-00001", photo["id"])]
    assert candidates[0]["kind"] == "face" and candidates[0]["score"] > 0.7
    reason = candidates[0]["reasons"][0]
    assert reason.startswith("face resembles lookout photo of Grace Brewster Hopper")
    assert "candidate for an officer to confirm" in reason
    assert found["suggested_action"] == "refer"  # a referral, never a refusal
    assert any("resembles a lookout photo" in r for r in found["suggestion_reasons"])
    record = client.get(f"/api/v1/inspections/{found['id']}", headers=headers["olga"]).json()
    assert record["face_candidates"][0]["photo"] == photo["id"]

    other = _inspect(client, headers, encode(astronaut()))
    assert other["face_candidates"] == []
    assert other["suggested_action"] == "admit"

    image = client.get(f"/api/v1/lookout-photos/{photo['id']}/image", headers=headers["olga"])
    assert image.status_code == 200 and image.content == grace_hopper_bytes()
    assert image.headers["content-type"] == "image/jpeg"

    removed = client.post(
        f"/api/v1/lookout-photos/{photo['id']}/removal",
        headers=headers["ann"],
        json={"reason": "the photo was attached to the wrong lookout"},
    )
    assert removed.status_code == 200 and removed.json()["removed_by"] == "ann"
    again = _inspect(client, headers, variations(grace_hopper())["rotated 6 degrees"])
    assert again["face_candidates"] == []

    trail = client.get(
        "/api/v1/audit/events",
        headers=headers["aud"],
        params={"subject_type": "lookout_photo", "limit": 50},
    ).json()
    actions = [(e["actor"], e["action"]) for e in reversed(trail["events"])]
    assert actions == [
        ("ann", "lookout_photo.add"),
        ("olga", "lookout_photo.read"),
        ("ann", "lookout_photo.remove"),
    ]
