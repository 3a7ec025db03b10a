"""The UN Security Council Consolidated List XML (2026-02-27), real file and hostile samples."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
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
    parse_un,
)
from borderpost.screening.sources import load_un


@pytest.fixture(scope="module")
def un(shared_data: Path) -> ImportResult:
    return load_un(shared_data / "lists" / "un_consolidated_2026-02-27" / "consolidated.xml")


@pytest.fixture(scope="module")
def by_id(un: ImportResult) -> dict[str, ListEntry]:
    return un.snapshot.by_id()


def test_counts(un: ImportResult) -> None:
    report = un.report
    assert (report.read, report.kept, report.skipped, report.errors) == (1003, 1003, 0, ())
    assert Counter(e.kind for e in un.entries) == {"person": 730, "organization": 273}
    assert un.snapshot.version == "2026-02-27T00:00:09.554Z"
    entries = un.entries
    aliases = [a for e in entries for a in e.aliases]
    assert len(aliases) == 2753  # 2,752 non-empty ALIAS_NAME + one split off a ';' name
    assert sum(a.strength == "weak" for a in aliases) == 615  # QUALITY Low
    assert sum(len(e.birth_dates) for e in entries) == 868
    assert sum(len(e.documents) for e in entries) == 454
    assert sum(len(e.original_script_names) for e in entries) == 378
    assert sum(e.kind == "person" and bool(e.nationalities) for e in entries) == 625
    assert len(report.warnings) == 69


def test_saddam_hussein(by_id: dict[str, ListEntry]) -> None:
    entry = by_id["IQi.001"]
    assert entry.name == "SADDAM HUSSEIN AL-TIKRITI"
    assert entry.original_script_names == ("صدام حسين التكريتي",)
    assert entry.aliases == (Alias("Abu Ali", "weak"),)
    assert entry.birth_dates == (BirthDate(PartialDate(1937, 4, 28)),)
    assert entry.birth_places == ("al-Awja, near Tikrit, Iraq",)
    assert entry.nationalities == ("IRQ",)
    assert entry.listed_on == date(2003, 6, 27)
    assert entry.programs == ("Iraq",)


def test_between_years_and_approximate(by_id: dict[str, ListEntry]) -> None:
    assert by_id["CDi.030"].birth_dates == (BirthDate(PartialDate(1973), PartialDate(1974)),)
    assert by_id["CDi.030"].nationalities == ("COD",)  # "Democratic Republic of the Congo"
    assert by_id["CDi.014"].birth_dates == (
        BirthDate(PartialDate(1962, 3, 17)),
        BirthDate(PartialDate(1966), circa=True),
    )


def test_month_from_note_is_warned(un: ImportResult, by_id: dict[str, ListEntry]) -> None:
    assert by_id["CDi.004"].birth_dates == (BirthDate(PartialDate(1973, 11)),)
    warnings = [str(w) for w in un.report.warnings if w.entry_id == "CDi.004"]
    assert warnings == ["consolidated.xml line 189: DOB read from the note 'Nov. 1973' as 1973-11"]


def test_documents(by_id: dict[str, ListEntry]) -> None:
    assert by_id["IRi.002"].documents == (
        Document("Passport", "I5824769", "IRN", None, "passport"),
    )
    libyan = by_id["LYi.023"]
    assert libyan.documents[0] == Document(
        "Passport", "LY53FP76", "LBY", "issued 2015-09-29; issued in Tripoli", "passport"
    )
    assert libyan.aliases[0] == Alias("Al-Dabachi", "weak")


def test_number_in_prose_is_extracted(un: ImportResult) -> None:
    numbers = {d.number: d for e in un.entries for d in e.documents}
    assert numbers["SE 012820"].country == "AFG"  # "Afghan passport number SE 012820"
    assert "D00000898" in numbers  # "CAR diplomatic passport no. D00000898"


def test_entity_aliases(by_id: dict[str, ListEntry]) -> None:
    adf = by_id["CDe.001"]
    assert adf.kind == "organization"
    assert Alias("ADF/NALU", kind="fka") in adf.aliases
    cagl = by_id["CDe.003"]
    assert cagl.name == "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)"
    assert Alias("GREAT LAKES BUSINESS COMPANY (GLBC)") in cagl.aliases


SMALL = b"""<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>ANNA</FIRST_NAME><SECOND_NAME>X</SECOND_NAME><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>
<NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><NOTE>30-35 years old</NOTE>
</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>
<INDIVIDUAL><FIRST_NAME>B</FIRST_NAME><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER></INDIVIDUAL>
</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"""


def test_small_sample_warnings_and_duplicate() -> None:
    result = parse_un(io.BytesIO(SMALL))
    (entry,) = result.entries
    assert entry.name == "ANNA X"
    assert entry.birth_dates == ()
    assert entry.nationalities == ()
    assert [str(w) for w in result.report.warnings] == [
        "consolidated.xml line 5: DOB note '30-35 years old' is not a date; left out",
        "consolidated.xml line 4: nationality 'Atlantis' is not a known country; left out",
    ]
    assert [str(e) for e in result.report.errors] == [
        "consolidated.xml line 7: REFERENCE_NUMBER XXi.001 repeats line 2; skipped"
    ]


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(ListFormatError) as caught:
        parse_un(b"<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</CONSOLIDATED_LIST>")
    assert caught.value.line == 3
    assert "not well-formed" in str(caught.value)


def test_wrong_root() -> None:
    with pytest.raises(ListFormatError, match="not <CONSOLIDATED_LIST>"):
        parse_un(b"<sdnList/>")


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file://{secret}">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&x;</FIRST_NAME>
<REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""
    try:
        result = parse_un(xml.encode())
    except ListFormatError:
        return  # refusing the document is as good as not expanding it
    assert all("TOPSECRET" not in name for e in result.entries for name in e.names())


def test_entity_expansion_bomb_is_harmless() -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    xml = f"""<?xml version="1.0"?><!DOCTYPE CONSOLIDATED_LIST [{lol}]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&l9;</FIRST_NAME>
<REFERENCE_NUMBER>XXi.003</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""
    try:
        result = parse_un(xml.encode())
    except ListFormatError:
        return
    assert all(len(name) < 1000 for e in result.entries for name in e.names())
