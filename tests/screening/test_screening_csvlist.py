"""Our own watchlist CSV: happy path, header and row errors, robustness on arbitrary input."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.screening import (
    Alias,
    BirthDate,
    Document,
    ListFormatError,
    PartialDate,
    parse_csv_list,
)

GOOD = """id,name,aliases,dob,nationality,gender,document_number,document_country
L-1,Karim HADDAD,Kareem Haddad;Abu Jamil,1960-07,Iraq,M,A1234567,IQ
L-2,Anna Schmidt,,1985-02-14;1986,DEU,female,C01X00T47,Germany
L-3,Ali Mohammadi,,1970,Iranian,,,
"""


def test_happy_path() -> None:
    result = parse_csv_list(io.BytesIO(GOOD.encode()), list_name="NATIONAL", version="7")
    assert result.report.summary() == "NATIONAL: read 3, kept 3, skipped 0, 0 warnings, 0 errors"
    first, second, third = result.entries
    assert first.entry_id == "L-1"
    assert first.kind == "person"
    assert first.aliases == (Alias("Kareem Haddad"), Alias("Abu Jamil"))
    assert first.birth_dates == (BirthDate(PartialDate(1960, 7)),)
    assert first.nationalities == ("IRQ",)
    assert first.gender == "male"
    assert first.documents == (Document("document", "A1234567", "IRQ", None, "other"),)
    assert second.birth_dates == (
        BirthDate(PartialDate(1985, 2, 14)),
        BirthDate(PartialDate(1986)),
    )
    assert second.documents[0].country == "DEU"
    assert third.nationalities == ("IRN",)
    assert third.documents == ()
    assert result.snapshot.version == "7"


def test_columns_in_any_order_and_optional_ones_missing() -> None:
    data = "Name,ID,kind\nACME LTD,9,organization\n"
    (entry,) = parse_csv_list(data.encode(), list_name="X").entries
    assert (entry.entry_id, entry.name, entry.kind) == ("9", "ACME LTD", "organization")


def test_missing_required_columns_are_named() -> None:
    with pytest.raises(ListFormatError) as caught:
        parse_csv_list(b"aliases,dob\nx,1960\n", list_name="X", file_name="watch.csv")
    assert str(caught.value) == "watch.csv line 1: header lacks required column(s): id, name"


def test_empty_file() -> None:
    with pytest.raises(ListFormatError, match="no header row"):
        parse_csv_list(b"", list_name="X")


def test_duplicate_ids_name_both_lines_and_bad_values_warn() -> None:
    data = (
        "id,name,dob,nationality,gender,document_country\n"
        "1,A B,1960-13-01,Atlantis,q,FR\n"
        ",No Id,,,,\n"
        "1,C D,,,,\n"
        '"2","multi\nline",circa 1960,,,\n'
        "3,E F\n"
    )
    result = parse_csv_list(data.encode(), list_name="X")
    assert [e.entry_id for e in result.entries] == ["1", "2", "3"]
    assert [str(e) for e in result.report.errors] == [
        "list.csv line 3: no id; row skipped",
        "list.csv line 4: duplicate id '1' (first on line 2); row skipped",
    ]
    assert [str(w) for w in result.report.warnings] == [
        "list.csv line 2: gender 'q' unknown; left out",
        "list.csv line 2: nationality 'Atlantis' is not a known country; left out",
        "list.csv line 2: dob '1960-13-01' is not YYYY, YYYY-MM or YYYY-MM-DD; left out",
        "list.csv line 2: document_country without document_number; ignored",
        "list.csv line 5: dob 'circa 1960' is not ISO; read as circa 1960",
        "list.csv line 7: 2 fields where the header has 6",
    ]
    assert result.entries[1].name == "multi\nline"


def test_latin1_is_detected() -> None:
    data = "id,name\n1,José Müller\n".encode("latin-1")
    result = parse_csv_list(data, list_name="X")
    assert result.entries[0].name == "José Müller"
    assert result.report.notes == ("list.csv decoded as cp1252",)


def test_unterminated_quote_is_a_format_error() -> None:
    with pytest.raises(ListFormatError, match=r"list\.csv line"):
        parse_csv_list(b'id,name\n1,"A B\n', list_name="X")


def _parse_or_format_error(data: bytes) -> None:
    try:
        result = parse_csv_list(data, list_name="FUZZ")
    except ListFormatError as exc:
        assert exc.file == "list.csv"
        return
    report = result.report
    assert report.read == report.kept + report.skipped
    assert len({e.entry_id for e in result.entries}) == len(result.entries)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_list_format_error(data: bytes) -> None:
    _parse_or_format_error(data)


_cell = st.text(alphabet=st.sampled_from(list('ab1-;," \n\r\x00éИ9')), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_cell, max_size=10), max_size=8))
def test_rows_under_a_real_header_only_raise_list_format_error(rows: list[list[str]]) -> None:
    header = "id,name,aliases,dob,nationality,gender,document_number,document_country"
    body = "\n".join(",".join(row) for row in rows)
    _parse_or_format_error(f"{header}\n{body}".encode())


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_good_file_only_raises_list_format_error(data: st.DataObject) -> None:
    raw = bytearray(GOOD.encode())
    for _ in range(data.draw(st.integers(1, 6))):
        if not raw:
            break
        position = data.draw(st.integers(0, len(raw) - 1))
        if data.draw(st.booleans()):
            raw[position] = data.draw(st.integers(0, 255))
        else:
            del raw[position : position + data.draw(st.integers(1, 10))]
    _parse_or_format_error(bytes(raw))
