"""``borderpost chip``: verify, masterlist, trust import/list, end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from borderpost.cli import app

KEYS = [
    "sod_signature_valid", "dsc", "chain_valid", "trust_anchor", "dg_hash_algorithm",
    "dg_hashes", "dg_matches", "authentic", "findings",
]  # fmt: skip


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BORDERPOST_DATABASE_URL", f"sqlite:///{tmp_path / 'chip.db'}")
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, [str(a) for a in args])

    return invoke


def test_verify_json_shape_and_exit_codes(run: Any, shared_data: Path) -> None:
    chip = shared_data / "chip"
    result = run(
        "chip", "verify", "--sod", chip / "sod/etsi_EF_SOD_dg1_hash_modified.bin",
        "--dg", f"1={chip / 'dg/etsi_EF_DG1.bin'}", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report) == KEYS
    assert report["sod_signature_valid"] is False and report["authentic"] is False
    assert report["dg_matches"] == {"1": False}
    assert report["dg_hash_algorithm"] == "sha256"
    assert set(report["dsc"]) == {"subject", "issuer", "serial"}
    codes = {f["code"] for f in report["findings"]}
    assert {"sod_message_digest_mismatch", "dg_hash_mismatch", "csca_unknown"} <= codes
    assert all(set(f) == {"code", "severity", "message"} for f in report["findings"])

    missing = run("chip", "verify", "--sod", chip / "sod/nope.bin", "--json")
    assert missing.exit_code == 0
    unreadable = json.loads(missing.stdout)
    assert list(unreadable) == KEYS
    assert unreadable["findings"][0]["code"] == "file_unreadable"
    assert unreadable["findings"][0]["severity"] == "error"

    for bad in (["--dg", "x"], ["--dg", "17=a"], ["--dg", "1=a", "--dg", "1=b"], ["--at", "x"]):
        assert run("chip", "verify", "--sod", "s", *bad).exit_code == 2
    assert run("chip", "verify").exit_code == 2


@pytest.mark.slow
def test_masterlist_then_verify_with_it(run: Any, shared_data: Path, tmp_path: Path) -> None:
    lists = shared_data / "chip/masterlists"
    result = run("chip", "masterlist", lists / "NL_ML_2026-07-22.ml", "--json")
    assert result.exit_code == 0, result.output
    checked = json.loads(result.stdout)
    assert checked["signature_valid"] and checked["signer_chain_valid"]
    assert checked["csca_count"] == 411 and len(checked["countries"]) == 129
    assert checked["countries"]["NL"][0]["subject"].endswith("Country: NL")
    text = run("chip", "masterlist", lists / "NL_ML_2026-07-22.ml")
    assert text.exit_code == 0 and "411 from 129 countries" in " ".join(text.stdout.split())
    junk = tmp_path / "junk.ml"
    junk.write_bytes(b"\x30\x03\x02\x01\x00")
    bad = run("chip", "masterlist", junk, "--json")
    assert bad.exit_code == 1 and json.loads(bad.stdout)["error"]["code"] == "masterlist_malformed"

    sod = shared_data / "chip/sod/bsi_ref_EF_SOD.bin"
    report = run(
        "chip", "verify", "--sod", sod, "--masterlist", lists / "NL_ML_2026-07-22.ml", "--json"
    )
    findings = json.loads(report.stdout)["findings"]
    assert any(f["code"] == "csca_unknown" and "HJP PB CS" in f["message"] for f in findings)


@pytest.mark.slow
def test_trust_import_list_and_verify_from_store(run: Any, shared_data: Path) -> None:
    lists = shared_data / "chip/masterlists"
    imported = run(
        "chip", "trust", "import", lists / "NL_ML_2026-07-22.ml", lists / "NL_ROOT_CA.cer",
        "--actor", "admin", "--json",
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    summaries = [json.loads(line) for line in imported.stdout.splitlines()]
    assert summaries[0]["added"] == 411 and summaries[1]["already_trusted"] == 1
    listed = json.loads(run("chip", "trust", "list", "--json").stdout)
    assert len(listed["countries"]) == 129 and "NL" not in listed["without_anchor"]
    assert "FJ" in listed["without_anchor"]
    bad = run("chip", "trust", "import", shared_data / "chip/sod/etsi_EF_SOD.bin")
    assert bad.exit_code == 1 and "nothing was imported" in " ".join(bad.stderr.split())
    report = run(
        "chip", "verify", "--sod", shared_data / "chip/sod/etsi_EF_SOD.bin", "--json"
    )  # the stored trust store: NL's CSCAs, not the ETSI test PKI
    assert any(f["code"] == "csca_unknown" for f in json.loads(report.stdout)["findings"])
