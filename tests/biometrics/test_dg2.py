from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.biometrics import BiometricFormatError, build_dg2, parse_dg2, parse_face_record
from tests.biometrics.portraits import astronaut, encode

JPEG = encode(astronaut()[:64, :64])
DG2 = build_dg2(JPEG, image_format="jpeg", width=64, height=64)


def _record(dg2: bytes) -> bytes:
    start = dg2.index(b"FAC\x00")
    return dg2[start:]


def test_round_trip_keeps_the_image_and_its_header() -> None:
    (portrait,) = parse_dg2(DG2)
    assert portrait.image == JPEG
    assert (portrait.image_format, portrait.width, portrait.height) == ("jpeg", 64, 64)
    assert portrait.to_dict()["bytes"] == len(JPEG)


def test_jpeg2000_data_type_is_read() -> None:
    dg2 = build_dg2(b"\x00\x00\x00\x0cjP  ", image_format="jpeg2000", width=1, height=1)
    assert parse_dg2(dg2)[0].image_format == "jpeg2000"


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "dg2_malformed", "no data"),
        (b"\x61\x00", "dg2_malformed", "expected 0x75"),
        (DG2 + b"\x00", "dg2_malformed", "after its end"),
        (b"\x75\x03\x7f\x62\x00", "dg2_malformed", "0x7F61"),
        (DG2[:-5], "dg2_malformed", "only"),
    ],
)
def test_bad_framing_is_named(data: bytes, code: str, words: str) -> None:
    with pytest.raises(BiometricFormatError) as caught:
        parse_dg2(data)
    assert caught.value.code == code
    assert words.lower() in caught.value.message.lower()


def test_bad_face_records_are_named() -> None:
    record = _record(DG2)
    cases = {
        b"FIR\x00" + record[4:]: "format identifier",
        record[:4] + b"030\x00" + record[8:]: "version",
        record[:8] + struct.pack(">I", len(record) + 1) + record[12:]: "says it is",
        record[:12] + b"\x00\x00" + record[14:]: "no face",
        record[:10]: "fewer than its 14-byte header",
    }
    for data, words in cases.items():
        with pytest.raises(BiometricFormatError) as caught:
            parse_face_record(data)
        assert caught.value.code == "face_record_malformed"
        assert words in caught.value.message
    bad_type = bytearray(record)
    bad_type[14 + 20 + 1] = 7  # image data type after the 20-byte facial information
    with pytest.raises(BiometricFormatError, match="neither JPEG"):
        parse_face_record(bytes(bad_type))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_only_raise_named_errors(data: bytes) -> None:
    try:
        parse_dg2(data)
    except BiometricFormatError as exc:
        assert exc.code in {"dg2_malformed", "face_record_malformed"}
        assert exc.message


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(DG2) - 1), st.integers(0, 255), st.integers(0, len(DG2)))
def test_mutated_dg2_only_raises_named_errors(position: int, value: int, cut: int) -> None:
    mutated = bytearray(DG2)
    mutated[position] = value
    for data in (bytes(mutated), bytes(mutated[:cut])):
        try:
            portraits = parse_dg2(data)
        except BiometricFormatError as exc:
            assert exc.message
        else:
            assert all(p.image for p in portraits)
