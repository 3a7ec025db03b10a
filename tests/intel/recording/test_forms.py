"""A seizure or arrest from named fields: the rules of ledger rows, errors by field."""

from __future__ import annotations

import datetime as dt

import pytest

from borderpost.intel.recording import FieldErrors, arrest_from_fields, seizure_from_fields


def test_a_seizure_from_fields() -> None:
    draft = seizure_from_fields(
        {
            "ref": "S-9",
            "date": "2026-03-02",
            "commodity": "cash",
            "quantity": "12 500",
            "currency": "€",
            "person_name": "Hassan Ali Omar",
            "person_role": "payer",
            "phones": "0712 345 678; +255 754 123 456",
            "source": "report 9",
        },
        phone_region="KE",
    )
    assert draft.summary == "12,500 EUR banknotes"
    assert draft.source == "report 9"
    assert {p.entity.key for p in draft.parties if p.entity.kind == "phone"} == {
        "+254712345678",
        "+255754123456",
    }
    assert {link.role for link in draft.links} == {"used"}


def test_every_bad_field_is_named() -> None:
    with pytest.raises(FieldErrors) as caught:
        seizure_from_fields(
            {"ref": "", "date": "yesterday", "commodity": "cocaine", "quantity": "4 kg", "vin": "X"}
        )
    assert set(caught.value.errors) == {"ref", "date", "vin", "source"}


def test_an_arrest_from_fields() -> None:
    draft = arrest_from_fields(
        {
            "ref": "A-7",
            "date": "19/05/2026",
            "person_name": "John Kamau Mwangi",
            "person_birth_date": "14/07/1985",
            "charge": "trafficking",
            "seizure_ref": "S-1",
            "phones": "0712345678",
            "vehicle_plate": "KCA 123A",
            "source": "arrest report 7",
        },
        phone_region="KE",
        plate_country="KE",
    )
    assert draft.date == dt.date(2026, 5, 19)
    assert draft.person.key == "JOHN KAMAU MWANGI|1985-07-14"
    assert {(p.entity.kind, p.role) for p in draft.parties} == {
        ("phone", "found"),
        ("vehicle", "conveyance"),
    }
    with pytest.raises(FieldErrors) as caught:
        arrest_from_fields({"ref": "A-8", "date": "2026-05-19", "source": "x"})
    assert set(caught.value.errors) == {"person_name", "charge"}
