"""National layouts outside ICAO 9303 that border posts still meet."""

from __future__ import annotations

import datetime as dt

import pytest

from borderpost.documents import MrzFields, make_mrz, parse

AT = dt.date(2026, 11, 29)
# The sample French identity card (1988-2021 model) as published with the card's description.
FRENCH_ID = "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013\n0506932020438CHRISTIANE<<NI2906209F3"


def test_french_identity_card() -> None:
    result = parse(FRENCH_ID, at=AT)
    assert result.type == "FRA_CNI" and result.valid
    assert (result.surname, result.given_names) == ("DOUEL", "CHRISTIANE NI")
    assert result.document_number == "050693202043"
    assert result.birth_date == dt.date(1929, 6, 20)
    assert (result.issuing_state, result.nationality, result.sex) == ("FRA", "FRA", "F")
    assert result.optional_data == "932013"
    assert result.checks == {"document_number": True, "birth_date": True, "composite": True}
    assert result.has("expiry_not_in_mrz") and result.has("name_truncated_possible")
    assert result.expiry_date is None


def test_french_identity_card_tampered_and_repaired() -> None:
    tampered = FRENCH_ID.replace("DOUEL", "DOUAL")
    result = parse(tampered, at=AT)
    assert not result.valid and result.checks["composite"] is False
    ocr = FRENCH_ID.replace("0506932020438", "0506932O20438")
    result = parse(ocr, at=AT)
    assert result.repair is not None and result.repair.mrz == FRENCH_ID
    # Three O's for 0: correcting one of them happens to satisfy both check digits, but a
    # reading that keeps an O between digits is not trusted; nothing wrong is proposed.
    worse = FRENCH_ID.replace("0506932020438", "O5O6932O20438")
    result = parse(worse, at=AT)
    assert result.repair is None or result.repair.mrz == FRENCH_ID


def test_a_td2_from_another_state_is_still_td2() -> None:
    text = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
    assert parse(text, at=AT).type == "TD2"


def test_national_layouts_are_read_not_generated() -> None:
    fields = MrzFields(
        type="FRA_CNI",
        document_code="ID",
        issuing_state="FRA",
        surname="DOUEL",
        given_names="CHRISTIANE",
        document_number="050693202043",
        nationality="FRA",
        birth_date=dt.date(1929, 6, 20),
        sex="F",
        expiry_date=dt.date(2030, 1, 1),
    )
    with pytest.raises(ValueError, match="not generated"):
        make_mrz(fields)
