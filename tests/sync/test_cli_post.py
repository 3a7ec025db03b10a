"""``borderpost post register|init|status|sync`` at HQ and at a post."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from borderpost.cli import app
from borderpost.config import Settings
from borderpost.store import open_store
from borderpost.web import create_app
from tests.sync.conftest import SECRET, ServerThread, free_port
from tests.sync.world import inspect_travellers, set_up_port


def test_register_init_status_and_sync(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    hq_env = {"BORDERPOST_DATABASE_URL": database_url, "BORDERPOST_DATA_DIR": str(tmp_path / "hq")}
    post_url = f"sqlite:///{tmp_path / 'post.db'}"
    post_env = {"BORDERPOST_DATABASE_URL": post_url, "BORDERPOST_DATA_DIR": str(tmp_path / "p")}

    def run(env: dict[str, str], *args: str, stdin: str | None = None) -> tuple[int, str]:
        result = runner.invoke(app, list(args), env=env, input=stdin)
        return result.exit_code, result.output

    assert run(hq_env, "db", "upgrade")[0] == 0
    add = ("ports", "add", "--code", "KAS", "--name", "Kasumbalesa", "--kind", "land")
    assert run(hq_env, *add)[0] == 0
    code, output = run(hq_env, "post", "register", "KAS")
    assert code == 0, output
    key = output.strip().splitlines()[-1]
    assert key.startswith("bp_KAS_")
    code, output = run(hq_env, "post", "register", "KAS")
    assert code == 1 and "registered already" in output
    code, output = run(hq_env, "post", "register", "NOPE")
    assert code == 1 and "no port 'NOPE'" in output

    hq_settings = Settings(database_url=database_url, secret_key=SecretStr(SECRET))
    hq_store = open_store(hq_settings, auto_migrate=True)
    port = free_port()
    post = open_store(Settings(database_url=post_url))
    set_up_port(post, "KAS")
    inspect_travellers(post, "KAS", 2, seed=1)  # stored before the database became a post
    try:
        with ServerThread(create_app(hq_settings, store=hq_store), port):
            hq = f"http://127.0.0.1:{port}"
            code, output = run(
                post_env, "post", "init", "--code", "KAS", "--hq", "ftp://x", "--key", key
            )
            assert code == 2 and "http:// or https://" in output
            code, output = run(
                post_env, "post", "init", "--code", "KAS", "--hq", hq, stdin=key + "\n"
            )
            assert code == 0 and "records queued" in output, output
            code, output = run(post_env, "post", "status", "--json")
            status = json.loads(output)
            assert status["backlog"] > 10 and status["lists_stale"] and status["warning"]
            code, output = run(post_env, "post", "sync", "--json")
            assert code == 0, output
            done = json.loads(output)
            assert done["push"]["backlog"] == 0 and done["push"]["sent"] == status["backlog"]
            code, output = run(post_env, "post", "status")
            assert "backlog: 0 events" in output and "warning" not in output
            code, output = run(hq_env, "post", "status", "--json")
            (kas,) = [json.loads(line) for line in output.splitlines()]
            assert kas["code"] == "KAS" and kas["records"] > 0 and kas["last_contact_at"]
    finally:
        post.dispose()
        hq_store.dispose()
    code, output = run(post_env, "post", "sync")
    assert code == 1 and "HQ unreachable" in output


def test_commands_explain_a_database_that_is_not_a_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"BORDERPOST_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    result = CliRunner().invoke(app, ["post", "sync"], env=env)
    assert result.exit_code == 2 and "post init" in result.output
    result = CliRunner().invoke(app, ["post", "status"], env=env)
    assert result.exit_code == 0 and "Posts (0)" in result.output
