"""ISO 9735 syntax as airlines really send it: each edge case with a small inline message."""

from __future__ import annotations

import pytest

from borderpost.passengers import EdifactError, read
from borderpost.passengers.edifact import tokenize
from borderpost.passengers.reading import Reading

BODY = (
    "UNB+UNOA:4+AIR+GOV+240101:1000+7'"
    "UNH+1+PAXLST:D:05B:UN:IATA'"
    "BGM+745'"
    "TDT+20+XX1+++XX'"
    "LOC+125+AAA'DTM+189:2401021000:201'LOC+87+BBB'DTM+232:2401021200:201'"
    "NAD+FL+++SMITH:JOHN'DTM+329:800102'NAT+2+GBR'DOC+P+X1'LOC+91+GBR'"
    "CNT+42:1'"
    "UNT+14+1'"
    "UNZ+1+7'"
)


def _names(reading: Reading) -> list[tuple[str, str]]:
    return [(p.surname, p.given_names) for m in reading.messages for p in m.persons]


def _codes(reading: Reading) -> list[str]:
    return [w.code for w in reading.warnings]


def test_plain_interchange_without_una_reads_cleanly() -> None:
    reading = read(BODY)
    assert _codes(reading) == []
    assert _names(reading) == [("SMITH", "JOHN")]
    assert reading.segment_count == 16


@pytest.mark.parametrize(
    ("advice", "text"),
    [
        ("UNA:+.? '", BODY),
        ("UNA:*.? $", BODY.replace("+", "*").replace("'", "$")),
        ("UNA:(.) -", BODY.replace("+", "(").replace("'", "-")),
        ("UNA:+.\\ '", BODY),
        ("UNA|^.\\*~", BODY.replace(":", "|").replace("+", "^").replace("'", "~")),
    ],
)
def test_any_delimiters_named_by_una(advice: str, text: str) -> None:
    reading = read(advice + text)
    assert _codes(reading) == []
    assert _names(reading) == [("SMITH", "JOHN")]


def test_release_characters_in_values() -> None:
    text = BODY.replace("SMITH:JOHN", "O?'BRIEN?+?:??:SEAN")
    assert _names(read(text)) == [("O'BRIEN+:?", "SEAN")]
    dashed = "UNA:(.) -" + BODY.replace("SMITH:JOHN", "SMITH)-JONES)(:ANN").replace(
        "+", "("
    ).replace("'", "-")
    assert _names(read(dashed)) == [("SMITH-JONES(", "ANN")]
    backslash = "UNA:+.\\ '" + BODY.replace("SMITH:JOHN", "O\\'NEIL\\\\:ANN")
    assert _names(read(backslash)) == [("O'NEIL\\", "ANN")]


def test_dangling_release_is_reported() -> None:
    text = BODY.replace("NAT+2+GBR'", "NAT+2+GBR?''")
    reading = read(text)
    assert "dangling_release" not in _codes(reading)  # "?'" released the terminator ...
    text = BODY.replace("UNZ+1+7'", "UNZ+1+7?")
    reading = read(text)
    assert "dangling_release" in _codes(reading)  # ... a release at the very end releases nothing


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_and_segments_split_over_lines(newline: str) -> None:
    text = BODY.replace("'", "'" + newline).replace(
        "SMITH:JOHN", "SMI" + newline + "TH:JO" + newline + "HN"
    )
    reading = read(text)
    assert _names(reading) == [("SMITH", "JOHN")]
    assert _codes(reading) == []
    segments = tokenize(text).segments
    assert [s.position.line for s in segments[:3]] == [1, 2, 3]
    nat = next(s for s in segments if s.tag == "NAT")
    assert nat.position.line == 13  # the NAD before it took three lines


def test_leading_whitespace_and_several_segments_per_line() -> None:
    text = "  " + BODY.replace("'", "'\n\t  ", 5)
    reading = read(text)
    assert _codes(reading) == [] and _names(reading) == [("SMITH", "JOHN")]


def test_type_b_envelope_around_the_message() -> None:
    text = "QU DHSAPXS\r\n.ZZAPIXS 101200\r\nUNA:+.? '\r\n" + BODY.replace("'", "'\r\n") + "=\r\n"
    reading = read(text)
    assert _codes(reading) == ["envelope_skipped"]
    assert reading.warnings[0].position.line == 3
    assert _names(reading) == [("SMITH", "JOHN")]


def test_several_interchanges_each_with_its_own_una() -> None:
    second = BODY.replace("+", "*").replace("'", "$").replace("SMITH", "JONES")
    text = "UNA:+.? '" + BODY + "\n\nUNA:*.? $" + second
    reading = read(text)
    assert reading.interchanges == 2
    assert _names(reading) == [("SMITH", "JOHN"), ("JONES", "JOHN")]
    assert _codes(reading) == []


def test_una_without_the_previous_unz() -> None:
    first = BODY.replace("UNZ+1+7'", "")
    second = BODY.replace("+", "*").replace("'", "$").replace("SMITH", "JONES")
    reading = read(first + "UNA:*.? $" + second)
    assert reading.interchanges == 2
    assert _names(reading) == [("SMITH", "JOHN"), ("JONES", "JOHN")]
    assert _codes(reading) == ["missing_interchange_trailer"]


def _message(reference: str, surname: str, extra: str = "") -> str:
    return (
        f"UNH+{reference}+PAXLST:D:05B:UN:IATA{extra}'BGM+745'TDT+20+XX1+++XX'"
        f"NAD+FL+++{surname}'CNT+42:1'UNT+6+{reference}'"
    )


def test_several_messages_in_a_group() -> None:
    text = (
        "UNB+UNOA:4+AIR+GOV+240101:1000+7'UNG+PAXLST+AIR+GOV+240101:1000+G1+UN+D:05B'"
        + _message("1", "ONE")
        + _message("2", "TWO")
        + "UNE+2+G1'UNZ+1+7'"
    )
    reading = read(text)
    assert _codes(reading) == []
    assert [m.reference for m in reading.messages] == ["1", "2"]
    assert _names(reading) == [("ONE", ""), ("TWO", "")]


def test_declared_counts_are_checked() -> None:
    text = (
        "UNB+UNOA:4+AIR+GOV+240101:1000+7'UNG+PAXLST+AIR+GOV+240101:1000+G1+UN+D:05B'"
        + _message("1", "ONE").replace("CNT+42:1", "CNT+42:3").replace("UNT+6+1", "UNT+9+1")
        + _message("2", "TWO")
        + "UNE+3+G1'UNZ+2+8'"
    )
    reading = read(text)
    assert _codes(reading) == [
        "traveller_count_mismatch",
        "segment_count_mismatch",
        "message_count_mismatch",
        "message_count_mismatch",
        "control_reference_mismatch",
    ]
    assert [w.position.segment for w in reading.warnings] == [7, 8, 15, 16, 16]


def test_multi_part_message_is_one_manifest() -> None:
    parts = (
        "UNB+UNOA:4+AIR+GOV+240101:1000+7'"
        + _message("1", "ONE", "+XX1-0102+01:C").replace("CNT+42:1'", "").replace("UNT+6", "UNT+5")
        + _message("2", "TWO", "+XX1-0102+02:F").replace("CNT+42:1", "CNT+42:2")
        + "UNZ+2+7'"
    )
    reading = read(parts)
    assert _codes(reading) == []
    assert len(reading.messages) == 1 and reading.messages[0].parts == 2
    assert _names(reading) == [("ONE", ""), ("TWO", "")]
    assert [f.number for f in reading.messages[0].flights] == ["XX1"]
    missing = parts.replace("02:F", "03:F")
    assert "part_missing" in _codes(read(missing))


def test_one_bad_segment_is_reported_and_the_rest_read() -> None:
    text = BODY.replace("NAT+2+GBR'", "N@T+2+GBR'\n").replace("'", "'\n")
    reading = read(text)
    assert _codes(reading) == ["malformed_segment"]
    bad = reading.warnings[0]
    assert (bad.position.segment, bad.position.line) == (11, 11)
    assert _names(reading) == [("SMITH", "JOHN")]
    assert reading.messages[0].persons[0].documents[0].number == "X1"


def test_unknown_segments_are_kept_and_ignored() -> None:
    text = BODY.replace("NAT+2+GBR'", "NAT+2+GBR'XYZ+1+2'").replace("UNT+14", "UNT+15")
    reading = read(text)
    assert _codes(reading) == [] and _names(reading) == [("SMITH", "JOHN")]
    assert "XYZ" in [s.tag for s in tokenize(text).segments]


def test_truncated_file_keeps_what_is_there() -> None:
    text = BODY[: BODY.index("CNT")] + "CNT+42:1"
    reading = read(text)
    assert _names(reading) == [("SMITH", "JOHN")]
    assert _codes(reading) == [
        "unterminated_segment",
        "missing_message_trailer",
        "missing_interchange_trailer",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello world",
        b"\x00\xff\xfe" * 10,
        "UNB+UNOA:4+AIR+GOV+240101:1000+7\nUNH+1+PAXLST:D:05B:UN:IATA\nBGM+745\n",
        "UNA:+.? $" + BODY,  # the advice names '$' but the file ends its segments with "'"
        "UNA:+.? $" + BODY + "PRICE 3$",
    ],
)
def test_not_edifact_is_one_clear_error(text: str | bytes) -> None:
    with pytest.raises(EdifactError) as caught:
        read(text)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_messages_without_an_interchange_header() -> None:
    text = BODY[BODY.index("UNH") : BODY.index("UNZ")]
    reading = read(text)
    assert _names(reading) == [("SMITH", "JOHN")]
    assert _codes(reading) == ["missing_interchange_header", "missing_interchange_trailer"]


def test_level_b_separators_without_una() -> None:
    text = BODY.replace(":", "\x1f").replace("+", "\x1d").replace("'", "\x1c")
    assert _names(read(text)) == [("SMITH", "JOHN")]


def test_latin1_file_is_decoded_by_its_syntax_identifier() -> None:
    data = BODY.replace("UNOA", "UNOC").replace("SMITH", "MÜLLER").encode("latin-1")
    reading = read(data)
    assert _names(reading) == [("MÜLLER", "JOHN")]
    assert _codes(reading) == ["decoded_single_byte"]


@pytest.mark.parametrize("identifier", ["PAXLST:D:02B:UN:US", "PAXLST:D:93A:UN"])
def test_older_variants_are_reported_unsupported(identifier: str) -> None:
    reading = read(BODY.replace("PAXLST:D:05B:UN:IATA", identifier))
    assert _codes(reading) == ["unsupported_variant"]
    assert "not supported" in reading.warnings[0].message
    assert reading.messages[0].persons == ()


def test_other_message_types_are_counted_not_read() -> None:
    reading = read(BODY.replace("PAXLST:D:05B:UN:IATA", "CUSRES:D:05B:UN:IATA"))
    assert _codes(reading) == ["unsupported_message"]
    assert reading.messages[0].type == "CUSRES"


def test_bad_service_string_falls_back_to_defaults() -> None:
    reading = read("UNA::.? '" + BODY)
    assert _codes(reading) == ["bad_service_string"]
    assert _names(reading) == [("SMITH", "JOHN")]
