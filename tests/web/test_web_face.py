"""A live capture with an inspection: compared 1:1 with the chip portrait (API and console)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

from fastapi.testclient import TestClient

from borderpost.biometrics import build_dg2
from borderpost.store import Store, UnitOfWork
from borderpost.trust import import_certificates
from tests.biometrics.portraits import astronaut, encode, grace_hopper_bytes, variations
from tests.documents.chip import pki
from tests.support.accounts import PASSWORD
from tests.support.documents import passport_mrz

Headers = dict[str, dict[str, str]]
MRZ = passport_mrz("Collins", "Eileen", "NX7Q21K07", dt.date(1956, 11, 19), "NLD")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def chip_with_portrait(store: Store) -> dict[str, Any]:
    """A chip (authentic against a stored CSCA) whose DG2 holds the astronaut's portrait."""
    csca = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("p256", 50), ca=True)
    ds = pki.certificate(pki.name("NL", "DS"), pki.make_key("p256", 51), issuer=csca)
    with UnitOfWork(store) as uow:
        import_certificates(
            uow.session, [("csca.cer", csca.der)], actor="t", now=dt.datetime.now(dt.UTC)
        )
        uow.commit()
    portrait = encode(astronaut(), "JPEG2000", quality_mode="rates", quality_layers=[20])
    groups = {
        1: pki.dg1(MRZ),
        2: build_dg2(portrait, image_format="jpeg2000", width=512, height=512),
    }
    sod = pki.sod(pki.SodSpec(groups, ds))
    return {"sod": _b64(sod), "data_groups": {str(n): _b64(d) for n, d in groups.items()}}


def _inspect(client: TestClient, headers: Headers, chip: dict[str, Any] | None, live: bytes) -> Any:
    body: dict[str, Any] = {
        "mrz": MRZ,
        "port": "LHR",
        "direction": "entry",
        "live_face": _b64(live),
    }
    if chip is not None:
        body["chip"] = chip
    return client.post("/api/v1/inspections", headers=headers["olga"], json=body)


def test_live_face_beside_the_chip_verdict(
    client: TestClient, headers: Headers, store: Store
) -> None:
    chip = chip_with_portrait(store)
    genuine = _inspect(client, headers, chip, variations(astronaut())["rotated 6 degrees"])
    assert genuine.status_code == 201, genuine.text
    body = genuine.json()
    assert body["chip"]["verdict"] == "authentic"
    assert body["face"]["outcome"] == "match", body["face"]
    assert body["suggested_action"] == "admit"

    impostor = _inspect(client, headers, chip, grace_hopper_bytes()).json()
    assert impostor["chip"]["verdict"] == "authentic"
    assert impostor["face"]["outcome"] == "no_match"
    assert "never an automatic decision" in impostor["face"]["advice"]
    assert impostor["suggested_action"] == "refer"  # a referral to a person, not a refusal
    assert any("live face may not be" in r for r in impostor["suggestion_reasons"])

    record = client.get(f"/api/v1/inspections/{impostor['id']}", headers=headers["olga"]).json()
    assert record["chip"]["face"]["outcome"] == "no_match"
    # The capture that did not verify is kept for the referral; reading it is audited.
    capture = f"/api/v1/inspections/{impostor['id']}/live-capture"
    kept = client.get(capture, params={"purpose": "secondary"}, headers=headers["sue"])
    assert kept.status_code == 200 and kept.content == grace_hopper_bytes()
    other_port = client.get(capture, params={"purpose": "curious"}, headers=headers["sam"])
    assert other_port.status_code == 403
    matched = f"/api/v1/inspections/{genuine.json()['id']}/live-capture"
    gone = client.get(matched, params={"purpose": "secondary"}, headers=headers["sue"])
    assert gone.status_code == 404 and "no live capture kept" in gone.text

    broken = _inspect(client, headers, chip, b"\xff\xd8\xff\xe0 not really a jpeg").json()
    assert broken["face"]["outcome"] == "inconclusive"
    assert broken["face"]["errors"][0]["code"] == "image_undecodable"
    assert broken["suggested_action"] == "admit"

    no_chip = _inspect(client, headers, None, grace_hopper_bytes()).json()
    assert no_chip["face"]["outcome"] == "inconclusive"
    assert "no chip portrait" in no_chip["face"]["reason"]

    _console_shows_impostor(client, impostor["id"])


def test_live_face_must_be_base64(client: TestClient, headers: Headers) -> None:
    body = {"mrz": MRZ, "port": "LHR", "direction": "entry", "live_face": "not base64!!"}
    answer = client.post("/api/v1/inspections", headers=headers["olga"], json=body)
    assert answer.status_code == 422 and "live_face is not base64" in answer.text


def _console_shows_impostor(client: TestClient, inspection: int) -> None:
    page = client.get("/console/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    login = client.post(
        "/console/login",
        data={"csrf": token.group(1), "username": "olga", "password": PASSWORD},
        follow_redirects=False,
    )
    assert login.status_code == 303, login.text
    card = client.get(f"/console/inspections/{inspection}").text
    assert 'id="face"' in card and "face-no_match" in card
    assert "possible impostor" in card and "never an automatic refusal" in card
