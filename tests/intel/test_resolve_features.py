"""Derived columns for entity resolution: names in several scripts, dates, phones, numbers."""

from __future__ import annotations

import pytest

from borderpost.intel.resolve.features import Phones, derive, dob_parts, identifier, split_values


@pytest.mark.parametrize(
    ("native", "latin"),
    [
        ("Иван Петрович Сидоров", "IVAN PETROVICH SIDOROV"),
        ("محمد عبد الله", "MOHAMMED ABDULLAH"),
        ("Rafał Wałęsa", "RAFAL WALESA"),
    ],
)
def test_a_name_and_its_latin_spelling_share_keys(native: str, latin: str) -> None:
    left, right = derive({"name": native}), derive({"name": latin})
    assert left["name_joined"] == right["name_joined"]
    assert left["key_high"] == right["key_high"] or left["name_skel"] == right["name_skel"]


def test_cyrillic_name_has_the_same_skeleton_and_phonetic_key() -> None:
    left, right = derive({"name": "Иван Сидоров"}), derive({"name": "Sidorov, Ivan"})
    assert left["name_skel"] == right["name_skel"] == "AFN SDRF"
    assert left["name_phon"] == right["name_phon"]
    assert left["name_sorted"] == right["name_sorted"] == "IVAN SIDOROV"


def test_first_name_and_surname_roles_make_a_name() -> None:
    out = derive({"first_name": "Kyle", "surname": "Murphy"})
    assert out["name_latin"] == "KYLE MURPHY"
    assert out["key_surname"] == derive({"name": "Murphy"})["key_low"]


def test_missing_name_gives_empty_columns() -> None:
    out = derive({"dob": "1990-01-02"})
    assert out["name_latin"] is None and out["name_keys"] == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("1980-03-12", ("1980-03-12", 1980, 3, 12)),
        ("12/03/1980", ("1980-03-12", 1980, 3, 12)),
        ("1993", (None, 1993, None, None)),
        ("19810912", ("1981-09-12", 1981, 9, 12)),
        ("1980-13-40", (None, 1980, None, None)),
        ("", (None, None, None, None)),
        ("unknown", (None, None, None, None)),
    ],
)
def test_dob_parts(text: str, parts: tuple[object, ...]) -> None:
    assert dob_parts(text) == parts


def test_phones_become_e164() -> None:
    assert Phones(region="GB").e164("020 7946 0018") == "+442079460018"
    assert Phones().e164("+7 (916) 123-45-67") == "+79161234567"
    assert Phones(home_code="999").e164("081126116") == "+99981126116"
    assert Phones().e164("0049 30 1234567") == "+49301234567"
    assert Phones().e164("n/a") is None
    out = derive({"phone": "+44 20 7946 0018; +7 916 123 45 67"})
    assert out["phones"] == ["+442079460018", "+79161234567"]
    assert out["phones_first"] == "+442079460018"


def test_identifiers_and_lists() -> None:
    assert identifier("ab-123 456") == "AB123456"
    assert split_values("a; b|c ;") == ["a", "b", "c"]
    out = derive({"document_number": "pa 100-0003", "plate": "VD-186-PJ", "gender": "female"})
    assert out["documents"] == ["PA1000003"] and out["plates"] == ["VD186PJ"]
    assert out["gender"] == "F"
