"""``borderpost serve`` and the OpenAPI document (the bench runs the real server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from borderpost.cli import app


def test_openapi_document_is_served_without_a_token(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Borderpost"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "OAuth2PasswordBearer" in schema["components"]["securitySchemes"]


def test_serve_with_several_workers_needs_a_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("BORDERPOST_SECRET_KEY", raising=False)
    monkeypatch.delenv("BORDERPOST_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "BORDERPOST_SECRET_KEY" in result.output


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers"):
        assert option in result.output
