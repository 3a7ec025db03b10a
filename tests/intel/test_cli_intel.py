"""``borderpost intel``: the stable rank interface, pictures, exports, paths and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli.intel import app

runner = CliRunner()
BRIDGE = "source,target,weight\na,b,1\nb,c,1\na,c,1\nc,x,2\nx,d,2\nd,e,1\ne,f,1\nd,f,1\n"


@pytest.fixture
def edges(tmp_path: Path) -> Path:
    path = tmp_path / "edges.csv"
    path.write_text(BRIDGE, encoding="utf-8")
    return path


def test_rank_json_is_the_stable_shape(edges: Path) -> None:
    result = runner.invoke(app, ["rank", str(edges), "--json"])
    assert result.exit_code == 0, result.output
    players = json.loads(result.stdout)
    assert [set(p) for p in players] == [{"node", "rank", "score", "community", "reasons"}] * 7
    assert players[0]["node"] == "x" and players[0]["rank"] == 1
    assert [p["rank"] for p in players] == list(range(1, 8))
    assert players == sorted(players, key=lambda p: -p["score"])
    top = json.loads(runner.invoke(app, ["rank", str(edges), "--json", "--top", "2"]).stdout)
    assert top == players[:2]


def test_rank_table_and_directed(edges: Path) -> None:
    result = runner.invoke(app, ["rank", str(edges), "--directed"])
    assert result.exit_code == 0
    assert "key players" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("a,b\nc,d\n", "header must name the columns source and target"),
        ("source,target,weight\na,b,x\n", "line 2: weight 'x' is not a number"),
    ],
)
def test_rank_bad_csv_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["rank", str(path), "--json"])
    assert result.exit_code == 2
    assert "error:" in result.output and message in " ".join(result.output.split())


def test_picture_and_export(edges: Path, tmp_path: Path) -> None:
    for name in ("net.png", "net.svg"):
        result = runner.invoke(app, ["picture", str(edges), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1000
    for name in ("net.graphml", "net.gexf"):
        result = runner.invoke(app, ["export", str(edges), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "community" in (tmp_path / name).read_text(encoding="utf-8")
    wrong = runner.invoke(app, ["picture", str(edges), "--out", str(tmp_path / "net.gif")])
    assert wrong.exit_code == 2 and "error:" in wrong.output


def test_path_between_two_entities(edges: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["path", str(edges), "a", "f"])
    assert result.exit_code == 0
    assert "c -> x" in result.stdout and "x -> d" in result.stdout
    assert runner.invoke(app, ["path", str(edges), "a", "zz"]).exit_code == 2
    apart = tmp_path / "apart.csv"
    apart.write_text("source,target\na,b\nc,d\n", encoding="utf-8")
    assert runner.invoke(app, ["path", str(apart), "a", "d"]).exit_code == 1


def test_world_of_a_folder_that_is_not_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["world", str(tmp_path)])
    assert result.exit_code == 2 and "not a generated world" in " ".join(result.output.split())
