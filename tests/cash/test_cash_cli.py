"""``borderpost cash`` end to end on SQLite (and PostgreSQL when configured): rates in, a
declaration with a false-declaration offence, detention, FIU export validated, detection;
bad input is an ``error:`` naming what is wrong."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from borderpost.cash.fiu import validate
from borderpost.cash.lines import parse_line, parse_party
from borderpost.cli import app
from tests.support.accounts import PASSWORD
from tests.support.cli import migrated_runner

TODAY = dt.datetime.now(dt.UTC).date()


@pytest.fixture
def runner(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    runner = migrated_runner(database_url, tmp_path, monkeypatch)
    (tmp_path / "rates.csv").write_text(
        f"date,currency,quote,rate\n{TODAY.replace(day=1)},USD,EUR,0.93\n", encoding="utf-8"
    )
    setup = [
        (["ports", "add", "--code", "CTN", "--name", "Cotonou", "--kind", "land"], None),
        (["users", "create", "--username", "ana", "--role", "officer", "--port", "CTN",
          "--password-stdin"], PASSWORD + "\n"),
        (["users", "create", "--username", "sam", "--role", "supervisor", "--port", "CTN",
          "--password-stdin"], PASSWORD + "\n"),
        (["users", "create", "--username", "fiona", "--role", "analyst", "--password-stdin"],
         PASSWORD + "\n"),
        (["cash", "rates", "import", "rates.csv"], None),
    ]  # fmt: skip
    for args, stdin in setup:
        result = runner.invoke(app, args, input=stdin)
        assert result.exit_code == 0, result.output
    return runner


def _declare(runner: CliRunner, *args: str) -> dict[str, object]:
    base = ["cash", "declare", "--officer", "ana", "--port", "CTN", "--json",
            "--carrier", "AMINA DIALLO;birth=1980-05-01;phone=+22997123456"]  # fmt: skip
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert isinstance(found, dict)
    return found


def test_cash_commands_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    first = _declare(runner, "--line", "currency:USD:12000", "--found", "15000")
    assert first["required"] is True and first["total"] == "11160.00"
    assert first["offences"][0]["kind"] == "false_declaration"  # type: ignore[index]
    _declare(runner, "--line", "currency:USD:10600")
    _declare(runner, "--line", "currency:USD:10500")
    steps = [
        ["cash", "detain", str(first["id"]), "--supervisor", "sam", "--legal-basis",
         "Regulation 2018/1672 art. 7", "--reason", "more found than declared"],
        ["cash", "export", str(first["id"]), "--as", "fiona", "--out", "r.xml"],
        ["cash", "submissions"],
        ["cash", "detentions"],
        ["cash", "profiles", "--json"],
    ]  # fmt: skip
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert "100.0 %" in runner.invoke(app, ["cash", "submissions"]).output
    validate((tmp_path / "r.xml").read_bytes())
    detect = runner.invoke(app, ["cash", "detect", "--as", "fiona", "--json"])
    assert detect.exit_code == 0, detect.output
    alerts = [json.loads(line) for line in detect.output.splitlines()]
    assert [a["kind"] for a in alerts] == ["structuring"]


def test_cash_errors_name_the_problem(runner: CliRunner, tmp_path: Path) -> None:
    bad = [
        (["cash", "declare", "--officer", "ana", "--port", "CTN", "--carrier", "X",
          "--line", "currency:GBP:100"], "no GBP->EUR exchange rate"),
        (["cash", "declare", "--officer", "ana", "--port", "CTN", "--carrier", "X",
          "--line", "cash:USD:100"], "instrument must be one of"),
        (["cash", "declare", "--officer", "fiona", "--port", "CTN", "--carrier", "X",
          "--line", "currency:USD:100"], "may not record cash declarations"),
        (["cash", "export", "1", "--as", "fiona", "--out", "x.xml"], "does not exist"),
        (["cash", "detect", "--as", "ana"], "may not run cash-courier detection"),
        (["cash", "rates", "import", "missing.csv"], "cannot read"),
        (["cash", "profiles"], "unknown cash profile"),
    ]  # fmt: skip
    for args, message in bad:
        env = {"BORDERPOST_CASH_PROFILE": "Atlantis"} if args == ["cash", "profiles"] else None
        result = runner.invoke(app, args, env=env)
        assert result.exit_code != 0, args
        assert message in " ".join(result.output.split()), (args, result.output)


def test_line_and_party_text() -> None:
    gold = parse_line("gold:EUR:15000:coin:0.900")
    assert gold.gold_form == "coin" and str(gold.purity) == "0.900"
    party = parse_party("recipient=OUSMANE KANE;account=BJ66 0001;birth=1970-01-02")
    assert party.role == "recipient" and party.account == "BJ66 0001"
    for text in ("gold:EUR:1:coin", "currency:EU:1", "currency:USD:-5", "gold:EUR:1:ring:0.9"):
        with pytest.raises(ValueError):
            parse_line(text)
    for text in ("OUSMANE", "boss=X", "recipient=X;shoe=9", "recipient=X;birth=1970-13-01"):
        with pytest.raises(ValueError):
            parse_party(text)


@given(st.text(max_size=60))
def test_line_and_party_parsers_never_crash(text: str) -> None:
    for parse in (parse_line, parse_party):
        with contextlib.suppress(ValueError):
            parse(text)


def test_simulated_traffic_is_written_with_its_truth(runner: CliRunner, tmp_path: Path) -> None:
    args = ["cash", "simulate", "--out", "sim", "--travellers", "3000", "--days", "90"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "sim" / "declarations.jsonl").read_text(encoding="utf-8").splitlines()
    truth = json.loads((tmp_path / "sim" / "truth.json").read_text(encoding="utf-8"))
    assert lines and truth["couriers"]
    assert "date,currency,quote,rate" in (tmp_path / "sim" / "rates.csv").read_text()
