"""``borderpost users|ports|audit`` on SQLite and PostgreSQL, tampering caught by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from borderpost.cli import app
from borderpost.store.db import create_store_engine
from tests.support.cli import migrated_runner

PASSWORD = "correct horse battery\n"


@pytest.fixture
def runner(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    return migrated_runner(database_url, tmp_path, monkeypatch)


def _run(runner: CliRunner, *args: str, stdin: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, result.output
    return result.output


def _populate(runner: CliRunner) -> None:
    _run(runner, "ports", "add", "--code", "LHR", "--name", "Heathrow", "--kind", "airport",
         "--country", "GBR", "--shift", "06:00-22:00", "--timezone", "Europe/London",
         "--actor", "root")  # fmt: skip
    _run(runner, "ports", "add", "--code", "DVR", "--name", "Dover", "--kind", "seaport")
    _run(runner, "users", "create", "--username", "ana", "--role", "officer", "--port", "LHR",
         "--password-stdin", stdin=PASSWORD)  # fmt: skip
    _run(runner, "users", "create", "--username", "sam", "--role", "auditor",
         "--password-stdin", stdin=PASSWORD)  # fmt: skip


def test_admin_commands_and_audit_trail(runner: CliRunner) -> None:
    _populate(runner)
    ports = [json.loads(line) for line in _run(runner, "ports", "list", "--json").splitlines()]
    assert [(p["code"], p["shift"]) for p in ports] == [("DVR", None), ("LHR", "06:00-22:00")]
    users = [json.loads(line) for line in _run(runner, "users", "list", "--json").splitlines()]
    assert [(u["username"], u["role"], u["port"]) for u in users] == [
        ("ana", "officer", "LHR"),
        ("sam", "auditor", None),
    ]
    assert "Heathrow" in _run(runner, "ports", "list")
    assert "ana" in _run(runner, "users", "list")
    result = json.loads(_run(runner, "audit", "verify", "--json"))
    assert result["intact"] and result["count"] == 6  # 2 ports, 2 users, 2 lists
    head = _run(runner, "audit", "head").strip()
    assert head.startswith("6:") and len(head) == 66
    assert "intact: 6 events" in _run(runner, "audit", "verify", "--anchor", head)
    assert json.loads(_run(runner, "audit", "head", "--json"))["seq"] == 6
    assert _run(runner, "audit", "officers") == "no officer indicators\n"
    assert _run(runner, "audit", "officers", "--port", "LHR", "--json") == ""


def test_password_prompt_with_confirmation(runner: CliRunner) -> None:
    _populate(runner)
    output = _run(runner, "users", "create", "--username", "bob", "--role", "analyst",
                  stdin="correct horse battery\ncorrect horse battery\n")  # fmt: skip
    assert "created user bob (analyst)" in output
    assert "correct horse" not in output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["users", "create", "--username", "x1", "--role", "pilot"], 2, "unknown role 'pilot'"),
        (
            [
                "users",
                "create",
                "--username",
                "ana",
                "--role",
                "officer",
                "--port",
                "LHR",
                "--password-stdin",
            ],
            1,
            "user 'ana' already exists",
        ),
        (
            [
                "users",
                "create",
                "--username",
                "bo",
                "--role",
                "officer",
                "--port",
                "ZZZ",
                "--password-stdin",
            ],
            2,
            "port 'ZZZ' is not registered",
        ),
        (
            ["users", "create", "--username", "bo", "--role", "admin", "--password-stdin"],
            2,
            "at least 12",
        ),
        (["ports", "add", "--code", "XYZ", "--name", "n", "--kind", "boat"], 2, "kind 'boat'"),
        (["ports", "add", "--code", "LHR", "--name", "n", "--kind", "land"], 1, "already exists"),
        (
            ["ports", "add", "--code", "XYZ", "--name", "n", "--kind", "land", "--country", "QQ"],
            2,
            "not an ICAO",
        ),
        (
            ["ports", "add", "--code", "XYZ", "--name", "n", "--kind", "land", "--shift", "6-22"],
            2,
            "HH:MM-HH:MM",
        ),
        (
            [
                "ports",
                "add",
                "--code",
                "XYZ",
                "--name",
                "n",
                "--kind",
                "land",
                "--timezone",
                "Mars/Base",
            ],
            2,
            "IANA",
        ),
        (["audit", "verify", "--anchor", "nonsense"], 2, "SEQ:HASH"),
        (["audit", "officers", "--port", "ZZZ"], 2, "not registered"),
        (["audit", "officers", "--since", "yesterday"], 2, "not a date"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_written(
    runner: CliRunner, args: list[str], code: int, message: str
) -> None:
    _populate(runner)
    before = _run(runner, "audit", "head")
    result = runner.invoke(app, args, input="short\n" if args[-1] == "--password-stdin" else None)
    assert result.exit_code == code, result.output
    assert "error:" in result.output and message in " ".join(result.output.split())
    assert _run(runner, "audit", "head") == before


@pytest.mark.parametrize(
    ("tamper", "seq", "kind"),
    [
        ("UPDATE audit_events SET subject_id = 'eve' WHERE seq = 3", 3, "altered"),
        ("DELETE FROM audit_events WHERE seq = 2", 2, "deleted"),
        (
            "INSERT INTO audit_events (seq, at, actor, action, subject_type, subject_id, "
            "details, prev_hash, hash) VALUES (5, '2026-12-01 10:00:00', 'eve', 'user.create', "
            "'user', 'eve', '{}', :fake, :fake)",
            5,
            "inserted",
        ),
    ],
)
def test_verify_catches_tampering(
    runner: CliRunner, database_url: str, tamper: str, seq: int, kind: str
) -> None:
    _populate(runner)
    assert "intact" in _run(runner, "audit", "verify")
    engine = create_store_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(tamper), {"fake": "ab" * 32})
    engine.dispose()
    output = _run(runner, "audit", "verify", "--json", code=1)
    result = json.loads(output)
    assert (result["intact"], result["broken_seq"], result["kind"]) == (False, seq, kind)
    assert result["entry"] is not None
    text_output = _run(runner, "audit", "verify", code=1)
    assert f"BROKEN at seq {seq} ({kind})" in text_output
