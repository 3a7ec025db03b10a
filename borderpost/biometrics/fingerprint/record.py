"""ISO/IEC 19794-2:2005 finger minutiae records (``FMR``), written and read by this code.

Layout (big-endian), as the standard sets it out:

- record header (24 bytes): ``"FMR\\0"``, version ``" 20\\0"``, record length (4 bytes),
  capture equipment (2 bytes: 4 bits compliance, 12 bits equipment id), image width and
  height (2 bytes each), horizontal and vertical resolution in pixels per centimetre (2 bytes
  each), number of finger views (1 byte), a reserved zero byte;
- per finger view: a 4-byte header (finger position 0-10; view number in the high 4 bits and
  impression type in the low 4 bits; finger quality 0-100; number of minutiae), then 6 bytes
  per minutia (type in the top 2 bits of x: 01 ridge ending, 10 bifurcation, 00 other; x in
  14 bits; 2 reserved bits and y in 14 bits; angle in units of 360/256 degrees,
  counter-clockwise from the horizontal to the right; quality 0-100, 0 = not reported), then
  the extended data block length (2 bytes; this writer always writes 0 and the reader skips
  any extended data it is given).

Everything here raises :class:`~borderpost.biometrics.errors.BiometricFormatError` (code
``fmr_malformed``) and nothing else on bad input.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from borderpost.biometrics.errors import BiometricFormatError

__all__ = [
    "ANGLE_UNIT",
    "FingerMinutiaeRecord",
    "FingerView",
    "Minutia",
    "MinutiaKind",
    "encode_fmr",
    "is_fmr",
    "parse_fmr",
]

FORMAT_ID = b"FMR\x00"
VERSION = b" 20\x00"
_HEADER = struct.Struct(">4s4sIHHHHHBB")  # 24 bytes
_VIEW = struct.Struct(">BBBB")
_MINUTIA = struct.Struct(">HHBB")
#: One step of the stored angle, in degrees.
ANGLE_UNIT = 360.0 / 256.0
#: Impression types of the standard: live-scan plain/rolled, non-live plain/rolled, swipe.
IMPRESSION_TYPES = frozenset({0, 1, 2, 3, 8, 9})
MAX_COORDINATE = (1 << 14) - 1
#: Largest record accepted: 255 views of 255 minutiae and their extended data fit in this.
MAX_RECORD_BYTES = 1024 * 1024


class MinutiaKind(StrEnum):
    ENDING = "ending"
    BIFURCATION = "bifurcation"
    OTHER = "other"


_KIND_BITS = {MinutiaKind.OTHER: 0, MinutiaKind.ENDING: 1, MinutiaKind.BIFURCATION: 2}
_BITS_KIND = {bits: kind for kind, bits in _KIND_BITS.items()}


@dataclass(frozen=True, slots=True)
class Minutia:
    """A ridge ending or bifurcation: pixel position, direction and reliability."""

    x: int
    y: int
    angle: float  # degrees, counter-clockwise from the horizontal to the right, [0, 360)
    kind: MinutiaKind
    quality: int  # 1-100; 0 = not reported

    def to_dict(self) -> dict[str, Any]:
        return {
            "x": self.x,
            "y": self.y,
            "angle": round(self.angle, 2),
            "kind": self.kind.value,
            "quality": self.quality,
        }


@dataclass(frozen=True, slots=True)
class FingerView:
    """One finger's minutiae. ``position``: 0 unknown, 1-5 right thumb-little, 6-10 left."""

    minutiae: tuple[Minutia, ...]
    position: int = 0
    view_number: int = 0
    impression: int = 0  # 0 live-scan plain
    quality: int = 0  # 0-100


@dataclass(frozen=True, slots=True)
class FingerMinutiaeRecord:
    """An ISO/IEC 19794-2:2005 record: the image's geometry and one or more finger views."""

    width: int
    height: int
    x_resolution: int  # pixels per centimetre (500 ppi = 197)
    y_resolution: int
    views: tuple[FingerView, ...] = field(default=())
    equipment_compliance: int = 0
    equipment_id: int = 0


def _fail(message: str) -> BiometricFormatError:
    return BiometricFormatError("fmr_malformed", f"the finger minutiae record {message}")


def _check(value: int, low: int, high: int, what: str) -> None:
    if not low <= value <= high:
        raise _fail(f"cannot hold {what} {value} (allowed {low}-{high})")


def angle_code(angle: float) -> int:
    """The stored angle (0-255) nearest to ``angle`` degrees."""
    return round((angle % 360.0) / ANGLE_UNIT) % 256


def encode_fmr(record: FingerMinutiaeRecord) -> bytes:
    """The record's bytes. Raises BiometricFormatError for a value the format cannot hold."""
    _check(record.width, 0, 0xFFFF, "an image width of")
    _check(record.height, 0, 0xFFFF, "an image height of")
    _check(record.x_resolution, 0, 0xFFFF, "a horizontal resolution of")
    _check(record.y_resolution, 0, 0xFFFF, "a vertical resolution of")
    _check(len(record.views), 1, 255, "a number of finger views of")
    _check(record.equipment_compliance, 0, 15, "an equipment compliance of")
    _check(record.equipment_id, 0, 0xFFF, "an equipment id of")
    body = bytearray()
    for view in record.views:
        _check(view.position, 0, 10, "a finger position of")
        _check(view.view_number, 0, 15, "a view number of")
        if view.impression not in IMPRESSION_TYPES:
            raise _fail(f"cannot hold impression type {view.impression}")
        _check(view.quality, 0, 100, "a finger quality of")
        _check(len(view.minutiae), 0, 255, "a number of minutiae of")
        body += _VIEW.pack(
            view.position,
            (view.view_number << 4) | view.impression,
            view.quality,
            len(view.minutiae),
        )
        for minutia in view.minutiae:
            _check(minutia.x, 0, MAX_COORDINATE, "a minutia x of")
            _check(minutia.y, 0, MAX_COORDINATE, "a minutia y of")
            _check(minutia.quality, 0, 100, "a minutia quality of")
            body += _MINUTIA.pack(
                (_KIND_BITS[minutia.kind] << 14) | minutia.x,
                minutia.y,
                angle_code(minutia.angle),
                minutia.quality,
            )
        body += b"\x00\x00"  # no extended data
    length = _HEADER.size + len(body)
    header = _HEADER.pack(
        FORMAT_ID,
        VERSION,
        length,
        (record.equipment_compliance << 12) | record.equipment_id,
        record.width,
        record.height,
        record.x_resolution,
        record.y_resolution,
        len(record.views),
        0,
    )
    return header + bytes(body)


def is_fmr(data: bytes) -> bool:
    """Whether ``data`` starts like a finger minutiae record (format identifier ``FMR\\0``)."""
    return data[:4] == FORMAT_ID


def parse_fmr(data: bytes) -> FingerMinutiaeRecord:
    """Read a record. Raises BiometricFormatError naming the first thing that is wrong."""
    if len(data) > MAX_RECORD_BYTES:
        raise _fail(f"is {len(data)} bytes, more than {MAX_RECORD_BYTES}")
    if len(data) < _HEADER.size:
        raise _fail(f"is {len(data)} bytes, shorter than its {_HEADER.size}-byte header")
    (
        format_id,
        version,
        length,
        equipment,
        width,
        height,
        x_resolution,
        y_resolution,
        view_count,
        _reserved,
    ) = _HEADER.unpack_from(data)
    if format_id != FORMAT_ID:
        raise _fail(f"does not start with 'FMR\\0' (found {format_id!r})")
    if version != VERSION:
        raise _fail(f"has version {version!r}, not ISO/IEC 19794-2:2005's ' 20\\0'")
    if length != len(data):
        raise _fail(f"says it is {length} bytes long, but {len(data)} bytes were given")
    if view_count == 0:
        raise _fail("holds no finger view")
    offset = _HEADER.size
    views = []
    for number in range(1, view_count + 1):
        if offset + _VIEW.size > len(data):
            raise _fail(f"ends inside the header of finger view {number}")
        position, view_impression, quality, count = _VIEW.unpack_from(data, offset)
        offset += _VIEW.size
        if position > 10:
            raise _fail(f"gives finger view {number} position {position} (allowed 0-10)")
        if quality > 100:
            raise _fail(f"gives finger view {number} quality {quality} (allowed 0-100)")
        impression = view_impression & 0x0F
        if impression not in IMPRESSION_TYPES:
            raise _fail(f"gives finger view {number} impression type {impression}")
        if offset + count * _MINUTIA.size + 2 > len(data):
            raise _fail(f"ends inside the {count} minutiae of finger view {number}")
        minutiae = []
        for index in range(count):
            x_word, y_word, angle, minutia_quality = _MINUTIA.unpack_from(data, offset)
            offset += _MINUTIA.size
            kind_bits = x_word >> 14
            if kind_bits == 3:
                raise _fail(f"gives minutia {index + 1} of view {number} type bits 11")
            if minutia_quality > 100:
                raise _fail(f"gives minutia {index + 1} of view {number} quality above 100")
            minutiae.append(
                Minutia(
                    x=x_word & MAX_COORDINATE,
                    y=y_word & MAX_COORDINATE,
                    angle=angle * ANGLE_UNIT,
                    kind=_BITS_KIND[kind_bits],
                    quality=minutia_quality,
                )
            )
        (extended,) = struct.unpack_from(">H", data, offset)
        offset += 2
        if offset + extended > len(data):
            raise _fail(f"ends inside the {extended} bytes of extended data of view {number}")
        offset += extended
        views.append(
            FingerView(
                minutiae=tuple(minutiae),
                position=position,
                view_number=view_impression >> 4,
                impression=impression,
                quality=quality,
            )
        )
    if offset != len(data):
        raise _fail(f"has {len(data) - offset} bytes after its last finger view")
    return FingerMinutiaeRecord(
        width=width,
        height=height,
        x_resolution=x_resolution,
        y_resolution=y_resolution,
        views=tuple(views),
        equipment_compliance=equipment >> 12,
        equipment_id=equipment & 0xFFF,
    )
