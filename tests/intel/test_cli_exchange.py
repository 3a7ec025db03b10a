"""``borderpost intel ftm export|import``, ``intel map``, ``intel timeline`` and Gephi files as
input of ``intel rank``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from borderpost.cli.intel import app
from borderpost.intel.facts import RecordFacts
from borderpost.intel.facts_io import facts_to_json, read_facts

RECORDS = [
    RecordFacts(
        "S-1",
        "seizure",
        date(2026, 3, 2),
        "4.1 kg cocaine",
        (("person", "A (1980-01-01, BEN)"), ("phone", "+2290197000001")),
        place="UTO-CAP",
        latitude=7.05,
        longitude=1.2,
    ),
    RecordFacts("A-1", "arrest", date(2026, 3, 9), "trafficking", (("phone", "+2290197000001"),)),
]
runner = CliRunner()


def _facts(tmp_path: Path) -> Path:
    path = tmp_path / "facts.jsonl"
    path.write_text("".join(json.dumps(facts_to_json(f)) + "\n" for f in RECORDS), "utf-8")
    return path


def test_ftm_export_import_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "out.ftm.jsonl"
    done = runner.invoke(app, ["ftm", "export", str(_facts(tmp_path)), "--out", str(out)])
    assert done.exit_code == 0, done.output
    back = tmp_path / "back.jsonl"
    graph = tmp_path / "net.gexf"
    done = runner.invoke(
        app, ["ftm", "import", str(out), "--records", str(back), "--network", str(graph)]
    )
    assert done.exit_code == 0, done.output
    assert "2 records" in done.output
    assert list(read_facts(back.read_text("utf-8").splitlines())) == RECORDS
    ranked = runner.invoke(app, ["rank", str(graph), "--json"])
    assert ranked.exit_code == 0, ranked.output
    assert json.loads(ranked.output)[0]["node"] == "phone:+2290197000001"


def test_map_and_timeline_write_svg(tmp_path: Path) -> None:
    facts = _facts(tmp_path)
    for command in ("map", "timeline"):
        out = tmp_path / f"{command}.svg"
        done = runner.invoke(app, [command, str(facts), "--out", str(out)])
        assert done.exit_code == 0, done.output
        assert out.read_text("utf-8").startswith("<svg")


def test_bad_inputs_exit_2_with_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"ref": "x"}\n', "utf-8")
    done = runner.invoke(app, ["map", str(bad), "--out", str(tmp_path / "m.svg")])
    assert done.exit_code == 2 and "line 1" in done.output
    done = runner.invoke(app, ["ftm", "import", str(bad)])
    assert done.exit_code == 2 and "needs an id and a schema" in done.output
    done = runner.invoke(
        app, ["timeline", str(_facts(tmp_path)), "--out", "t.svg", "--per", "year"]
    )
    assert done.exit_code == 2
    graph = tmp_path / "broken.graphml"
    graph.write_text("<graphml", "utf-8")
    done = runner.invoke(app, ["rank", str(graph)])
    assert done.exit_code == 2 and "not valid GRAPHML" in done.output
