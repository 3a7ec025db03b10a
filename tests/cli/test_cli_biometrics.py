"""``borderpost biometrics finger`` and ``borderpost sim fingerprint``, end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from borderpost.biometrics.fingerprint import parse_fmr
from borderpost.cli import app


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BORDERPOST_DATABASE_URL", f"sqlite:///{tmp_path / 'bio.db'}")
    runner = CliRunner()

    def invoke(*args: object) -> Result:
        return runner.invoke(app, [str(a) for a in args])

    return invoke


def _flat(text: str) -> str:
    return "".join(text.split())


def test_template_and_compare(run: Any, tmp_path: Path) -> None:
    for name, finger, occasion in (("a", 2, 0), ("b", 2, 1), ("c", 3, 0)):
        made = run("sim", "fingerprint", "--finger", finger, "--impression", occasion,
                   "--out", tmp_path / f"{name}.png")  # fmt: skip
        assert made.exit_code == 0, made.output

    made = run("biometrics", "finger", "template", tmp_path / "a.png", "--out", tmp_path / "a.fmr")
    assert made.exit_code == 0, made.output
    assert "NFIQ2-style, not certified" in made.stdout
    record = parse_fmr((tmp_path / "a.fmr").read_bytes())
    assert (record.width, record.height, record.x_resolution) == (336, 416, 197)
    assert len(record.views[0].minutiae) >= 15

    same = run("biometrics", "finger", "compare", tmp_path / "a.fmr", tmp_path / "b.png", "--json")
    assert same.exit_code == 0, same.output
    report = json.loads(same.stdout)
    assert report["outcome"] == "match" and report["score"] >= 40
    assert "same finger" in report["reason"] and "examiner" in report["advice"]

    other = run("biometrics", "finger", "compare", tmp_path / "a.png", tmp_path / "c.png")
    assert other.exit_code == 0, other.output
    assert "no_match" in other.stdout
    assert "differentfingers" in _flat(other.stdout)


def test_bad_inputs_are_clear_errors(run: Any, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 64)
    blank = tmp_path / "blank.raw"
    blank.write_bytes(bytes([235]) * (336 * 416))

    bad = run("biometrics", "finger", "template", corrupt)
    assert bad.exit_code == 1
    assert "image_undecodable" in _flat(bad.output)

    empty = run("biometrics", "finger", "template", blank, "--raw", "336x416", "--json")
    assert empty.exit_code == 1
    assert json.loads(empty.stdout)["reason"].startswith("no usable ridges")

    report = run("biometrics", "finger", "compare", corrupt, blank, "--json")
    assert report.exit_code == 1
    answer = json.loads(report.stdout)
    assert answer["outcome"] == "inconclusive" and answer["score"] is None
    assert {e["code"] for e in answer["errors"]} == {"image_undecodable"}

    missing = run("biometrics", "finger", "template", tmp_path / "nope.png")
    assert missing.exit_code == 2 and "doesnotexist" in _flat(missing.output)
    size = run("biometrics", "finger", "template", blank, "--raw", "336by416")
    assert size.exit_code == 2 and "WIDTHxHEIGHT" in size.output
