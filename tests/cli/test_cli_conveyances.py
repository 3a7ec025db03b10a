"""``borderpost vehicle`` and ``borderpost cargo``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderpost.cli import app

DATA = Path(__file__).parents[1] / "data"
STOLEN = (
    "vin,engine number,make,reported on,case\n1G4AH59H45G118341,LX5123456,Buick,2026-03-01,P-77\n"
)


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("BORDERPOST_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("BORDERPOST_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_vehicle_check_and_stolen_import(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["vehicle", "check", "--json", "1M8GDM9AXKP042788"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["vin"]["status"] == "valid" and card["stolen_hits"] == []
    (tmp_path / "stolen.csv").write_text(STOLEN)
    result = runner.invoke(app, ["vehicle", "import-stolen", "stolen.csv", "--list", "national"])
    assert result.exit_code == 0 and "1 added" in result.output
    result = runner.invoke(app, ["vehicle", "check", "1G4AH59H4SG118341"])
    assert result.exit_code == 0
    assert "Reported stolen" in result.output and "tolerant" in result.output
    result = runner.invoke(app, ["vehicle", "check", "--json", " ab-12 cd "])
    assert json.loads(result.output)["plate"]["plate"] == "AB12CD"
    (tmp_path / "bad.csv").write_text("colour\nred\n")
    result = runner.invoke(app, ["vehicle", "import-stolen", "bad.csv"])
    assert result.exit_code == 1 and "neither a VIN" in result.output


def test_cargo_read_and_target(runner: CliRunner) -> None:
    sample = str(DATA / "cuscar" / "two_bills.edi")
    result = runner.invoke(app, ["cargo", "read", "--json", sample])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["source"] == "cuscar"
    assert body["manifests"][0]["consignments"][0]["bill_of_lading"] == "MEDU7250011"
    result = runner.invoke(app, ["cargo", "read", sample])
    assert result.exit_code == 0 and "MEDU7250012" in result.output
    result = runner.invoke(app, ["cargo", "target", sample])
    assert result.exit_code == 0 and "1 of 2 containers selected" in result.output
    assert "MSKU1234565" in result.output
    result = runner.invoke(app, ["cargo", "target", "--json", sample])
    selected = [c["container"] for c in json.loads(result.output)["containers"] if c["selected"]]
    assert selected == ["MSKU1234565"]


def test_cargo_csv_mapping_and_errors(runner: CliRunner, tmp_path: Path) -> None:
    rows = "Ref,Box,Goods,Seal\nX1,CSQU3054383,FREIGHT ALL KINDS,SL123456\n"
    (tmp_path / "m.csv").write_text(rows)
    result = runner.invoke(app, ["cargo", "read", "m.csv"])
    assert result.exit_code == 2 and "bill-of-lading" in result.output
    result = runner.invoke(
        app,
        [
            "cargo",
            "target",
            "--all",
            "m.csv",
            "--column",
            "bill_of_lading=Ref",
            "--column",
            "container=Box",
            "--column",
            "description=Goods",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "0 of 1 containers selected" in result.output
    result = runner.invoke(app, ["cargo", "read", "m.csv", "--column", "nonsense"])
    assert result.exit_code == 2 and "field=Header" in result.output


def test_sim_cargo_and_vehicles_write_their_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["sim", "cargo", "--seed", "3", "--voyages", "2", "--consignments", "40", "--out", "cargo"],
    )
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "cargo").iterdir())
    assert files == ["planted.jsonl", "voyage-V03000.edi", "voyage-V03001.edi"]
    result = runner.invoke(app, ["cargo", "read", "--json", "cargo/voyage-V03000.edi"])
    assert json.loads(result.output)["manifests"][0]["voyage"] == "V03000"
    result = runner.invoke(app, ["sim", "vehicles", "--crossings", "50", "--out", "veh"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["vehicle", "import-stolen", "veh/stolen.csv"])
    assert result.exit_code == 0 and "400 added" in result.output
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["sim", "cargo", "--out", "file"])
    assert result.exit_code == 2 and "is a file" in result.output
