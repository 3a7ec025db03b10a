"""ISO/IEC 19794-2:2005 finger minutiae records: written, read back, refused when malformed."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.biometrics import BiometricFormatError
from borderpost.biometrics.fingerprint import (
    FingerMinutiaeRecord,
    FingerView,
    Minutia,
    MinutiaKind,
    encode_fmr,
    is_fmr,
    parse_fmr,
)
from borderpost.biometrics.fingerprint.record import ANGLE_UNIT, IMPRESSION_TYPES

minutiae = st.builds(
    Minutia,
    x=st.integers(0, 16383),
    y=st.integers(0, 16383),
    angle=st.integers(0, 255).map(lambda code: code * ANGLE_UNIT),
    kind=st.sampled_from(list(MinutiaKind)),
    quality=st.integers(0, 100),
)
views = st.builds(
    FingerView,
    minutiae=st.lists(minutiae, max_size=40).map(tuple),
    position=st.integers(0, 10),
    view_number=st.integers(0, 15),
    impression=st.sampled_from(sorted(IMPRESSION_TYPES)),
    quality=st.integers(0, 100),
)
records = st.builds(
    FingerMinutiaeRecord,
    width=st.integers(0, 0xFFFF),
    height=st.integers(0, 0xFFFF),
    x_resolution=st.integers(0, 0xFFFF),
    y_resolution=st.integers(0, 0xFFFF),
    views=st.lists(views, min_size=1, max_size=3).map(tuple),
    equipment_compliance=st.integers(0, 15),
    equipment_id=st.integers(0, 0xFFF),
)

ONE = FingerMinutiaeRecord(
    width=336,
    height=416,
    x_resolution=197,
    y_resolution=197,
    views=(
        FingerView(
            (
                Minutia(10, 20, 90.0, MinutiaKind.ENDING, 55),
                Minutia(300, 400, 11.25, MinutiaKind.BIFURCATION, 7),
            ),
            position=2,
            quality=80,
        ),
    ),
)


@settings(max_examples=200, deadline=None)
@given(records)
def test_round_trip(record: FingerMinutiaeRecord) -> None:
    data = encode_fmr(record)
    assert is_fmr(data)
    assert parse_fmr(data) == record
    assert encode_fmr(parse_fmr(data)) == data


def test_layout_follows_the_standard() -> None:
    data = encode_fmr(ONE)
    assert data[:8] == b"FMR\x00 20\x00"
    assert struct.unpack(">I", data[8:12])[0] == len(data) == 24 + 4 + 2 * 6 + 2
    assert struct.unpack(">HH", data[14:18]) == (336, 416)
    assert struct.unpack(">HH", data[18:22]) == (197, 197)
    assert data[22:24] == b"\x01\x00"  # one finger view, reserved byte
    assert data[24:28] == bytes([2, 0, 80, 2])  # right index, view 0 plain live-scan, q80, 2
    x_word, y_word, angle, quality = struct.unpack(">HHBB", data[28:34])
    assert (x_word >> 14, x_word & 0x3FFF, y_word, angle, quality) == (1, 10, 20, 64, 55)
    assert struct.unpack(">HHBB", data[34:40])[0] >> 14 == 2  # bifurcation
    assert data[-2:] == b"\x00\x00"  # no extended data


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "shorter than its 24-byte header"),
        (b"FIR\x00" + encode_fmr(ONE)[4:], "does not start with 'FMR"),
        (encode_fmr(ONE)[:4] + b"030\x00" + encode_fmr(ONE)[8:], "version"),
        (encode_fmr(ONE)[:-3], "says it is"),
        (encode_fmr(ONE) + b"\x00", "says it is"),
    ],
)
def test_malformed_records_are_named(data: bytes, words: str) -> None:
    with pytest.raises(BiometricFormatError) as caught:
        parse_fmr(data)
    assert caught.value.code == "fmr_malformed"
    assert words in caught.value.message


def test_values_the_format_cannot_hold_are_refused() -> None:
    too_far = FingerView((Minutia(16384, 0, 0.0, MinutiaKind.ENDING, 1),))
    with pytest.raises(BiometricFormatError, match="minutia x of 16384"):
        encode_fmr(FingerMinutiaeRecord(10, 10, 197, 197, (too_far,)))
    with pytest.raises(BiometricFormatError, match="number of finger views of 0"):
        encode_fmr(FingerMinutiaeRecord(10, 10, 197, 197, ()))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.data())
def test_random_and_mutated_bytes_raise_only_named_errors(
    noise: bytes, data: st.DataObject
) -> None:
    original = bytearray(encode_fmr(ONE))
    index = data.draw(st.integers(0, len(original) - 1))
    original[index] = data.draw(st.integers(0, 255))
    for candidate in (noise, b"FMR\x00 20\x00" + noise, bytes(original)):
        try:
            record = parse_fmr(candidate)
        except BiometricFormatError as exc:
            assert exc.code == "fmr_malformed" and exc.message
        else:  # reserved bits are ignored on reading and written as zero
            assert parse_fmr(encode_fmr(record)) == record
