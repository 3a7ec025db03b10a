"""Untrusted list files: mutated real OFAC, UN and lost/stolen data never raise anything but
ListFormatError, and whatever parses is well-formed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.screening import ListFormatError
from borderpost.screening.importers.ofac import parse_ofac
from borderpost.screening.importers.un import parse_un
from borderpost.screening.lost_stolen import parse_lost_stolen_csv

LISTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "lists"
SDN = b"".join((LISTS / "ofac_sdn_2021-07-07" / "sdn.csv").read_bytes().splitlines(True)[:40])
UN_XML = (LISTS / "un_consolidated_2026-02-27" / "consolidated.xml").read_bytes()
_END = UN_XML.index(b"</INDIVIDUAL>") + len(b"</INDIVIDUAL>")
UN_SMALL = UN_XML[:_END] + b"</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
SLTD = (
    b"issuing_country,document_number,document_type,status,reported_on,reference\n"
    b"NLD,P12345G7,passport,stolen,2024-01-02,SLTD-1\n"
    b"NG,A0939393,passport,lost,2023-11-30,SLTD-2\n"
)

edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=1 << 20),
        st.sampled_from(["replace", "delete", "insert"]),
        st.binary(min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(data: bytes, changes: list[tuple[int, str, bytes]]) -> bytes:
    out = bytearray(data)
    for position, operation, blob in changes:
        index = position % (len(out) + 1)
        if operation == "replace":
            out[index : index + len(blob)] = blob
        elif operation == "delete":
            del out[index : index + len(blob)]
        else:
            out[index:index] = blob
    return bytes(out)


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(edits)
def test_mutated_ofac(changes: list[tuple[int, str, bytes]]) -> None:
    try:
        result = parse_ofac(_mutate(SDN, changes))
    except ListFormatError:
        return
    for entry in result.entries:
        assert entry.entry_id and entry.name


@SETTINGS
@given(edits)
def test_mutated_un(changes: list[tuple[int, str, bytes]]) -> None:
    try:
        result = parse_un(_mutate(UN_SMALL, changes))
    except ListFormatError:
        return
    for entry in result.entries:
        assert entry.entry_id


@SETTINGS
@given(edits)
def test_mutated_lost_stolen(changes: list[tuple[int, str, bytes]]) -> None:
    try:
        parsed = parse_lost_stolen_csv(_mutate(SLTD, changes))
    except ListFormatError:
        return
    for record in parsed.records:
        assert record.number


def test_the_unmutated_samples_parse() -> None:
    assert len(parse_ofac(SDN).entries) == 40
    assert len(parse_un(UN_SMALL).entries) == 1
    assert len(parse_lost_stolen_csv(SLTD).records) == 2
