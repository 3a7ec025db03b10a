"""``borderpost intel record|import|records|edges`` on a real database: a seizure and an
arrest recorded by an officer, the sample ledger imported with its rejections reported, the
recorded links ranked by ``intel rank``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from borderpost.cli import app
from borderpost.inspection.ports import add_port
from borderpost.store import UnitOfWork, open_store
from tests.casework.conftest import DATA, NOW
from tests.support.accounts import add_user, settings_for
from tests.support.cli import migrated_runner


def test_record_import_and_rank(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = migrated_runner(database_url, tmp_path, monkeypatch)
    store = open_store(settings_for(database_url, "cli-" + "k" * 40))
    with UnitOfWork(store) as uow:
        port = add_port(uow.session, code="NMG", name="Namanga", kind="land", actor="t", now=NOW)
        add_user(uow.session, "olga", "officer", port.id, NOW)
        add_user(uow.session, "ann", "analyst", None, NOW)
        uow.commit()
    store.dispose()

    seizure = [
        "intel", "record", "seizure", "--as", "olga", "--ref", "NMG/2026/100",
        "--date", "1 April 2026", "--commodity", "cocaine", "--quantity", "2,5 kg",
        "--port", "NMG", "--person", "John Kamau Mwangi", "--born", "14/07/1985",
        "--role", "courier", "--phone", "0712 345 678", "--phone-region", "KE",
        "--source", "seizure report 100", "--json",
    ]  # fmt: skip
    result = runner.invoke(app, seizure)
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert facts["summary"] == "2.5 kg cocaine"
    assert ["phone", "+254712345678"] in facts["identifiers"]
    again = runner.invoke(app, seizure)
    assert again.exit_code == 1 and "already recorded" in again.output

    bad = runner.invoke(
        app,
        ["intel", "record", "seizure", "--as", "olga", "--ref", "X", "--date", "2026-04-31",
         "--commodity", "pistols", "--quantity", "2 kg", "--port", "NMG", "--source", "s"],
    )  # fmt: skip
    assert bad.exit_code == 2
    assert "--date" in bad.output and "not a real date" in bad.output
    assert "--quantity: firearms is measured" in bad.output

    arrest = runner.invoke(
        app,
        ["intel", "record", "arrest", "--as", "olga", "--ref", "NMG/A/1", "--date", "2026-04-02",
         "--person", "John Kamau Mwangi", "--born", "1985-07-14", "--charge", "trafficking",
         "--seizure", "NMG/2026/100", "--port", "NMG", "--source", "arrest report 1"],
    )  # fmt: skip
    assert arrest.exit_code == 0, arrest.output

    officer_import = runner.invoke(
        app,
        ["intel", "import", str(DATA / "namanga_ledger.csv"), "--mapping",
         str(DATA / "namanga_mapping.toml"), "--as", "olga"],
    )  # fmt: skip
    assert officer_import.exit_code == 1 and "may not import" in officer_import.output
    rejected = tmp_path / "rejected.csv"
    imported = runner.invoke(
        app,
        ["intel", "import", str(DATA / "namanga_ledger.csv"), "--mapping",
         str(DATA / "namanga_mapping.toml"), "--as", "ann", "--rejected", str(rejected)],
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    assert "20 rows read, 9 recorded, 11 rejected" in imported.output
    with rejected.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {"row": "13", "column": "Chassis No"}.items() <= rows[6].items()

    listed = runner.invoke(app, ["intel", "records", "--port", "NMG", "--json"])
    assert listed.exit_code == 0
    assert len(json.loads(listed.output)) == 10

    edges = tmp_path / "edges.csv"
    assert runner.invoke(app, ["intel", "edges", "--out", str(edges)]).exit_code == 0
    ranked = runner.invoke(app, ["intel", "rank", str(edges), "--json", "--top", "3"])
    assert ranked.exit_code == 0, ranked.output
    top = json.loads(ranked.output)
    assert top[0]["node"] in {"phone:+254712345678", "person:JOHN KAMAU MWANGI|1985-07-14"}


def test_an_unreadable_mapping_or_ledger_is_named(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = migrated_runner(database_url, tmp_path, monkeypatch)
    mapping = tmp_path / "map.toml"
    mapping.write_text("[columns]\nA = 'ref'\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "intel",
            "import",
            str(DATA / "namanga_ledger.csv"),
            "--mapping",
            str(mapping),
            "--as",
            "ann",
        ],
    )
    assert result.exit_code == 2 and "maps no column to date" in result.output
    result = runner.invoke(
        app,
        [
            "intel",
            "import",
            str(tmp_path / "none.csv"),
            "--mapping",
            str(DATA / "namanga_mapping.toml"),
            "--as",
            "ann",
        ],
    )
    assert result.exit_code == 2 and "cannot read" in result.output
