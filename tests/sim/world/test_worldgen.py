"""Writing a world: byte-identical per spec, lists that import, screening checked against truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from borderpost.documents.mrz import parse
from borderpost.passengers import read
from borderpost.screening.importers.csvlist import parse_csv_list
from borderpost.screening.lost_stolen import parse_lost_stolen_csv
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import FILES, WorldOutputError, write_world
from borderpost.worldgen import writer as writer_module
from borderpost.worldgen.evaluate import score_world
from borderpost.worldgen.readme import FIELDS

pytestmark = pytest.mark.slow

SPEC = WorldSpec(seed=21, travellers=2000, days=30)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    write_world(SPEC, folder)
    return folder


def _lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def _contents(path: Path) -> dict[str, bytes]:
    """A file's bytes, or every file's bytes of a folder (paxlst/), by name."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


def test_same_spec_same_bytes_other_seed_other_world(out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    summary = write_world(SPEC, again)
    assert sorted(p.name for p in again.iterdir()) == sorted(FILES)
    for name in FILES:
        assert _contents(again / name) == _contents(out / name), name
    other = tmp_path / "other"
    write_world(WorldSpec(seed=22, travellers=2000, days=30), other)
    assert (other / "travellers.jsonl").read_bytes() != (out / "travellers.jsonl").read_bytes()
    assert summary.counts["travellers.jsonl"] == 2000


def test_counts_and_truth(out: Path) -> None:
    truth = json.loads((out / "truth.json").read_text("utf-8"))
    counts = truth["world"]["counts"]
    for name, count in counts.items():
        if (out / name).is_dir():
            continue  # paxlst/: see test_flights_are_written_as_paxlst
        lines = (out / name).read_text("utf-8").splitlines()
        assert len(lines) == count + (1 if name.endswith(".csv") else 0), name
    assert truth["world"]["travellers"] == 2000
    statuses = {d["status"] for d in truth["documents"]}
    assert {"expired", "forged", "lost_stolen", "replaced"} <= statuses
    assert truth["networks"]["networks"] and truth["enforcement"]["seizures"]
    assert all(t["traveller_id"] or t["entry_id"].startswith("WX") for t in truth["watchlist"])


def test_every_document_reads_as_its_truth_says(out: Path) -> None:
    truth = json.loads((out / "truth.json").read_text("utf-8"))
    planted = {d["document_id"]: d for d in truth["documents"]}
    for document in _lines(out / "documents.jsonl"):
        result = parse(document["mrz"], at=SPEC.start)
        fact = planted.get(document["id"], {"status": "genuine"})
        if fact["status"] in ("genuine", "lost_stolen", "blank_stolen", "impostor"):
            assert result.errors == (), document
        elif fact["status"] == "forged":
            codes = {(f.code, f.field) for f in result.findings}
            assert (fact["finding"], fact["field"]) in codes, document


def test_lists_read_through_the_real_importers(out: Path) -> None:
    watchlist = parse_csv_list((out / "watchlist.csv").read_bytes(), list_name="sim")
    assert watchlist.report.errors == () and watchlist.report.warnings == ()
    assert (
        len(watchlist.snapshot.entries) == len((out / "watchlist.csv").read_text().splitlines()) - 1
    )
    stolen = parse_lost_stolen_csv((out / "lost_stolen.csv").read_bytes())
    assert stolen.errors == () and len(stolen.records) == stolen.read
    assert {r.status for r in stolen.records} == {"lost", "stolen", "blank-stolen"}


def test_manifests_carry_every_air_crossing_once(out: Path) -> None:
    manifests = _lines(out / "manifests.jsonl")
    on_board = [
        (m["flight"], m["date"], p["crossing_id"]) for m in manifests for p in m["passengers"]
    ]
    assert len(on_board) == len(set(on_board))
    assert all(m["crew"] for m in manifests)
    flown = {(c, (f, d)) for f, d, c in on_board}
    for crossing in _lines(out / "crossings.jsonl"):
        if crossing["mode"] != "air":
            continue
        key = (crossing["flight"], crossing["flight_date"])
        if SPEC.start.isoformat() <= crossing["flight_date"] <= SPEC.end.isoformat():
            assert (crossing["id"], key) in flown


def test_the_booth_catches_what_the_truth_planted(out: Path) -> None:
    score = score_world(out)
    assert score.screened >= 1500
    assert score.watchlist.planted >= 20
    assert score.watchlist.recall >= 0.9, score.to_dict()
    assert score.false_alerts_per_1000 <= 10, score.to_dict()
    assert score.lost_stolen.planted > 0 and score.lost_stolen.recall == 1.0
    assert score.lost_stolen.false == 0
    assert score.forged.planted > 0 and score.forged.recall == 1.0
    assert score.forged.false == 0
    assert len(score.examples) == 5


def test_flights_are_written_as_paxlst(out: Path) -> None:
    manifests = _lines(out / "manifests.jsonl")
    files = sorted((out / "paxlst").iterdir())
    assert [f.name for f in files] == sorted({f"{m['date']}.edi" for m in manifests})
    readings = [read(f.read_text("utf-8")) for f in files]
    assert all(not r.warnings for r in readings)
    interchanges = sum(r.interchanges for r in readings)
    truth = json.loads((out / "truth.json").read_text("utf-8"))
    assert interchanges == truth["world"]["counts"]["paxlst"]
    people = [p for r in readings for m in r.messages if m.manifest for p in m.manifest.persons]
    passengers = sorted((p.surname, p.documents[0].number) for p in people if p.role == "passenger")
    listed = sorted(
        (line["surname"], line["document_number"]) for m in manifests for line in m["passengers"]
    )
    assert passengers == listed
    assert sum(p.role == "crew" for p in people) == sum(len(m["crew"]) for m in manifests)


def test_readme_describes_every_file_and_field(out: Path) -> None:
    text = (out / "README.md").read_text("utf-8")
    for name in FILES[:-1]:
        assert f"## {name}" in text
    for name, (_about, fields) in FIELDS.items():
        if not name.endswith(".jsonl") or not fields:
            continue
        first = _lines(out / name)[0]
        assert list(first) == [key for key, _meaning in fields], name


def test_a_failure_leaves_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer_module, "write_readme", broken)
    with pytest.raises(RuntimeError):
        write_world(WorldSpec(seed=1, travellers=50, days=3), tmp_path / "w")
    assert list((tmp_path / "w").iterdir()) == []


def test_an_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "taken"
    path.write_text("x")
    with pytest.raises(WorldOutputError, match="is a file"):
        write_world(WorldSpec(seed=1, travellers=5, days=1), path)
