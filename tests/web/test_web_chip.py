"""Chip data with an inspection: the chip verdict beside the MRZ verdict (API and console)."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

from fastapi.testclient import TestClient

from borderpost.store import Store, UnitOfWork
from borderpost.trust import import_certificates
from tests.documents.chip import pki
from tests.support.accounts import PASSWORD
from tests.support.documents import passport_mrz

Headers = dict[str, dict[str, str]]
MRZ = passport_mrz("Visser", "Sanne", "NX7Q21K05", dt.date(1991, 6, 2), "NLD")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _chip(store: Store) -> tuple[bytes, dict[int, bytes]]:
    csca = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("p256", 40), ca=True)
    ds = pki.certificate(pki.name("NL", "DS"), pki.make_key("brainpool", 41), issuer=csca)
    with UnitOfWork(store) as uow:
        import_certificates(
            uow.session, [("csca.cer", csca.der)], actor="t", now=dt.datetime.now(dt.UTC)
        )
        uow.commit()
    groups = {1: pki.dg1(MRZ), 15: pki.data_group(15, pki.make_key("rsa").spki().dump())}
    return pki.sod(pki.SodSpec(groups, ds)), groups


def _inspect(client: TestClient, headers: Headers, chip: dict[str, Any] | None) -> Any:
    body: dict[str, Any] = {"mrz": MRZ, "port": "LHR", "direction": "entry"}
    if chip is not None:
        body["chip"] = chip
    return client.post("/api/v1/inspections", headers=headers["olga"], json=body)


def test_chip_verdict_beside_the_mrz_verdict(
    client: TestClient, headers: Headers, store: Store
) -> None:
    sod, groups = _chip(store)
    chip = {"sod": _b64(sod), "data_groups": {str(n): _b64(d) for n, d in groups.items()}}
    answer = _inspect(client, headers, chip)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["verdict"] == "valid"
    assert body["chip"]["verdict"] == "authentic" and body["chip"]["authentic"] is True
    assert body["chip"]["dg_matches"] == {"1": True, "15": True}
    assert body["chip"]["trust_anchor"].endswith("Common Name: CSCA NL") or body["chip"][
        "trust_anchor"
    ].startswith("Common Name: CSCA NL")
    assert body["suggested_action"] == "admit"

    record = client.get(f"/api/v1/inspections/{body['id']}", headers=headers["olga"]).json()
    assert record["chip"]["verdict"] == "authentic"
    assert _inspect(client, headers, None).json()["chip"] is None

    altered = {1: pki.dg1(MRZ.replace("VISSER", "VISSEN")), 15: groups[15]}
    chip["data_groups"] = {str(n): _b64(d) for n, d in altered.items()}
    failed = _inspect(client, headers, chip).json()
    assert failed["chip"]["verdict"] == "failed" and failed["chip"]["dg_matches"]["1"] is False
    assert failed["suggested_action"] == "refer"
    assert any("passive authentication failed" in r for r in failed["suggestion_reasons"])
    codes = {f["code"] for f in failed["chip"]["findings"]}
    assert {"dg_hash_mismatch", "dg1_mrz_mismatch"} <= codes

    _console_shows_chip(client, failed["id"])


def _console_shows_chip(client: TestClient, inspection: int) -> None:
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
    assert 'id="chip"' in card and "chip-failed" in card
    assert "dg_hash_mismatch" in card and "DG1" in card


def test_bad_chip_input_is_refused_clearly(
    client: TestClient, headers: Headers, store: Store
) -> None:
    bad = _inspect(client, headers, {"sod": "not base64!!", "data_groups": {}})
    assert bad.status_code == 422 and "not base64" in bad.text
    wrong_group = _inspect(client, headers, {"sod": _b64(b"\x77\x00"), "data_groups": {"17": ""}})
    assert wrong_group.status_code == 422
    junk = _inspect(client, headers, {"sod": _b64(b"\x77\x03abc"), "data_groups": {}})
    assert junk.status_code == 201
    assert junk.json()["chip"]["findings"][0]["code"] == "sod_malformed"
    assert junk.json()["chip"]["verdict"] == "failed"
