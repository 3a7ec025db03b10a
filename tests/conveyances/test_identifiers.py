"""VIN, container, IMO, seal and plate identifiers: the issue's cases and invariants."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderpost.conveyances.containers import ContainerNumber, check_digit, read_container
from borderpost.conveyances.imo import IMO, imo_check_digit
from borderpost.conveyances.plates import Plate, read_plate
from borderpost.conveyances.seals import Seal
from borderpost.conveyances.vin import ALPHABET, VIN, CheckStatus, read_vin
from borderpost.conveyances.vin import check_digit as vin_check


@pytest.mark.parametrize("vin", ["1M8GDM9AXKP042788", "1G4AH59H45G118341"])
def test_known_good_vins_validate(vin: str) -> None:
    reading = read_vin(vin)
    assert reading.status is CheckStatus.VALID
    assert VIN.is_valid(vin)
    assert "agrees" in reading.reason


def test_vin_decodes_manufacturer_and_both_model_years() -> None:
    reading = read_vin("1m8-gdm9a-xkp042788")
    assert reading.vin == "1M8GDM9AXKP042788"
    assert reading.manufacturer == "Motor Coach Industries"
    assert reading.region == "North America"
    assert reading.model_years == (1989, 2019)
    assert read_vin("1G4AH59H45G118341").model_years == (2005, 2035)


def test_european_vin_check_not_applicable() -> None:
    reading = read_vin("WVWZZZ1JZXW000001")
    assert reading.status is CheckStatus.NOT_APPLICABLE
    assert reading.manufacturer == "Volkswagen"
    assert "Europe" in reading.reason
    assert VIN.is_valid("WVWZZZ1JZXW000001")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1M8GDM9AXKP04278", "16 characters"),
        ("1M8GDM9AXKP0427O8", "O"),
        ("1M8GDM9AXKP0427I8", "I"),
        ("1M8GDM9AXKP0427Q8", "Q"),
        ("1M8GDM9AXKP04278*", "outside"),
    ],
)
def test_malformed_vins_rejected_with_reason(text: str, words: str) -> None:
    reading = read_vin(text)
    assert reading.vin is None and reading.status is None
    assert reading.problem is not None and words in reading.problem
    assert not VIN.is_valid(text)


def test_wrong_check_digit_invalid() -> None:
    reading = read_vin("1M8GDM9A1KP042788")
    assert reading.status is CheckStatus.INVALID
    assert "give X" in reading.reason
    assert not VIN.is_valid("1M8GDM9A1KP042788")


def test_vin_format() -> None:
    assert VIN.format("1m8gdm9axkp042788") == "1M8 GDM9A X KP042788"
    assert VIN.format("short") is None


vins = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@given(vins)
def test_vin_with_its_own_check_digit_is_valid_in_north_america(body: str) -> None:
    vin = "1" + body[1:]
    vin = vin[:8] + vin_check(vin) + vin[9:]
    assert read_vin(vin).status is CheckStatus.VALID


@given(st.text(max_size=40))
def test_vin_normalize_idempotent_and_never_raises(text: str) -> None:
    value = VIN.normalize(text)
    reading = read_vin(text)
    assert (value is None) == (reading.vin is None)
    if value is not None:
        assert VIN.normalize(value) == value
        assert VIN.normalize(VIN.format(value) or "") == value


def test_container_cases() -> None:
    assert ContainerNumber.is_valid("CSQU3054383")
    assert not ContainerNumber.is_valid("CSQU3054384")
    assert "give 3" in read_container("CSQU3054384").reason
    assert ContainerNumber.format("csqu 305438-3") == "CSQU 305438 3"
    assert read_container("CSQX3054383").reason.startswith("category")
    assert "11 characters" in read_container("CSQU305438").reason


containers = st.tuples(
    st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3),
    st.sampled_from("UJZ"),
    st.text(alphabet=string.digits, min_size=6, max_size=6),
)


@given(containers, st.integers(0, 9))
def test_container_only_its_check_digit_validates(parts: tuple[str, str, str], d: int) -> None:
    first = "".join(parts)
    number = f"{first}{d}"
    assert ContainerNumber.is_valid(number) == (d == check_digit(first))
    assert ContainerNumber.normalize(ContainerNumber.format(number) or "") == number


def test_imo() -> None:
    assert IMO.is_valid("IMO 9074729")
    assert not IMO.is_valid("IMO 9074728")
    assert IMO.format("9074729") == "IMO 9074729"
    assert IMO.normalize("IMO 123") is None


@given(st.text(alphabet=string.digits, min_size=6, max_size=6))
def test_imo_check_digit_roundtrip(six: str) -> None:
    number = six + str(imo_check_digit(six))
    assert IMO.is_valid(number) and IMO.is_valid(IMO.format(number) or "")


def test_seals() -> None:
    assert Seal.normalize(" eu-123 456 ") == "EU123456"
    assert Seal.is_valid("EU123456")
    assert not Seal.is_valid("ABCDEF")
    assert Seal.normalize("x") is None


def test_plate_cases() -> None:
    assert Plate.normalize(" ab-12 cd ") == "AB12CD"
    reading = read_plate("UT 12O4-A8", "UTO")
    assert reading.plate == "UT1204AB"
    assert reading.corrections == ("position 5: O read as 0", "position 8: 8 read as B")
    assert reading.key == "UTO:UT1204AB"
    assert Plate.format("ut1234ab", "UTO") == "UT 1234-AB"
    assert Plate.format("ab123cd", "FRA") == "AB-123-CD"


def test_plate_free_form_country_never_corrected() -> None:
    reading = read_plate("B O 1234", "DEU")
    assert reading.plate == "BO1234" and reading.corrections == ()
    assert "free-form" in reading.reason


def test_plate_confusions_only_where_layout_says() -> None:
    # France AB-123-CD: an O in a digit slot becomes 0, an O in a letter slot stays O.
    assert read_plate("OB-1O3-CO", "FRA").plate == "OB103CO"
    # A plate no layout fits (even corrected) stays as read, with the reason.
    reading = read_plate("ABCDEFGH", "FRA")
    assert reading.plate == "ABCDEFGH" and reading.layout == "" and "none of" in reading.reason


@given(st.text(max_size=30), st.sampled_from([None, "UTO", "FRA", "DEU", "GBR", "ZZZ"]))
def test_plate_normalize_idempotent(text: str, country: str | None) -> None:
    once = read_plate(text, country).plate
    assert read_plate(once, country).plate == once
    assert " " not in once and "-" not in once


@given(st.text(max_size=30))
def test_seal_normalize_idempotent(text: str) -> None:
    value = Seal.normalize(text)
    if value is not None:
        assert Seal.normalize(value) == value and Seal.format(value) == value
