"""The OFAC SDN legacy CSV set, parsed from the real 2021-07-07 files and from small samples."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from borderpost.screening import (
    Alias,
    BirthDate,
    Document,
    ImportResult,
    ListEntry,
    ListFormatError,
    PartialDate,
    parse_ofac,
)
from borderpost.screening.sources import load_ofac


@pytest.fixture(scope="module")
def sdn(shared_data: Path) -> ImportResult:
    return load_ofac(shared_data / "lists" / "ofac_sdn_2021-07-07")


@pytest.fixture(scope="module")
def by_id(sdn: ImportResult) -> dict[str, ListEntry]:
    return sdn.snapshot.by_id()


def test_counts(sdn: ImportResult) -> None:
    report = sdn.report
    assert (report.read, report.kept, report.skipped, report.errors) == (8976, 8976, 0, ())
    kinds = Counter(entry.kind for entry in sdn.entries)
    assert kinds == {"person": 4620, "organization": 3673, "vessel": 406, "aircraft": 277}
    assert sdn.snapshot.version == "2021-07-07"
    assert report.files == ("sdn_comments.csv", "sdn.csv", "alt.csv", "add.csv")


def test_totals_of_parsed_details(sdn: ImportResult) -> None:
    entries = sdn.entries
    aliases = [alias for entry in entries for alias in entry.aliases]
    # 11,910 alt.csv rows, of which 2 repeat an alias of the same entry, + weak a.k.a.s in Remarks
    assert len(aliases) == 11910 - 2 + 2441
    assert sum(alias.strength == "weak" for alias in aliases) == 2441
    assert sum(len(entry.birth_dates) for entry in entries) == 5124
    assert sum(len(entry.documents) for entry in entries) == 6030
    passports = [d for entry in entries for d in entry.documents if d.category == "passport"]
    assert len(passports) == 1562
    assert sum(entry.gender is not None for entry in entries) == 1513
    assert len(sdn.report.warnings) < 40


def test_individual_with_passports_and_ssn(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["6931"]
    assert entry.name == "YASIN, Abdul Rahman"
    assert entry.natural_name == "Abdul Rahman YASIN"
    assert entry.birth_dates == (BirthDate(PartialDate(1960, 4, 10)),)
    assert entry.birth_places == ("Bloomington, Indiana USA",)
    assert entry.nationalities == ("USA",)
    assert entry.documents == (
        Document("Passport", "27082171", "USA", "issued 21 Jun 1992", "passport"),
        Document("Passport", "M0887925", "IRQ", None, "passport"),
        Document("SSN", "156-92-9858", "USA", None, "national_id"),
    )
    assert Alias("TAHA, Abdul Rahman S.", natural_name="Abdul Rahman S. TAHA") in entry.aliases
    assert "U.S.A. Passport issued 21 Jun 1992 in Amman, Jordan" in entry.remarks


def test_passport_without_country(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["2676"]
    assert [(d.number, d.country) for d in entry.documents] == [
        ("1084010", "EGY"),
        ("19820215", None),
    ]
    assert entry.birth_dates == (BirthDate(PartialDate(1951, 6, 19)),)


def test_circa_range_weak_aliases_and_warning(
    sdn: ImportResult, by_id: dict[str, ListEntry]
) -> None:
    entry = by_id["11748"]
    assert entry.birth_dates == (
        BirthDate(PartialDate(1979), PartialDate(1982), circa=True),
        BirthDate(PartialDate(1982)),
    )
    assert entry.nationalities == ("SOM",)
    weak = [alias for alias in entry.aliases if alias.strength == "weak"]
    assert weak == [
        Alias("MUSCAB, Abu", "weak", natural_name="Abu MUSCAB"),
        Alias("QORGAB", "weak"),
    ]
    messages = [str(w) for w in sdn.report.warnings if w.entry_id == "11748"]
    assert messages == ["sdn.csv line 2275: DOB 'circa 1979-1982' parsed as circa range 1979-1982"]


def test_month_range_gender_and_programs(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["23470"]
    assert entry.birth_dates == (BirthDate(PartialDate(1962, 3), PartialDate(1963, 2)),)
    assert entry.gender == "male"
    assert entry.programs == ("IRAN", "IRAN-TRA")
    assert entry.addresses == ("Tehran, Iran",)


def test_remarks_continued_in_comments_file(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["28264"]
    assert entry.documents == (
        Document("Identification Number", "210302198701102136", "CHN", None, "national_id"),
    )
    assert "Phone Number 8613314257947" in entry.remarks  # split across the two files
    assert entry.remarks[-1] == "Linked To: LAZARUS GROUP"
    assert Alias("khaleesi", "weak") in entry.aliases


def test_organization(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["306"]
    assert entry.kind == "organization"
    assert entry.natural_name is None
    assert entry.aliases == (Alias("NATIONAL BANK OF CUBA"), Alias("BNC", "weak"))
    assert entry.addresses[0] == "Zweierstrasse 35, Zurich CH-8022, Switzerland"


def test_qualified_nationality_is_read_with_a_warning(sdn: ImportResult) -> None:
    possibly = [w for w in sdn.report.warnings if "possibly Palestinian" in w.message]
    assert len(possibly) == 3
    assert all(w.entry_id is not None for w in possibly)


def _sample(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n\x1a").encode(encoding)


SDN_ROW = (
    '1,"MÜLLER, José","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 01 Jan 1960; alt. DOB circa 1961; POB Baghdad, Iraq; nationality Iraq; '
    "Passport A1234567 (Iraq) expires 2020; National ID No. 123 456 (Iraq); Gender Male; "
    "a.k.a. 'ABU JOSE'.\""
)


def test_cp1252_sample_with_alt_and_add() -> None:
    result = parse_ofac(
        io.BytesIO(_sample(SDN_ROW, encoding="cp1252")),
        alt=io.BytesIO(_sample('1,10,"fka","MUELLER, Jose",-0- ', '9,11,"aka","X",-0- ')),
        add=io.BytesIO(_sample('1,20,"Street 1","Baghdad","Iraq",-0- ')),
        version="test",
    )
    (entry,) = result.entries
    assert entry.name == "MÜLLER, José"
    assert entry.natural_name == "José MÜLLER"
    assert entry.birth_dates == (
        BirthDate(PartialDate(1960, 1, 1)),
        BirthDate(PartialDate(1961), circa=True),
    )
    assert entry.nationalities == ("IRQ",)
    assert entry.documents == (
        Document("Passport", "A1234567", "IRQ", "expires 2020", "passport"),
        Document("National ID No.", "123 456", "IRQ", None, "national_id"),
    )
    assert entry.aliases == (
        Alias("MUELLER, Jose", kind="fka", natural_name="Jose MUELLER"),
        Alias("ABU JOSE", "weak"),
    )
    assert entry.addresses == ("Street 1, Baghdad, Iraq",)
    assert "sdn.csv decoded as cp1252" in result.report.notes
    assert [str(w) for w in result.report.warnings] == [
        "alt.csv line 2: alias 11 ignored: unknown ent_num 9"
    ]


def test_wrong_column_count_names_file_and_line() -> None:
    data = _sample(SDN_ROW, '2,"X","individual"')
    with pytest.raises(ListFormatError) as caught:
        parse_ofac(io.BytesIO(data))
    assert (caught.value.file, caught.value.line) == ("sdn.csv", 2)
    assert str(caught.value) == "sdn.csv line 2: expected 12 columns, found 3"


def test_non_numeric_ent_num() -> None:
    with pytest.raises(ListFormatError, match=r"sdn\.csv line 1: ent_num 'abc' is not a number"):
        parse_ofac(_sample(SDN_ROW.replace("1,", "abc,", 1)))


def test_duplicate_ent_num_is_an_error_naming_both_lines() -> None:
    result = parse_ofac(_sample(SDN_ROW, SDN_ROW))
    assert result.report.kept == 1
    assert result.report.skipped == 1
    assert [str(e) for e in result.report.errors] == [
        "sdn.csv line 2: ent_num 1 repeats line 1; row skipped"
    ]
