"""``borderpost mrz read IMAGE... [--json]``: one JSON object per image per line, exit 0."""

from __future__ import annotations

import io
import json
from pathlib import Path

import cv2
import pytest
from rich.console import Console
from typer.testing import CliRunner

from borderpost.cli import app
from borderpost.cli import mrz as mrz_cli
from borderpost.documents.ocr import synth


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("BORDERPOST_DATABASE_URL", raising=False)
    return CliRunner()


def test_read_prints_one_json_line_per_image(
    runner: CliRunner, tmp_path: Path, td1_scan: synth.Sample
) -> None:
    photo = tmp_path / "card.png"
    cv2.imwrite(str(photo), td1_scan.image)
    junk = tmp_path / "notes.txt"
    junk.write_text("not an image")
    missing = tmp_path / "missing.jpg"
    result = runner.invoke(
        app, ["mrz", "read", "--json", "--at", "2026-11-29", str(photo), str(junk), str(missing)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    card, bad, gone = lines
    assert card["mrz"] == td1_scan.mrz and card["type"] == "TD1"
    assert 0 < card["confidence"] <= 1 and isinstance(card["repaired"], list)
    assert card["reference_date"] == "2026-11-29"
    for failed in (bad, gone):
        assert failed["mrz"] is None and failed["confidence"] == 0.0
        assert failed["findings"][0]["code"] == "image_unreadable"
        assert failed["valid"] is False
    check = runner.invoke(app, ["mrz", "check", "--json", "--at", "2026-11-29", td1_scan.mrz])
    assert set(json.loads(check.stdout)) <= set(card)


def test_read_without_json_shows_the_panel(
    runner: CliRunner, tmp_path: Path, td1_scan: synth.Sample
) -> None:
    photo = tmp_path / "card.jpg"
    cv2.imwrite(str(photo), td1_scan.image)
    result = runner.invoke(app, ["mrz", "read", str(photo)])
    assert result.exit_code == 0
    assert "confidence" in result.stdout
    assert td1_scan.mrz.split("\n")[0] in result.stdout


def test_several_images_on_a_terminal_show_progress(
    runner: CliRunner,
    tmp_path: Path,
    td1_scan: synth.Sample,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(mrz_cli, "console", Console(file=screen, force_terminal=True, width=100))
    photos = []
    for index in range(2):
        photo = tmp_path / f"card-{index}.png"
        cv2.imwrite(str(photo), td1_scan.image)
        photos.append(str(photo))
    result = runner.invoke(app, ["mrz", "read", "--at", "2026-11-29", *photos])
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    assert "reading MRZs" in shown
    assert shown.count("card-0.png") == 1 and shown.count("card-1.png") == 1
