"""``borderpost api parse``: the JSON shape, the human table, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from borderpost.cli import app

runner = CliRunner()


def test_parse_json_shape(shared_data: Path) -> None:
    result = runner.invoke(
        app, ["api", "parse", str(shared_data / "paxlst/sample_02.edi"), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["interchanges"] == 1
    message = data["messages"][0]
    assert message["type"] == "PAXLST"
    assert message["flights"] == [
        {
            "number": "ZZ123",
            "carrier": "ZZ",
            "legs": [
                {
                    "from": "SYD",
                    "to": "HNL",
                    "departure": "2013-06-21T09:00",
                    "arrival": "2013-06-21T22:00",
                }
            ],
        }
    ]
    person = message["persons"][0]
    assert {k: person[k] for k in ("role", "surname", "given_names", "sex", "birth_date")} == {
        "role": "crew",
        "surname": "CLARK",
        "given_names": "MICHAEL",
        "sex": "M",
        "birth_date": "1972-09-07",
    }
    assert person["nationality"] == "CAN"
    assert person["documents"] == [
        {
            "type": "P",
            "number": "MB140241",
            "issuing_state": "CAN",
            "expiry": "2015-10-21",
            "issued": None,
        }
    ]
    warning = data["warnings"][-1]
    assert warning["code"] == "segment_count_mismatch"
    assert warning["position"] == {
        "segment": 23,
        "line": 1,
        "offset": warning["position"]["offset"],
    }
    assert warning["message"]


def test_parse_pnrgov_has_bookings(shared_data: Path) -> None:
    result = runner.invoke(
        app, ["api", "parse", str(shared_data / "paxlst/pnrgov_04.edi"), "--json"]
    )
    message = json.loads(result.stdout)["messages"][0]
    assert message["type"] == "PNRGOV"
    assert [b["record_locator"] for b in message["bookings"]] == ["MFN4TI", "23456"]
    assert len(message["persons"]) == 4 and "flights" in message


def test_parse_human_output(shared_data: Path) -> None:
    result = runner.invoke(app, ["api", "parse", str(shared_data / "paxlst/sample_03.edi")])
    assert result.exit_code == 0
    assert "MARTINEZ" in result.stdout and "flight_carrier_mismatch" in result.stdout


def test_not_edifact_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("just a note, no EDIFACT here\n")
    result = runner.invoke(app, ["api", "parse", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not EDIFACT" in lines[0]
    missing = runner.invoke(app, ["api", "parse", str(tmp_path / "absent.edi")])
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1
