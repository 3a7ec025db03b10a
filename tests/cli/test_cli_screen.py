"""``borderpost screen``: one traveller or a batch, against lists stored in either database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app

UN = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "lists"
UN_XML = UN / "un_consolidated_2026-02-27" / "consolidated.xml"


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> dict[str, str]:
    return {"BORDERPOST_DATABASE_URL": database_url, "BORDERPOST_DATA_DIR": str(tmp_path)}


def _import(runner: CliRunner, env: dict[str, str]) -> None:
    if "sqlite" not in env["BORDERPOST_DATABASE_URL"]:
        assert runner.invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    result = runner.invoke(
        app, ["lists", "import", "--format", "un", "--list", "UN", str(UN_XML)], env=env
    )
    assert result.exit_code == 0, result.output


def test_screen_one_traveller(env: dict[str, str]) -> None:
    runner = CliRunner()
    _import(runner, env)
    result = runner.invoke(
        app,
        [
            "screen",
            "--name",
            "Ahmad Kalfan Gailani",
            "--dob",
            "1974",
            "--nationality",
            "tz",
            "--json",
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    hit = data["hits"][0]
    assert hit["list"] == "UN" and hit["entry_id"] == "QDi.028"
    assert hit["score"] >= 0.8 and any("GHAILANI" in r for r in hit["reasons"])
    people = runner.invoke(app, ["screen", "--name", "Ahmed Khalfan Ghailani"], env=env)
    assert "QDi.028" in people.stdout


def test_screen_batch(env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    _import(runner, env)
    batch = tmp_path / "travellers.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "p1", "name": "GHAILANI Ahmed Khalfan", "dob": "1974-03-14"}),
                json.dumps(
                    {
                        "id": "p2",
                        "name": "Maria Garcia Lopez",
                        "dob": "1991-05-17",
                        "nationality": "ESP",
                    }
                ),
                json.dumps({"id": "p3", "name": "X Y", "nationality": "Atlantis"}),
                "not json",
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["screen", "--batch", str(batch), "--json"], env=env)
    assert result.exit_code == 1  # two lines could not be read
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [row["id"] for row in rows] == ["p1", "p2", "p3", None]
    assert rows[0]["hits"][0]["entry_id"] == "QDi.028"
    assert rows[1]["hits"] == []
    assert "line 3: nationality 'Atlantis'" in rows[2]["error"]
    assert "line 4: not JSON" in rows[3]["error"]


def test_screen_errors(env: dict[str, str]) -> None:
    runner = CliRunner()
    if "sqlite" not in env["BORDERPOST_DATABASE_URL"]:
        runner.invoke(app, ["db", "upgrade"], env=env)
    empty = runner.invoke(app, ["screen", "--name", "Anyone"], env=env)
    assert empty.exit_code == 1 and "no watchlists are stored" in empty.stderr
    _import(runner, env)
    unknown = runner.invoke(app, ["screen", "--name", "Anyone", "--list", "NOPE"], env=env)
    assert unknown.exit_code == 2 and "NOPE" in unknown.stderr
    bad = runner.invoke(app, ["screen", "--name", "Anyone", "--dob", "1980-13-01"], env=env)
    assert bad.exit_code == 2 and "date of birth" in bad.stderr
    neither = runner.invoke(app, ["screen"], env=env)
    assert neither.exit_code == 2
