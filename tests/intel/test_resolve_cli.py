"""``borderpost intel resolve`` / ``mentions`` / ``judge``: JSON lines, tables and errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app
from borderpost.intel.resolve.mentions import mentions as world_mentions
from borderpost.intel.resolve.mentions import truth as world_truth

runner = CliRunner()
MENTIONS = """ref,full_name,born,tel,passport
a1,Иван Сидоров,1980-03-12,+7 916 123 45 67,
a2,IVAN SIDOROV,1981-03-12,,
a3,SIDOROV IVAN,1980-03-12,,RU1234567
b1,JOHN SMITH,1970-05-05,,
b2,JOHN SMITH,1988-11-23,,
"""
FIELDS = ["--field", "name=full_name", "--field", "dob=born", "--field", "phone=tel"]


@pytest.fixture
def mentions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("BORDERPOST_DATABASE_URL", raising=False)
    path = tmp_path / "mentions.csv"
    path.write_text(MENTIONS, encoding="utf-8")
    return path


def read_mentions(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["intel", *args])
    return result.exit_code, result.stdout, result.stderr


def test_resolve_json_lines(mentions: Path) -> None:
    code, out, _ = _run("resolve", str(mentions), "--id", "ref", *FIELDS, "--json")
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [set(r) for r in rows] == [{"id", "cluster"}] * 5
    cluster = {r["id"]: r["cluster"] for r in rows}
    assert cluster["a1"] == cluster["a2"] == cluster["a3"]
    assert cluster["b1"] != cluster["b2"]


def test_resolve_parquet_and_table(mentions: Path, tmp_path: Path) -> None:
    import pandas as pd

    parquet = tmp_path / "mentions.parquet"
    pd.read_csv(mentions, dtype=str).to_parquet(parquet)
    code, out, _ = _run("resolve", str(parquet), "--id", "ref", *FIELDS)
    assert code == 0, out
    assert "possible same person" in out and "exact Latin name" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "ref", "--field", "nom=full_name"], "unknown role 'nom'"),
        (["--id", "ref", "--field", "name=nom"], "no column 'nom'"),
        (["--id", "ref", "--field", "name"], "give ROLE=COLUMN"),
        (["--id", "nope", "--field", "name=full_name"], "--id 'nope'"),
        (["--id", "ref", "--field", "name=full_name", "--engine", "oracle"], "unknown engine"),
    ],
)
def test_resolve_errors(mentions: Path, args: list[str], message: str) -> None:
    code, _, err = _run("resolve", str(mentions), *args)
    assert code == 2 and "error:" in err and message in err


def test_resolve_bad_files(tmp_path: Path) -> None:
    text = tmp_path / "mentions.txt"
    text.write_text("x", encoding="utf-8")
    code, _, err = _run("resolve", str(text), "--id", "x", "--field", "name=x")
    assert code == 2 and ".csv or .parquet" in err
    broken = tmp_path / "broken.parquet"
    broken.write_text("not parquet", encoding="utf-8")
    code, _, err = _run("resolve", str(broken), "--id", "x", "--field", "name=x")
    assert code == 2 and "cannot read" in err


def test_judge_then_resolve_with_judgements(mentions: Path) -> None:
    code, out, _ = _run("judge", "b1", "b2", "--verdict", "same", "--actor", "ana")
    assert code == 0 and "judgement 1: b1 same b2 by ana" in out
    args = ("resolve", str(mentions), "--id", "ref", *FIELDS, "--json", "--judgements")
    cluster = {r["id"]: r["cluster"] for r in map(json.loads, _run(*args)[1].splitlines())}
    assert cluster["b1"] == cluster["b2"]
    assert _run("judge", "--undo", "1", "--actor", "lead")[0] == 0
    cluster = {r["id"]: r["cluster"] for r in map(json.loads, _run(*args)[1].splitlines())}
    assert cluster["b1"] != cluster["b2"]
    code, _, err = _run("judge", "b1", "b2", "--verdict", "maybe")
    assert code == 2 and "--verdict" in err
    code, _, err = _run("judge", "--undo", "7")
    assert code == 2 and "no judgement 7" in err


def test_mentions_of_a_world(tmp_path: Path) -> None:
    world, out = tmp_path / "world", tmp_path / "m.csv"
    made = runner.invoke(app, ["sim", "world", "--seed", "3", "--travellers", "300",
                               "--days", "20", "--out", str(world)])  # fmt: skip
    assert made.exit_code == 0, made.output
    code, said, _ = _run("mentions", str(world), "--out", str(out))
    assert code == 0 and said.endswith(f"mentions -> {out}\n")
    found = read_mentions(out)
    sources = {m["source"] for m in found}
    assert {"traveller", "manifest", "watchlist"} <= sources
    truth = world_truth(world, world_mentions(world))
    assert set(truth) == {m["id"] for m in found}
    assert all(truth[m["id"]] == m["id"] for m in found if m["source"] == "traveller")
    code, _, err = _run("mentions", str(tmp_path / "missing"), "--out", str(out))
    assert code == 2 and "not a readable generated world" in " ".join(err.split())


def test_resolve_notes_a_tightened_blocking_rule(mentions: Path) -> None:
    code, out, _ = _run("resolve", str(mentions), "--id", "ref", *FIELDS, "--max-comparisons", "1")
    assert code == 0, out
    assert "blocking rules (pairs each, budget 1)" in out
    assert "blocking on" in out  # a rule over the budget: tightened or dropped, with its counts
