"""``borderpost api screen`` (JSON shape), ``api review``, ``api rules check`` and
``borderpost retention run``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app
from borderpost.config import Settings
from borderpost.identity import create_user
from borderpost.passengers import write_paxlst
from borderpost.screening.engine import Screener
from borderpost.store import UnitOfWork, open_store
from borderpost.targeting.pipeline import receive
from borderpost.targeting.review import review_queue
from borderpost.watchlists.files import read_watchlist
from tests.support.cli import migrated_runner
from tests.support.manifests import manifest, person

runner = CliRunner()
NOW = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)


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


def _stored_hit(database_url: str, tmp_path: Path) -> int:
    """A stored flight with one watchlist hit, and an analyst and an auditor account."""
    listing = tmp_path / "watchlist.csv"
    listing.write_text("id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n")
    screener = Screener(read_watchlist("csv", [listing], list_name="t").snapshot.entries)
    flight = manifest(
        person("DRAGO", "IVAN PETROVICH", born=dt.date(1970, 3, 4), nationality="RUS"),
        destination="LHR",
    )
    data = write_paxlst([flight], prepared=dt.datetime(2026, 3, 9)).encode()
    store = open_store(Settings(database_url=database_url))
    try:
        with UnitOfWork(store) as uow:
            for username, role in (("ann", "analyst"), ("aud", "auditor")):
                create_user(
                    uow.session,
                    username=username,
                    password="correct horse battery",
                    role=role,
                    port_code=None,
                    actor="t",
                    now=NOW,
                )
            receive(uow.session, data, screener, actor="ann", now=NOW)
            hit = next(
                item["id"] for item in review_queue(uow.session) if item["kind"] == "watchlist"
            )
            uow.commit()
    finally:
        store.dispose()
    return int(hit)


def test_api_review_records_the_outcome_and_sends_the_lookout(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = migrated_runner(database_url, tmp_path, monkeypatch)
    hit = str(_stored_hit(database_url, tmp_path))
    base = ["api", "review", hit, "--reason", "same birth date and passport"]
    refused = [
        (["--outcome", "shoot", "--reviewer", "ann"], 2, "not one of"),
        (["--outcome", "confirmed", "--reviewer", "aud"], 1, "may not review"),
        (["--outcome", "confirmed", "--reviewer", "nobody"], 1, "does not exist"),
    ]
    for extra, code, message in refused:
        result = cli.invoke(app, [*base, *extra])
        assert result.exit_code == code, result.output
        assert message in result.output
    short = cli.invoke(app, ["api", "review", hit, "--outcome", "confirmed", "--reason", "ok"])
    assert short.exit_code == 2  # --reviewer is required
    missing = ["api", "review", "999999", "--outcome", "refuse", "--reason", "seen it"]
    assert cli.invoke(app, [*missing, "--reviewer", "ann"]).exit_code == 1
    done = cli.invoke(app, [*base, "--outcome", "confirmed", "--reviewer", "ann", "--json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert result["outcome"] == "confirmed" and result["port"] == "LHR" and result["lookout"]


def test_api_rules_check_counts_flags_overdue_and_refuses(tmp_path: Path) -> None:
    shipped = runner.invoke(app, ["api", "rules", "check", "--json", "--today", "2026-01-01"])
    assert shipped.exit_code == 0, shipped.output
    report = json.loads(shipped.stdout)
    assert report["ok"] and report["rules"] >= 1 and report["refused"] == []
    rule = (
        "- id: {id}\n  title: {title}\n  owner: targeting team\n  justification: tests\n"
        "  review_date: 2025-01-01\n  when: {{fact: one_way, eq: true}}\n"
    )
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "a.yaml").write_text(rule.format(id="T-1", title="one way"))
    late = runner.invoke(
        app, ["api", "rules", "check", "--rules", str(folder), "--today", "2026-01-01"]
    )
    assert late.exit_code == 0, late.output
    assert "1 rule(s) accepted" in late.output and "overdue: T-1" in late.output
    (folder / "b.yaml").write_text(rule.format(id="T-2", title="religion of the traveller"))
    (folder / "c.yaml").write_text(rule.format(id="T-1", title="again"))
    bad = runner.invoke(app, ["api", "rules", "check", "--rules", str(folder), "--json"])
    assert bad.exit_code == 1
    refused = json.loads(bad.stdout)["refused"]
    assert [item["file"] for item in refused] == ["b.yaml", "c.yaml"]
    assert "protected characteristic" in refused[0]["message"]
    assert "defined twice" in refused[1]["message"]
