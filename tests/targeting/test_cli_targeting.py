"""``borderpost api screen`` (JSON shape) and ``borderpost retention run``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app

runner = CliRunner()


def test_api_screen_json_shape(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    result = runner.invoke(
        app, ["api", "screen", str(shared_data / "paxlst/sample_03.edi"), "--json"]
    )
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout.splitlines()[0])
    assert {"reference", "kind", "flights", "travellers", "to_review", "assessments"} <= set(first)
    item = first["assessments"][0]
    assert {
        "surname",
        "status",
        "band",
        "score",
        "hits",
        "lost_stolen",
        "document_checks",
        "rule_hits",
        "reasons",
    } <= set(item)
    assert item["status"] in ("to_review", "no_hit")


def test_api_screen_refuses_a_file_without_manifest(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    result = runner.invoke(app, ["api", "screen", str(shared_data / "paxlst/pnrgov_04.edi")])
    assert result.exit_code == 2
    assert "no passenger or crew list" in result.output


def test_retention_run_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    result = runner.invoke(app, ["retention", "run", "--now", "2026-06-01T00:00", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["api"]["travellers_deleted"] == 0 and report["pnr"]["masked"] == 0
