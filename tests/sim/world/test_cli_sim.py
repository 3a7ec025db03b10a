"""``borderpost sim world``: files, --load into both databases, clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from borderpost.cli import app
from borderpost.worldgen import FILES


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Any:
    """Invoke ``borderpost`` on the test database (a server database is upgraded first)."""
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BORDERPOST_DATABASE_URL", database_url)
    runner = CliRunner()
    if not database_url.startswith("sqlite"):
        assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return invoke


def test_world_load_and_lists(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "world"
    args = ("sim", "world", "--seed", "4", "--travellers", "300", "--days", "5")
    result = run(*args, "--out", str(out), "--load", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    assert data["counts"]["travellers.jsonl"] == 300
    watchlist = data["loaded"]["watchlist"]
    assert (watchlist["list"], watchlist["added"]) == (
        "sim-watchlist",
        data["counts"]["watchlist.csv"],
    )
    assert data["loaded"]["lost_stolen"]["stored"] == data["counts"]["lost_stolen.csv"]
    assert "crossings.jsonl" in data["loaded"]["not_loaded"]
    shown = json.loads(run("lists", "show", "--json").stdout)
    assert {w["list"] for w in shown["watchlists"]} == {"sim-watchlist"}
    assert shown["lost_stolen"] == [
        {"list": "sim-sltd", "records": data["counts"]["lost_stolen.csv"]}
    ]
    again = run(*args, "--out", str(out), "--load")
    assert again.exit_code == 0, again.output
    assert "0 added, 0 changed, 0 removed" in " ".join(again.stdout.split())
    assert "not loaded (no tables yet)" in again.stdout
    scored = run("sim", "score", str(out), "--json")
    assert scored.exit_code == 0, scored.output
    score = json.loads(scored.stdout)
    assert score["screened"] > 0 and score["lost_stolen"]["recall"] == 1.0


def test_score_refuses_a_folder_that_is_no_world(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["sim", "score", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not a generated world" in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--travellers", "0"), "travellers must be at least 1"),
        (("--travellers", "5", "--days", "0"), "days must be at least 1"),
        (("--travellers", "5", "--seed", "-3"), "seed must not be negative"),
    ],
)
def test_bad_numbers(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["sim", "world", "--seed", "1", "--out", str(tmp_path / "w")]
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not (tmp_path / "w").exists()


def test_out_is_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x")
    args = ["sim", "world", "--seed", "1", "--travellers", "5", "--out", str(taken)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    # a long temporary path may wrap the message anywhere: compare without white space
    unwrapped = "".join(result.stderr.split())
    assert "error:" in unwrapped and "isafile" in unwrapped
