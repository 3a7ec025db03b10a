"""DG2 of an eMRTD: the encoded face as ISO/IEC 19794-5 facial records.

ICAO 9303-10 §4.7.2: DG2 is tag ``0x75`` holding a Biometric Information Group Template
(``0x7F61``) with the number of instances (``0x02``) and one Biometric Information Template
(``0x7F60``) per face: a Biometric Header Template (``0xA1``) and the Biometric Data Block
(``0x5F2E``, or ``0x7F2E`` when constructed). The block is an ISO/IEC 19794-5:2005 record:

- general header (14 bytes): ``"FAC\\0"``, version ``"010\\0"``, record length (4 bytes),
  number of facial images (2 bytes);
- per face: facial information (20 bytes: block length 4, feature points 2, gender, eye
  colour, hair colour, feature mask 3, expression 2, pose angles 3, uncertainties 3), then
  8 bytes per feature point, then image information (12 bytes: face image type, image data
  type 0 = JPEG / 1 = JPEG 2000, width 2, height 2, colour space, source type, device type 2,
  quality 2), then the image itself.

Everything here raises :class:`~borderpost.biometrics.errors.BiometricFormatError` and
nothing else on bad input.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from borderpost.biometrics.errors import BiometricFormatError
from borderpost.documents.chip.asn1 import ChipFormatError, children, der_length, read_tlv

__all__ = ["FacePortrait", "build_dg2", "parse_dg2", "parse_face_record"]

_FORMAT_ID = b"FAC\x00"
_VERSION = b"010\x00"
_GENERAL_HEADER = 14
_FACIAL_INFO = 20
_FEATURE_POINT = 8
_IMAGE_INFO = 12
_IMAGE_TYPES = {0: "jpeg", 1: "jpeg2000"}
#: Largest plausible face record (DG2 images run to ~100 kB; a chip holds a few hundred kB).
MAX_RECORD_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FacePortrait:
    """One face image from a DG2 record, as stored: the encoded image and its header."""

    image: bytes
    image_format: str  # "jpeg" or "jpeg2000"
    width: int
    height: int
    feature_points: int
    face_image_type: int  # 0 basic, 1 full frontal, 2 token frontal

    def to_dict(self) -> dict[str, Any]:
        return {
            "image_format": self.image_format,
            "width": self.width,
            "height": self.height,
            "bytes": len(self.image),
            "feature_points": self.feature_points,
            "face_image_type": self.face_image_type,
        }


def parse_face_record(data: bytes) -> list[FacePortrait]:
    """The faces of one ISO/IEC 19794-5 record (the content of a Biometric Data Block)."""
    if len(data) > MAX_RECORD_BYTES:
        raise BiometricFormatError(
            "face_record_malformed", f"the face record is larger than {MAX_RECORD_BYTES} bytes"
        )
    if len(data) < _GENERAL_HEADER:
        raise BiometricFormatError(
            "face_record_malformed",
            f"the face record has {len(data)} bytes, fewer than its 14-byte header",
        )
    if data[:4] != _FORMAT_ID:
        raise BiometricFormatError(
            "face_record_malformed",
            f"the face record starts with {data[:4]!r}, not the format identifier 'FAC'",
        )
    if data[4:8] != _VERSION:
        raise BiometricFormatError(
            "face_record_malformed",
            f"face record version {data[4:8]!r} is not supported (ISO/IEC 19794-5:2005 '010')",
        )
    record_length, count = struct.unpack(">IH", data[8:14])
    if record_length != len(data):
        raise BiometricFormatError(
            "face_record_malformed",
            f"the face record says it is {record_length} bytes but {len(data)} were read",
        )
    if count == 0:
        raise BiometricFormatError("face_record_malformed", "the face record holds no face")
    faces: list[FacePortrait] = []
    offset = _GENERAL_HEADER
    for index in range(1, count + 1):
        what = f"face {index} of {count}"
        if offset + _FACIAL_INFO > len(data):
            raise BiometricFormatError(
                "face_record_malformed", f"{what}: the record ends before its facial information"
            )
        block_length, points = struct.unpack(">IH", data[offset : offset + 6])
        fixed = _FACIAL_INFO + points * _FEATURE_POINT + _IMAGE_INFO
        if block_length < fixed or offset + block_length > len(data):
            raise BiometricFormatError(
                "face_record_malformed",
                f"{what}: block length {block_length} does not fit the record "
                f"(needs at least {fixed} bytes, {len(data) - offset} remain)",
            )
        info = offset + _FACIAL_INFO + points * _FEATURE_POINT
        face_type, data_type, width, height = struct.unpack(">BBHH", data[info : info + 6])
        if data_type not in _IMAGE_TYPES:
            raise BiometricFormatError(
                "face_record_malformed",
                f"{what}: image data type {data_type} is neither JPEG (0) nor JPEG 2000 (1)",
            )
        image = data[info + _IMAGE_INFO : offset + block_length]
        if not image:
            raise BiometricFormatError("face_record_malformed", f"{what}: the image is empty")
        faces.append(
            FacePortrait(
                image=image,
                image_format=_IMAGE_TYPES[data_type],
                width=width,
                height=height,
                feature_points=points,
                face_image_type=face_type,
            )
        )
        offset += block_length
    if offset != len(data):
        raise BiometricFormatError(
            "face_record_malformed",
            f"{len(data) - offset} bytes after the last face of the record",
        )
    return faces


def parse_dg2(data: bytes) -> list[FacePortrait]:
    """The face portraits of a DG2 file (usually one).

    Raises:
        BiometricFormatError: ``dg2_malformed`` for the TLV framing, ``face_record_malformed``
            for the ISO/IEC 19794-5 record inside it.
    """
    try:
        outer_tag, start, end = read_tlv(data, 0, "dg2_malformed", "DG2")
        if outer_tag != 0x75:
            raise BiometricFormatError(
                "dg2_malformed", f"DG2 starts with tag {outer_tag:#x}, expected 0x75"
            )
        if end != len(data):
            raise BiometricFormatError(
                "dg2_malformed", f"DG2 has {len(data) - end} bytes after its end"
            )
        groups = [v for t, v in children(data[start:end], "dg2_malformed", "DG2") if t == 0x7F61]
        if len(groups) != 1:
            raise BiometricFormatError(
                "dg2_malformed",
                f"DG2 holds {len(groups)} biometric information group templates (0x7F61), "
                "expected 1",
            )
        faces: list[FacePortrait] = []
        for tag, value in children(groups[0], "dg2_malformed", "DG2 group template"):
            if tag != 0x7F60:
                continue
            blocks = [
                v
                for t, v in children(value, "dg2_malformed", "DG2 information template")
                if t in (0x5F2E, 0x7F2E)
            ]
            if len(blocks) != 1:
                raise BiometricFormatError(
                    "dg2_malformed",
                    f"a DG2 information template holds {len(blocks)} biometric data blocks "
                    "(0x5F2E/0x7F2E), expected 1",
                )
            faces.extend(parse_face_record(blocks[0]))
    except ChipFormatError as exc:
        raise BiometricFormatError("dg2_malformed", exc.message) from None
    if not faces:
        raise BiometricFormatError(
            "dg2_malformed", "DG2 holds no biometric information template (0x7F60)"
        )
    return faces


def _tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    return tag_bytes + der_length(len(value)) + value


def build_dg2(image: bytes, *, image_format: str, width: int, height: int) -> bytes:
    """A DG2 file holding one face (what a chip issuer writes; used by simulations and tests)."""
    data_type = {v: k for k, v in _IMAGE_TYPES.items()}[image_format]
    facial_info = struct.pack(
        ">IHBBB3sH3s3s", 0, 0, 0, 0, 0, b"\x00" * 3, 0, b"\x00" * 3, b"\x00" * 3
    )
    image_info = struct.pack(">BBHHBBHH", 1, data_type, width, height, 1, 2, 0, 0)
    block_length = len(facial_info) + len(image_info) + len(image)
    facial_info = struct.pack(">I", block_length) + facial_info[4:]
    record_length = _GENERAL_HEADER + block_length
    record = _FORMAT_ID + _VERSION + struct.pack(">IH", record_length, 1)
    record += facial_info + image_info + image
    # Biometric Header Template: ICAO header version, biometric type 0x02 (face), subtype.
    header = _tlv(0xA1, _tlv(0x80, b"\x01\x01") + _tlv(0x81, b"\x02") + _tlv(0x87, b"\x01\x01"))
    template = _tlv(0x7F60, header + _tlv(0x5F2E, record))
    group = _tlv(0x7F61, _tlv(0x02, b"\x01") + template)
    return _tlv(0x75, group)
