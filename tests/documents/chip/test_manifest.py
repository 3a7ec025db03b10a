"""Every file of ``../shared/data/chip`` gives the outcome its ``manifest.json`` lists."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms, x509

from borderpost.documents.chip import check_masterlist, load_certificate, parse_sod, verify
from borderpost.documents.chip.asn1 import der_length, unwrap
from borderpost.documents.chip.lds import data_group_number, dg1_mrz


def _manifest(shared: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((shared / "chip" / "manifest.json").read_text())
    return loaded


def _cases() -> list[str]:
    from tests.conftest import SHARED_DATA

    path = SHARED_DATA / "chip" / "manifest.json"
    if not path.exists():  # pragma: no cover - reported by the shared_data fixture
        return []
    return [case["file"] for case in json.loads(path.read_text())["sod_cases"]]


def _econtent_id_data(reference: bytes) -> bytes:
    """The BSI SOD with eContentType and the signed content-type both set to id-data.

    The manifest lists this tampered copy (1940 bytes, from pymrtd's tests) but the file
    is not in the shared folder; this is the same modification, rebuilt (same length).
    """
    signed = cms.ContentInfo.load(unwrap(reference, 0x77, "x", "EF.SOD"))["content"]
    info = signed["signer_infos"][0]
    attributes = cms.CMSAttributes(
        [{"type": "content_type", "values": ["data"]}, info["signed_attrs"][1]]
    )
    rebuilt = cms.SignedData(
        {
            "version": signed["version"],
            "digest_algorithms": signed["digest_algorithms"],
            "encap_content_info": {
                "content_type": "data",
                "content": bytes(signed["encap_content_info"]["content"]),
            },
            "certificates": signed["certificates"],
            "signer_infos": [
                {
                    "version": info["version"],
                    "sid": info["sid"],
                    "digest_algorithm": info["digest_algorithm"],
                    "signed_attrs": attributes,
                    "signature_algorithm": info["signature_algorithm"],
                    "signature": info["signature"],
                }
            ],
        }
    )
    body = cms.ContentInfo({"content_type": "signed_data", "content": rebuilt}).dump()
    return b"\x77" + der_length(len(body)) + bytes(body)


def _sod_bytes(chip: Path, case: dict[str, Any]) -> bytes:
    path = chip / case["file"]
    if path.exists():
        return bytes(path.read_bytes())
    assert case["file"].endswith("bsi_ref_EF_SOD_econtent_id_data.bin"), case["file"]
    rebuilt: bytes = _econtent_id_data((chip / "sod" / "bsi_ref_EF_SOD.bin").read_bytes())
    assert len(rebuilt) == case["bytes"]
    return rebuilt


@pytest.mark.parametrize("name", _cases())
def test_sod_case(shared_data: Path, name: str) -> None:
    chip = shared_data / "chip"
    case = next(c for c in _manifest(shared_data)["sod_cases"] if c["file"] == name)
    expected = case["expected"]
    data = _sod_bytes(chip, case)
    assert len(data) == case["bytes"]
    parsed = parse_sod(data)
    assert parsed.econtent_type == expected["econtent_type"]
    assert f"v{parsed.version}" == expected["sd_version"]
    assert parsed.lds_version == expected["lds_version"]
    assert parsed.hash_algorithm == expected["dg_hash_alg"]
    assert {str(n): h.hex() for n, h in parsed.dg_hashes.items()} == expected["dg_hashes"]

    groups: dict[int, bytes] = {}
    wanted: dict[int, bool] = {}
    for file, outcome in expected["dg_hash_matches"].items():
        raw = (chip / file).read_bytes()
        number = data_group_number(raw)
        assert number is not None
        groups[number] = raw
        wanted[number] = outcome["expected"]
    report = verify(data, groups)
    assert report.sod_signature_valid is expected["sod_signature_valid"]
    assert dict(report.dg_matches) == wanted
    signer = expected["signers"][0]
    assert report.dsc is not None
    assert report.dsc.subject == signer["dsc_subject"]
    assert report.dsc.issuer == signer["dsc_issuer"]
    assert report.has("sod_message_digest_mismatch") is not signer["message_digest_ok"]
    assert report.has("sod_signature_invalid") is not signer["signature_ok"]
    assert report.has("sod_content_type_mismatch") is not signer["signed_attr_content_type_matches"]
    if "signature_scheme" in signer:
        assert report.signature_scheme is not None
        assert report.signature_scheme.startswith(signer["signature_scheme"])
    for number, ok in wanted.items():
        if not ok:
            code = "dg_hash_mismatch" if number in parsed.dg_hashes else "dg_not_in_sod"
            assert any(f.code == code and f.field == f"dg{number}" for f in report.findings)
    # test PKI: no CSCA is available anywhere, so nothing can be authentic
    assert report.has("csca_unknown")
    assert report.chain_valid is False and report.authentic is False
    if parsed.econtent_type != "2.23.136.1.1.1":
        assert report.has("sod_econtent_nonstandard")


def test_data_group_files(shared_data: Path) -> None:
    chip = shared_data / "chip"
    for entry in _manifest(shared_data)["data_groups"]:
        raw = (chip / entry["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"]
        assert hashlib.sha1(raw).hexdigest() == entry["sha1"]
        if "mrz" in entry:
            assert dg1_mrz(raw).replace("\n", "") == entry["mrz"]


def test_country_changed_dg1_is_caught(shared_data: Path) -> None:
    chip = shared_data / "chip"
    report = verify(
        (chip / "sod/etsi_EF_SOD.bin").read_bytes(),
        {1: (chip / "dg/etsi_EF_DG1_country_changed_to_SU.bin").read_bytes()},
    )
    assert report.dg_matches == {1: False}
    assert report.has("dg_hash_mismatch") and report.has("issuer_country_mismatch")


def test_modified_dg15_exponent_is_caught(shared_data: Path) -> None:
    chip = shared_data / "chip"
    report = verify(
        (chip / "sod/etsi_EF_SOD.bin").read_bytes(),
        {15: (chip / "dg/etsi_EF_DG15_exponent_modified.bin").read_bytes()},
    )
    assert report.dg_matches == {15: False}
    assert report.has("dg_hash_mismatch")


def test_dutch_master_list(shared_data: Path) -> None:
    chip = shared_data / "chip"
    entry = _manifest(shared_data)["masterlists"][0]
    data = (chip / entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    root = load_certificate((chip / entry["ml_signer_chains_to"]["file"]).read_bytes())
    checked = check_masterlist(data, [root])
    assert checked.signature_valid is entry["ml_signature_ok"]
    assert checked.signature_scheme == entry["ml_signature_scheme"]
    assert checked.signer is not None and checked.signer.subject == entry["ml_signer"]
    chain = entry["ml_signer_chains_to"]
    assert checked.signer_chain_valid is chain["chain_ok"]
    assert checked.signer_anchor is not None
    assert checked.signer_anchor.subject == chain["csca_subject"]
    assert checked.signer_anchor.serial_hex == chain["csca_serial_hex"]
    assert checked.signer_anchor.not_after.isoformat() == chain["csca_not_after"]
    assert len(checked.certificates) == entry["n_csca_certs"]
    # the manifest counts country values as written (five are lower case: al, ar, gb, ro, si)
    written = {
        x509.Certificate.load(c.der).subject.native.get("country_name")
        for c in checked.certificates
    }
    assert len(written) == entry["n_countries"]
    assert len(checked.by_country()) == 129  # upper-cased, as the trust store keeps them
    assert set(entry["countries_sample"]) <= set(checked.by_country())
    assert checked.trusted and not checked.findings
