"""Stolen-vehicle lists: CSV import and exact / OCR-tolerant lookups."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from borderpost.conveyances.stolen import StolenIndex, StolenVehicle, confusion_key
from borderpost.conveyances.stolen_csv import read_stolen_csv

LIST = """VIN,Engine number,Registration,Country,Make,Model,Reported on,Case
1G4AH59H45G118341,LX5 123456,UT1234AB,UTO,Buick,LeSabre,2026-03-01,P-2026-77
WVWZZZ1JZXW000001,,AB123CD,FRA,Volkswagen,Golf,01/02/2026,FR-9
,ENG 998877,,,Toyota,Hilux,,K-1
"""


def _index() -> StolenIndex:
    reading = read_stolen_csv(LIST, list_name="national")
    assert reading.errors == [] and reading.warnings == []
    return StolenIndex(reading.vehicles)


def test_import_reads_every_column() -> None:
    first = _index().records[0]
    assert first == StolenVehicle(
        "1G4AH59H45G118341",
        "LX5123456",
        "UT1234AB",
        "UTO",
        "Buick",
        "LeSabre",
        dt.date(2026, 3, 1),
        "P-2026-77",
        "national",
    )


def test_exact_and_tolerant_vin_hits() -> None:
    index = _index()
    (hit,) = index.lookup(vin="1g4ah59h45g118341")
    assert hit.exact and hit.field == "vin" and "P-2026-77" in hit.reason
    (loose,) = index.lookup(vin="1G4AH59H4SG1I834I")
    assert not loose.exact
    assert "position 10: S for 5" in loose.reason and "position 13: I for 1" in loose.reason
    assert index.lookup(vin="1G4AH59H45G118342") == []


def test_engine_number_hits() -> None:
    (hit,) = _index().lookup(engine_number="ENG-99887Z".replace("Z", "7"))
    assert hit.exact and hit.record.make == "Toyota"
    (loose,) = _index().lookup(engine_number="ENG 99BB77")
    assert not loose.exact


def test_import_errors_name_lines() -> None:
    bad = "VIN,Reported\n,2026-01-01\nABC,32/13/2026\n"
    reading = read_stolen_csv(bad)
    assert reading.errors == [
        "line 2: neither a VIN nor an engine number",
        "line 3: date '32/13/2026' is not YYYY-MM-DD or DD/MM/YYYY",
    ]
    assert read_stolen_csv("colour\nred\n").errors[0].startswith("header has neither")
    assert read_stolen_csv("").errors == ["the file is empty"]
    odd = read_stolen_csv("vin\nSHORT123\n")
    assert odd.errors == [] and odd.warnings == [
        "line 2: SHORT123 is not a 17-character VIN (kept as written)"
    ]


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPRSTUVWXYZOIQ", min_size=5, max_size=20))
def test_confusion_key_is_idempotent_and_tolerant(text: str) -> None:
    assert confusion_key(confusion_key(text)) == confusion_key(text)
    swapped = text.replace("0", "O").replace("1", "I").replace("5", "S")
    assert confusion_key(swapped) == confusion_key(text)


@given(st.text(max_size=200))
def test_stolen_csv_never_crashes(text: str) -> None:
    reading = read_stolen_csv("vin,engine,reported\n" + text)
    assert reading.vehicles or reading.errors
