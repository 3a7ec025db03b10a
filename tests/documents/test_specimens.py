"""The ICAO Doc 9303 specimens and check-digit examples give the expected results."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from borderpost.documents import check_digit, parse

REFERENCE = dt.date(2026, 11, 29)


def _cases(shared: Path, name: str) -> list[dict[str, Any]]:
    path = shared / "icao" / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _specimens() -> list[dict[str, Any]]:
    return _cases(SHARED_DATA, "icao_specimens.jsonl")


@pytest.mark.parametrize("case", _specimens(), ids=lambda case: str(case["id"]))
def test_specimen(case: dict[str, Any]) -> None:
    result = parse(case["mrz"], at=REFERENCE)
    data = result.to_dict()
    assert data["type"] == case["type"]
    assert data["valid"] is case["valid"]
    expected = case["expected"]
    for key in (
        "document_code",
        "issuing_state",
        "surname",
        "given_names",
        "nationality",
        "sex",
        "document_number",
        "name_truncated_possible",
        "personal_number",
    ):
        if key in expected:
            assert data[key] == expected[key], key
    for key in ("optional_data", "optional_data_1"):
        if key in expected:
            assert (data["optional_data"] or "") == expected[key]
    if "optional_data_2" in expected:
        assert (data["optional_data_2"] or "") == expected["optional_data_2"]
    for key in ("birth_date", "expiry_date"):
        if key in expected:
            raw = expected[key]
            assert data[key] is not None and data[key][2:].replace("-", "") == raw
    if "check_results" in case:
        assert data["checks"] == case["check_results"]
    for failed in case["failed_checks"]:
        if failed == "line_length":
            assert result.has("line_length")
        else:
            assert data["checks"][failed] is False
    if "icao_erratum" in case["tags"]:
        assert result.has("known_icao_erratum"), "an ICAO erratum must be named as such"
    if case.get("codes_known"):
        assert not result.has("issuing_state_unknown")
        assert not result.has("nationality_unknown")
    if case["type"] is not None:
        assert result.has("specimen") == ("utopia" in case["tags"] or "UTO" in case["mrz"])


def test_specimen_dates_are_century_resolved() -> None:
    result = parse(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        at=REFERENCE,
    )
    assert result.birth_date == dt.date(1974, 8, 12)
    assert result.expiry_date == dt.date(2012, 4, 15)
    assert result.has("expired")


def test_check_digit_examples(shared_data: Path) -> None:
    cases = _cases(shared_data, "check_digit_examples.jsonl")
    assert len(cases) >= 5
    for case in cases:
        assert check_digit(case["input"]) == int(case["expected_check_digit"]), case["source"]


def test_erratum_composite_is_explained() -> None:
    result = parse(
        "I<NLDXI85935F86999999990<<<<<<\n7208148F1108268NLD<<<<<<<<<<<4\n"
        "VAN<DER<STEEN<<MARIANNE<LOUISE",
        at=REFERENCE,
    )
    mismatch = [f for f in result.findings if f.code == "check_digit_mismatch"]
    assert [f.message for f in mismatch] == ["composite check digit is 4, computed 8"]
    erratum = next(f for f in result.findings if f.code == "known_icao_erratum")
    assert "Part 10" in erratum.message
