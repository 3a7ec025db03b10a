"""``borderpost lists``: import, show, history and changes, end to end on both databases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from borderpost.cli import app

HEADER = "id,name,dob,nationality\n"
V1 = HEADER + "L1,DOE John,1970,NLD\nL2,ROE Richard,1980,GBR\nL3,POE Edgar,1809,USA\n"
V2 = HEADER + "L1,DOE John,1970,NLD\nL2,ROE Richard,1981,GBR\nL4,NEW Person,,FRA\n"
SLTD = """issuing_country,document_number,document_type,status,reported_on,reference
NLD,P12345G7,passport,stolen,2024-03-01,SLTD-0001
Atlantis,X1,passport,lost,,
"""


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Any:
    """Invoke ``borderpost`` on the test database (a server database is upgraded first)."""
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BORDERPOST_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    if not database_url.startswith("sqlite"):
        assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return invoke


def _stderr(result: Result) -> str:
    """Standard error with Rich's line wrapping undone."""
    return " ".join(result.stderr.split())


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_show_history_changes(run: Any, shared_data: Path, tmp_path: Path) -> None:
    lists = shared_data / "lists"
    ofac = _json(
        run("lists", "import", "--format", "ofac", str(lists / "ofac_sdn_2021-07-07"), "--json")
    )
    assert (ofac["list"], ofac["version"], ofac["label"]) == ("OFAC SDN", 1, "2021-07-07")
    assert (ofac["read"], ofac["kept"], ofac["skipped"], ofac["added"]) == (8976, 8976, 0, 8976)
    assert ofac["warning_count"] == 22 and len(ofac["warnings"]) == 5
    xml = str(lists / "un_consolidated_2026-02-27" / "consolidated.xml")
    un = _json(run("lists", "import", "--format", "un", "--list", "UN", xml, "--json"))
    assert (un["list"], un["kept"], un["added"]) == ("UN", 1003, 1003)
    again = run("lists", "import", "--format", "un", "--list", "UN", xml)
    assert again.exit_code == 0 and "no changes (1003 entries unchanged)" in again.stdout

    (tmp_path / "v1.csv").write_text(V1, encoding="utf-8")
    (tmp_path / "v2.csv").write_text(V2, encoding="utf-8")
    for name, version in (("v1.csv", "A"), ("v2.csv", "B")):
        args = ("--format", "csv", "--list", "Lookouts", "--version", version)
        assert run("lists", "import", *args, str(tmp_path / name)).exit_code == 0
    changed = _json(run("lists", "changes", "Lookouts", "--json"))
    assert (changed["version"], changed["label"]) == (2, "B")
    assert [(c["change"], c["entry_id"], c["fields"], c["name"]) for c in changed["changes"]] == [
        ("added", "L4", [], "NEW Person"),
        ("changed", "L2", ["birth_dates"], "ROE Richard"),
        ("removed", "L3", [], "POE Edgar"),
    ]
    first = _json(run("lists", "changes", "Lookouts", "--version", "A", "--json"))
    assert [c["entry_id"] for c in first["changes"]] == ["L1", "L2", "L3"]
    table = run("lists", "changes", "Lookouts")
    assert table.exit_code == 0 and "POE Edgar" in table.stdout and "birth_dates" in table.stdout

    sltd = tmp_path / "sltd.csv"
    sltd.write_text(SLTD, encoding="utf-8")
    lost = _json(run("lists", "import", "--format", "sltd", str(sltd), "--json"))
    assert (lost["list"], lost["read"], lost["stored"], lost["skipped"]) == ("SLTD", 2, 1, 1)
    assert lost["errors"][0].startswith("sltd.csv line 3: issuing_country 'Atlantis'")

    shown = _json(run("lists", "show", "--json"))
    summary = {
        row["list"]: (row["versions"], row["entries"], row["removed"])
        for row in shown["watchlists"]
    }
    assert summary == {"Lookouts": (2, 3, 1), "OFAC SDN": (1, 8976, 0), "UN": (2, 1003, 0)}
    assert shown["lost_stolen"] == [{"list": "SLTD", "records": 1}]
    table = run("lists", "show")
    assert table.exit_code == 0 and "Lookouts" in table.stdout and "SLTD" in table.stdout

    history = run("lists", "history", "UN", "--json")
    rows = [json.loads(line) for line in history.stdout.splitlines()]
    assert [(r["version"], r["added"], r["no_changes"]) for r in rows] == [
        (1, 1003, False),
        (2, 0, True),
    ]
    assert "2026-02-27" in run("lists", "history", "UN").stdout


def test_errors_store_nothing(run: Any, shared_data: Path, tmp_path: Path) -> None:
    sdn = str(shared_data / "lists" / "ofac_sdn_2021-07-07" / "sdn.csv")
    bad_format = run("lists", "import", "--format", "pdf", sdn)
    assert bad_format.exit_code == 2 and "--format 'pdf' is not one of" in _stderr(bad_format)
    missing = run("lists", "import", "--format", "un", str(tmp_path / "nope.xml"))
    # a long temporary path may wrap the message anywhere: compare without white space
    unwrapped = "".join(_stderr(missing).split())
    assert missing.exit_code == 2 and "nope.xml:nosuchfileorfolder" in unwrapped
    wrong = run("lists", "import", "--format", "un", sdn)
    assert wrong.exit_code == 1
    assert "import failed, nothing stored" in _stderr(wrong) and "sdn.csv" in _stderr(wrong)
    empty = tmp_path / "empty.csv"
    empty.write_text("id,name\n", encoding="utf-8")
    (tmp_path / "one.csv").write_text("id,name\nL1,DOE John\n", encoding="utf-8")
    assert (
        run(
            "lists", "import", "--format", "csv", "--list", "L", str(tmp_path / "one.csv")
        ).exit_code
        == 0
    )
    refused = run("lists", "import", "--format", "csv", "--list", "L", str(empty))
    assert refused.exit_code == 1 and "would remove all 1" in _stderr(refused)
    shown = _json(run("lists", "show", "--json"))
    assert [(row["list"], row["versions"]) for row in shown["watchlists"]] == [("L", 1)]
    unknown = run("lists", "history", "nope")
    assert unknown.exit_code == 2 and "no such watchlist: nope" in _stderr(unknown)
    no_version = run("lists", "changes", "L", "--version", "9")
    assert no_version.exit_code == 2 and "has no version 9" in _stderr(no_version)
