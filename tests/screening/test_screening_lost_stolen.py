"""Lost/stolen travel documents: CSV parsing, exact and OCR-tolerant lookup with reasons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.screening import (
    ListFormatError,
    LostStolenIndex,
    LostStolenRecord,
    confusion_key,
    confusions,
    normalize_document_number,
    parse_lost_stolen_csv,
)
from borderpost.screening.docnumbers import CONFUSION_PAIRS

CSV = """issuing_country,document_number,document_type,status,reported_on,reference
NLD,P12345G7,passport,stolen,2024-03-01,SLTD-0001
NL,SPECI2014,passport,lost,2023-12-24,SLTD-0002
Germany,C01X-00T47,id card,revoked,,SLTD-0003
GBR,123456789,passport,blank-stolen,2022-01-31,
Atlantis,X1,passport,lost,,
FRA,,passport,lost,,
FRA,12AB34567,passport,misplaced,,
FRA,12AB34568,passport,lost,31/01/2022,
"""


@pytest.fixture(scope="module")
def index() -> LostStolenIndex:
    parsed = parse_lost_stolen_csv(CSV.encode(), file_name="sltd.csv")
    return LostStolenIndex(parsed.records)


def test_parse_records_and_row_errors() -> None:
    parsed = parse_lost_stolen_csv(CSV.encode(), file_name="sltd.csv")
    assert parsed.read == 8
    assert len(parsed.records) == 4
    first = parsed.records[0]
    assert first == LostStolenRecord(
        "NLD", "P12345G7", "passport", "stolen", date(2024, 3, 1), "SLTD-0001"
    )
    assert parsed.records[1].country == "NLD"
    assert parsed.records[2].normalized_number == "C01X00T47"
    assert [str(e) for e in parsed.errors] == [
        "sltd.csv line 6: issuing_country 'Atlantis' is not a known country; row skipped",
        "sltd.csv line 7: document_number is empty; row skipped",
        "sltd.csv line 8: status 'misplaced' is not one of lost, stolen, revoked, blank-stolen; "
        "row skipped",
        "sltd.csv line 9: reported_on '31/01/2022' is not YYYY-MM-DD; row skipped",
    ]


def test_missing_column_is_named() -> None:
    with pytest.raises(ListFormatError, match="header lacks column\\(s\\): status, reference"):
        parse_lost_stolen_csv(b"issuing_country,document_number,document_type,reported_on\n")


def test_exact_lookup_normalises_the_presented_number(index: LostStolenIndex) -> None:
    (hit,) = index.lookup("c01x-00t47<<", "DEU")
    assert hit.exact
    assert hit.record.status == "revoked"
    assert hit.reason == (
        "document number C01X00T47 matches revoked-list entry C01X-00T47 (DEU) exactly"
    )


def test_ocr_confusion_lookup_explains_itself(index: LostStolenIndex) -> None:
    (hit,) = index.lookup("P1234567", "NLD")
    assert not hit.exact
    assert hit.confusions == ((7, "6", "G"),)
    assert hit.reason == (
        "document number P1234567 matches stolen-list entry P12345G7 (NLD) "
        "with OCR confusion 6/G at position 7"
    )
    (two,) = index.lookup("5PEC12O14", "NL")
    assert two.reason.endswith(
        "with OCR confusions 5/S at position 1, 1/I at position 5, 0/O at position 7"
    )


def test_country_filter_and_strict_mode(index: LostStolenIndex) -> None:
    assert index.lookup("P1234567", "FRA") == []
    assert index.lookup("P1234567", "Atlantis") == []
    assert index.lookup("P1234567", ocr_tolerant=False) == []
    assert len(index.lookup("P12345G7", ocr_tolerant=False)) == 1
    assert [h.record.country for h in index.lookup("I23456789")] == ["GBR"]
    assert index.lookup("") == []
    assert len(index) == 4


def test_exact_hits_come_first() -> None:
    records = [
        LostStolenRecord("FRA", "AB0123", "passport", "lost"),
        LostStolenRecord("FRA", "ABO123", "passport", "stolen"),
    ]
    hits = LostStolenIndex(records).lookup("ABO123")
    assert [h.record.status for h in hits] == ["stolen", "lost"]
    assert hits[0].exact and not hits[1].exact


def test_confusions_refuses_unrelated_numbers() -> None:
    with pytest.raises(ValueError, match="more than OCR confusions"):
        confusions("AB123", "AB124")


_CONFUSABLE = {a: b for pair in CONFUSION_PAIRS for a, b in (pair, pair[::-1])}
_number = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_number, st.data())
def test_any_confusable_substitution_is_found(number: str, data: st.DataObject) -> None:
    swapped = [
        _CONFUSABLE[ch] if ch in _CONFUSABLE and data.draw(st.booleans()) else ch for ch in number
    ]
    presented = "".join(swapped)
    index = LostStolenIndex([LostStolenRecord("UTO", number, "passport", "stolen")])
    (hit,) = index.lookup(presented, "UTO")
    expected = tuple(
        (i, a, b) for i, (a, b) in enumerate(zip(presented, number, strict=True), 1) if a != b
    )
    assert hit.confusions == expected
    assert confusion_key(presented) == confusion_key(number)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_normal_form_is_idempotent(text: str) -> None:
    once = normalize_document_number(text)
    assert normalize_document_number(once) == once
    assert confusion_key(confusion_key(text)) == confusion_key(text)
