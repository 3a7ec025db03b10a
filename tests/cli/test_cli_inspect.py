"""``borderpost inspect`` with a typed document on SQLite and PostgreSQL: screened, found
again on the next visit, flagged as hand-entered; a bad field is an ``error:`` naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app
from tests.support.accounts import PASSWORD
from tests.support.cli import migrated_runner
from tests.support.inspection import WATCHLIST

TYPED = ["--surname", "Drago", "--given-names", "Ivan Petrovich", "--number", "R1234567",
         "--issuing-state", "RUS", "--nationality", "RUS", "--birth-date", "1970-03-04",
         "--sex", "M", "--expiry", "2031-05-01"]  # fmt: skip
AT_LHR = ["--port", "LHR", "--direction", "entry", "--officer", "ana"]


@pytest.fixture
def runner(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    runner = migrated_runner(database_url, tmp_path, monkeypatch)
    (tmp_path / "lookouts.csv").write_text(WATCHLIST)
    setup = [
        (["ports", "add", "--code", "LHR", "--name", "Heathrow", "--kind", "airport"], None),
        (["users", "create", "--username", "ana", "--role", "officer", "--port", "LHR",
          "--password-stdin"], PASSWORD + "\n"),
        (["lists", "import", "--format", "csv", "lookouts.csv"], None),
    ]  # fmt: skip
    for args, stdin in setup:
        result = runner.invoke(app, args, input=stdin)
        assert result.exit_code == 0, result.output
    return runner


def _inspect(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["inspect", *args, *AT_LHR, "--json"])
    assert result.exit_code == 0, result.output
    card: dict[str, object] = json.loads(result.stdout)
    return card


def test_typed_document_is_inspected(runner: CliRunner) -> None:
    card = _inspect(runner, *TYPED)
    assert [hit["entry_id"] for hit in card["hits"]] == ["W1"]  # type: ignore[attr-defined]
    document = card["document"]
    assert isinstance(document, dict)
    assert "entered_by_hand" in {finding["code"] for finding in document["findings"]}
    again = _inspect(runner, *TYPED)
    history = again["history"]
    assert isinstance(history, dict) and history["match"] == "document"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--sex", "Q"], "sex"),
        (["--issuing-state", "RU55"], "issuing_state"),
        (["--birth-date", "1970-13-04"], "--birth-date"),
    ],
)
def test_bad_typed_field_is_named(runner: CliRunner, change: list[str], message: str) -> None:
    flag = TYPED.index(change[0])
    args = [*TYPED[:flag], *change, *TYPED[flag + 2 :]]
    result = runner.invoke(app, ["inspect", *args, *AT_LHR])
    assert result.exit_code != 0
    assert message in result.output


def test_typed_fields_need_the_rest_and_exclude_the_mrz(runner: CliRunner) -> None:
    partial = runner.invoke(app, ["inspect", "--surname", "Drago", *AT_LHR])
    assert partial.exit_code == 2 and "--number" in partial.output
    both = runner.invoke(app, ["inspect", "--mrz", "P<UTO", *TYPED, *AT_LHR])
    assert both.exit_code == 2 and "one" in both.output


def test_chip_read_with_the_document(runner: CliRunner, tmp_path: Path) -> None:
    """--sod/--dg: the chip's verdict beside the document's (ETSI reference chip, no CSCA)."""
    from tests.conftest import SHARED_DATA

    chip = SHARED_DATA / "chip"
    mrz = (
        "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<"
        "\\nC11T002JM4D<<9608122F2310314<<<<<<<<<<<<<<<4"
    )
    card = _inspect(
        runner, "--mrz", mrz, "--sod", str(chip / "sod/etsi_EF_SOD.bin"),
        "--dg", f"1={chip / 'dg/etsi_EF_DG1.bin'}",
    )  # fmt: skip
    result = card["chip"]
    assert isinstance(result, dict)
    assert result["verdict"] == "failed" and result["sod_signature_valid"] is True
    codes = {finding["code"] for finding in result["findings"]}
    assert {"csca_unknown", "dg1_mrz_mismatch"} <= codes  # the printed MRZ is BSI's, not ETSI's
    missing = runner.invoke(app, ["inspect", "--mrz", mrz, "--dg", "1=x", *AT_LHR])
    assert missing.exit_code == 2 and "--dg needs --sod" in " ".join(missing.output.split())
