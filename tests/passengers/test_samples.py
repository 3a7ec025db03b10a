"""The development samples in ../shared/data/paxlst read exactly as expected.json says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from borderpost.passengers import read
from borderpost.passengers.reading import Reading

# The defects each sample carries (expected.json's notes), as the reader reports them.
DEFECTS = {
    "sample_01.edi": ["padded_value", "traveller_count_mismatch"],
    "sample_02.edi": ["padded_value", "traveller_count_mismatch", "segment_count_mismatch"],
    "sample_03.edi": ["flight_carrier_mismatch"],
    "sample_04.edi": [],
    "pnrgov_04.edi": ["segment_count_mismatch"],
}


@pytest.fixture(scope="module")
def samples(shared_data: Path) -> tuple[Path, dict[str, Any]]:
    folder = shared_data / "paxlst"
    return folder, json.loads((folder / "expected.json").read_text("utf-8"))


def _summary(reading: Reading) -> dict[str, Any]:
    """The reading in expected.json's vocabulary."""
    messages = reading.messages
    return {
        "interchanges": reading.interchanges,
        "messages": len(messages),
        "message_types": [m.identifier for m in messages],
        "bgm": [m.manifest.document_code for m in messages if m.manifest],
        "flights": [f.number for m in messages for f in m.flights],
        "persons": [
            {
                "role": p.role_code,
                "surname": p.surname,
                "given": p.given_names,
                "docs": [f"{d.type}/{d.number}" for d in p.documents],
            }
            for m in messages
            for p in m.persons
        ],
        "n_persons": sum(len(m.persons) for m in messages),
        "cnt": [f"{q}:{v}" for m in messages for q, v in m.totals],
        "unt_declared": [m.declared_segments for m in messages],
        "unt_actual": [m.segment_count for m in messages],
        "n_segments": reading.segment_count,
    }


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_sample_reads_as_expected(name: str, samples: tuple[Path, dict[str, Any]]) -> None:
    folder, expected = samples
    data = (folder / name).read_bytes()
    case = expected[name]
    assert len(data) == case["bytes"]
    reading = read(data)
    assert [w.code for w in reading.warnings] == DEFECTS[name]
    for item in reading.warnings:
        assert item.message and item.position.segment > 0 and item.position.line > 0
    if "expected" in case:
        assert _summary(reading) == case["expected"]
    delimiters = case.get("delimiters")
    if delimiters is not None and data.lstrip().startswith(b"UNA"):
        advice = "".join(delimiters[k] for k in ("comp", "elem", "dec", "rel", "rsv", "term"))
        assert data.lstrip()[3:9].decode() == advice


def test_sample_01_detail(samples: tuple[Path, dict[str, Any]]) -> None:
    reading = read((samples[0] / "sample_01.edi").read_bytes())
    message = reading.messages[0]
    assert message.manifest is not None and message.manifest.sender == "DAVIDSON ROBERT"
    leg = message.flights[0].legs[0]
    assert (leg.origin, leg.destination) == ("SYD", "HNL")
    assert leg.departure is not None and leg.departure.isoformat() == "2013-06-21T09:00:00"
    assert leg.arrival is not None and leg.arrival.isoformat() == "2013-06-21T22:00:00"
    person = message.persons[0]
    assert person.sex == "M" and str(person.birth_date) == "1972-09-07"
    assert (person.nationality, person.residence, person.birth_place) == (
        "GBR",
        "GBR",
        "AMBER HILL GBR",
    )
    assert (person.embarkation, person.debarkation, person.bags) == ("SYD", "HNL", 2)
    assert [(t.number, t.count) for t in person.bag_tags] == [("ZZ012345", 3)]
    assert dict(person.references) == {"AVF": "TYR123", "ABO": "ABC123"}
    document = person.documents[0]
    assert (document.issuing_state, str(document.expiry)) == ("GBR", "2015-12-31")
    codes = {w.code: w.position for w in reading.warnings}
    assert codes["traveller_count_mismatch"].segment == 31  # CNT, 31st segment of the file


def test_progressive_flight_legs(samples: tuple[Path, dict[str, Any]]) -> None:
    reading = read((samples[0] / "sample_04.edi").read_bytes())
    legs = [leg.to_dict() for flight in reading.messages[0].flights for leg in flight.legs]
    assert legs == [
        {
            "from": "ATL",
            "to": "ORD",
            "departure": "2007-02-19T15:40",
            "arrival": "2007-02-19T17:40",
        },
        {
            "from": "ORD",
            "to": "JFK",
            "departure": "2007-02-19T18:40",
            "arrival": "2007-02-19T19:55",
        },
    ]


def test_pnrgov_bookings(samples: tuple[Path, dict[str, Any]]) -> None:
    reading = read((samples[0] / "pnrgov_04.edi").read_bytes())
    message = reading.messages[0]
    assert message.type == "PNRGOV" and [f.number for f in message.flights] == ["DL324"]
    first, second = message.bookings
    assert (first.system, first.record_locator) == ("DL", "MFN4TI")
    assert (second.system, second.record_locator) == ("1A", "23456")
    names = [(t.surname, t.given_names, t.title) for b in message.bookings for t in b.travellers]
    assert names == [
        ("SMITHJR", "JOHN", "MR"),
        ("JONES", "WILLIAM", "MR"),
        ("WAYNE", "JOHN", "MR"),
        ("COOPER", "GARY", "MR"),
    ]
    smith = first.travellers[0]
    assert smith.documents[0].number == "123456789" and str(smith.birth_date) == "1964-07-12"
    assert smith.frequent_flyer == "DL1234567890"
    assert smith.tickets[0].number == "0062120234533" and smith.tickets[0].total == "2957.94"
    assert first.payments[0].type == "CC" and first.payments[0].vendor == "VI"
    assert first.agency is not None and first.agency.number == "52519950"
    assert first.bags == 4 and "CTCR 00115555555555" in first.contacts
    assert [(i.origin, i.destination, i.kind) for i in first.itinerary] == [
        ("LHR", "JFK", "air"),
        ("JFK", "YVR", "air"),
        ("YVR", None, "other"),
    ]
    assert ("15A", "1") in [(s.seat, s.traveller) for s in first.seats]
    assert first.split_to == ("DL:ABCDEF",)
    assert {h.action for h in first.history} == {"X", "A"} and first.history[0].by == "LHRRR"
    assert [(h.action, h.text) for h in second.history] == [
        ("X", "WAYNE+JONMR:A:1"),
        ("A", "WAYNE+JOHNMR:A:1"),
    ]
    json.dumps(reading.to_dict())  # the whole reading is JSON-ready


def test_every_warning_code_is_documented() -> None:
    from borderpost.passengers.findings import catalogue

    text = (Path(__file__).resolve().parents[2] / "docs" / "passengers.md").read_text("utf-8")
    for code in catalogue():
        assert f"| `{code}` |" in text, code
