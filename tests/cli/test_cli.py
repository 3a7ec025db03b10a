"""The command line: the stable ``mrz check`` interface, ``mrz make``, ``db`` and the demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app
from borderpost.store import migrate

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
REQUIRED = {
    "type",
    "document_code",
    "issuing_state",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "expiry_date",
    "sex",
    "optional_data",
    "personal_number",
    "checks",
    "valid",
    "findings",
}


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("BORDERPOST_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_check_json_with_literal_newline(runner: CliRunner) -> None:
    literal = TD3.replace("\n", "\\n")
    result = runner.invoke(app, ["mrz", "check", "--json", "--at", "2026-11-29", literal])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    data = json.loads(line)
    assert set(data) >= REQUIRED
    assert data["type"] == "TD3" and data["valid"] is True
    assert data["birth_date"] == "1974-08-12" and data["expiry_date"] == "2012-04-15"
    assert data["checks"] == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "personal_number": True,
        "composite": True,
    }
    assert {
        "code": "expired",
        "severity": "error",
        "field": "expiry_date",
        "message": "expired on 2012-04-15 (reference date 2026-11-29)",
    } in data["findings"]


def test_check_reads_stdin_documents_separated_by_blank_lines(runner: CliRunner) -> None:
    stdin = f"{TD3}\n\n{TD1}\n\n\ngarbage line\n"
    result = runner.invoke(app, ["mrz", "check", "--json"], input=stdin)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [row["type"] for row in rows] == ["TD3", "TD1", None]
    assert rows[2]["valid"] is False and rows[2]["birth_date"] is None
    assert "line_count" in {f["code"] for f in rows[2]["findings"]}


def test_invalid_document_still_exits_zero_bad_argument_exits_two(runner: CliRunner) -> None:
    result = runner.invoke(app, ["mrz", "check", "--json", TD3.replace("1204159", "1204158")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is False
    result = runner.invoke(app, ["mrz", "check", "--at", "29/11/2026", TD3])
    assert result.exit_code == 2
    assert "--at '29/11/2026' is not a date" in result.stderr


def test_check_for_people_and_record(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["mrz", "check", "--record", TD3])
    assert result.exit_code == 0
    assert "ERIKSSON" in result.stdout and "expired" in result.stdout
    status = runner.invoke(app, ["db", "status", "--json"])
    info = json.loads(status.stdout)
    assert info["up_to_date"] and "document_checks" in info["tables"]
    assert (tmp_path / "var" / "borderpost.db").is_file()


def test_make_and_repair(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "mrz",
            "make",
            "--type",
            "TD3",
            "--issuer",
            "UTO",
            "--surname",
            "Eriksson",
            "--given-names",
            "Anna María",
            "--number",
            "L898902C3",
            "--nationality",
            "UTO",
            "--birth-date",
            "1974-08-12",
            "--sex",
            "F",
            "--expiry-date",
            "2012-04-15",
            "--personal-number",
            "ZE184226B",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == TD3
    result = runner.invoke(
        app,
        [
            "mrz",
            "make",
            "--issuer",
            "UTO",
            "--surname",
            "X",
            "--number",
            "1",
            "--nationality",
            "UTO",
            "--birth-date",
            "1974-08-12",
            "--expiry-date",
            "2012-04-15",
            "--sex",
            "Q",
        ],
    )
    assert result.exit_code == 2 and "sex 'Q'" in result.stderr
    ocr = TD3.replace("L898902C3", "L8989O2C3").replace("\n", "\\n")
    result = runner.invoke(app, ["mrz", "repair", "--json", ocr])
    assert json.loads(result.stdout)["repair"]["mrz"] == TD3


def test_db_upgrade_reports_revisions(runner: CliRunner, database_url: str) -> None:
    result = runner.invoke(app, ["db", "upgrade"], env={"BORDERPOST_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    head = migrate.head_revision()
    assert f"empty -> {head}" in result.stdout
    result = runner.invoke(
        app, ["db", "status", "--json"], env={"BORDERPOST_DATABASE_URL": database_url}
    )
    assert json.loads(result.stdout)["revision"] == head


def test_unreachable_database_is_a_clear_error(runner: CliRunner) -> None:
    env = {"BORDERPOST_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    result = runner.invoke(app, ["mrz", "check", "--record", TD3], env=env)
    assert result.exit_code == 1
    assert "cannot use the database" in result.stderr


@pytest.mark.slow
def test_demo_runs_on_the_embedded_database(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "ICAO Doc 9303 specimens" in result.stdout or "generated documents only" in result.stdout
    assert "forged: expiry altered" in result.stdout
    assert "ocr_repair_available" in result.stdout
    assert "Recorded" in result.stdout
    assert "a synthetic border world with ground truth" in result.stdout
    assert "watchlisted travellers" in result.stdout and "caught:" in result.stdout
