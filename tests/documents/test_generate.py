"""Generated MRZs are correct, and parse(generate(x)) gives x back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from borderpost.documents import MrzFields, make_mrz, parse
from tests.documents.strategies import mrz_fields

AT = dt.date(2026, 11, 29)


@settings(max_examples=400, deadline=None)
@given(mrz_fields())
def test_round_trip(fields: MrzFields) -> None:
    text = make_mrz(fields)
    lines = text.split("\n")
    assert len({len(line) for line in lines}) == 1
    result = parse(text, at=AT)
    assert result.valid, result.findings
    assert result.type == fields.type
    assert result.document_code == fields.document_code
    assert result.issuing_state == fields.issuing_state
    assert result.nationality == fields.nationality
    assert result.surname == fields.surname
    assert result.given_names == fields.given_names
    assert result.document_number == fields.document_number
    assert result.document_number_extended == (len(fields.document_number) > 9)
    assert result.sex == (fields.sex or "<")
    assert result.expiry_date == fields.expiry_date
    # The century of a birth date is inferred: exact only for the plausible (born in the
    # last hundred years, before the expiry; an expiry before birth moves birth back).
    if (
        fields.birth_date <= AT
        and fields.birth_date.year > AT.year - 100
        and fields.birth_date <= fields.expiry_date
    ):
        assert result.birth_date == fields.birth_date
    if fields.type == "TD3":
        assert (result.personal_number or "") == fields.personal_number
    else:
        assert (result.optional_data or "") == fields.optional_data
    if fields.type == "TD1":
        assert (result.optional_data_2 or "") == fields.optional_data_2


def _fields(**changes: object) -> MrzFields:
    base: dict[str, object] = {
        "type": "TD3",
        "document_code": "P",
        "issuing_state": "UTO",
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "document_number": "L898902C3",
        "nationality": "UTO",
        "birth_date": dt.date(1974, 8, 12),
        "sex": "F",
        "expiry_date": dt.date(2012, 4, 15),
        "personal_number": "ZE184226B",
    }
    base.update(changes)
    return MrzFields(**base)  # type: ignore[arg-type]


def test_generates_the_icao_specimen() -> None:
    assert make_mrz(_fields()) == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
    )


def test_transliteration_tables() -> None:
    text = make_mrz(_fields(surname="Müller-Lüdenscheidt", given_names="Jürgen Ørsted"))
    assert text.startswith("P<UTOMUELLER<LUEDENSCHEIDT<<JUERGEN<OERSTED<")
    text = make_mrz(_fields(surname="Шевченко", given_names="Юрій Євгенович", language="uk"))
    assert text.startswith("P<UTOSHEVCHENKO<<YURII<YEVHENOVYCH<")
    text = make_mrz(_fields(surname="Щербаков", given_names="Дмитрий"))
    assert text.startswith("P<UTOSHCHERBAKOV<<DMITRII<")
    text = make_mrz(_fields(surname="D'Artagnan", given_names="Charles"))
    assert text.startswith("P<UTODARTAGNAN<<CHARLES<")
    text = make_mrz(_fields(surname="Παπαδόπουλος", given_names="Γεώργιος"))
    assert parse(text, at=AT).valid


def test_truncation_keeps_a_letter_at_the_end() -> None:
    text = make_mrz(_fields(surname="Nilavadhanananda", given_names="Chayapa Dejthamrong Krasuang"))
    line = text.split("\n")[0]
    assert line == "P<UTONILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"
    result = parse(text, at=AT)
    assert result.name_truncated_possible and result.valid
    long_surname = "A" * 45
    line = make_mrz(_fields(surname=long_surname, given_names="Bob")).split("\n")[0]
    assert line.endswith("<<B") and len(line) == 44


def test_long_numbers_extend_into_optional_data() -> None:
    text = make_mrz(
        _fields(
            type="TD1",
            document_code="I",
            document_number="D23145890734",
            birth_date=dt.date(1934, 7, 12),
            sex="M",
            expiry_date=dt.date(1995, 7, 12),
            surname="Stevenson",
            given_names="Peter John",
            personal_number="",
        )
    )
    assert text.split("\n")[0] == "I<UTOD23145890<7349<<<<<<<<<<<"
    with pytest.raises(ValueError, match="a TD3 holds 9"):
        make_mrz(_fields(document_number="D23145890734"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "TD4"}, "document type 'TD4'"),
        ({"sex": "Q"}, "sex 'Q'"),
        ({"surname": "  "}, "surname is empty"),
        ({"surname": "123"}, "no letters"),
        ({"issuing_state": "U1O"}, "issuing state"),
        ({"document_code": "V"}, "does not start with P"),
        ({"personal_number": "A" * 15}, "personal number"),
        ({"document_number": "AB#12"}, "holds characters an MRZ cannot: #"),
    ],
)
def test_bad_fields_are_named(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_mrz(_fields(**changes))
