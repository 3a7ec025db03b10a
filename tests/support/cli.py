"""The command line in tests: a runner on a database of its own, migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app


def migrated_runner(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    """A runner whose commands use ``database_url`` (migrated to the newest schema) and a
    data folder under ``tmp_path``, run from ``tmp_path``."""
    monkeypatch.setenv("BORDERPOST_DATABASE_URL", database_url)
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    return runner
