"""Logical Data Structure files: EF.COM and DG1 (the MRZ as the chip stores it).

ICAO 9303-10 §4.6: EF.COM is tag 0x60 holding the LDS version (5F01), Unicode version (5F36)
and the list of data-group tags present (5C); DG1 is tag 0x61 holding 5F1F, the MRZ as one
run of characters, which the documents engine reads and checks like a printed MRZ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borderpost.documents import MrzResult, parse
from borderpost.documents.chip.asn1 import ChipFormatError, children, read_tlv, unwrap

#: The tag each data group's file starts with (ICAO 9303-10 Table 35).
DG_TAGS: dict[int, int] = {
    1: 0x61,
    2: 0x75,
    3: 0x63,
    4: 0x76,
    5: 0x65,
    6: 0x66,
    7: 0x67,
    8: 0x68,
    9: 0x69,
    10: 0x6A,
    11: 0x6B,
    12: 0x6C,
    13: 0x6D,
    14: 0x6E,
    15: 0x6F,
    16: 0x70,
}
_NUMBER_BY_TAG = {tag: number for number, tag in DG_TAGS.items()}


@dataclass(frozen=True, slots=True)
class EfCom:
    lds_version: str
    unicode_version: str
    data_groups: tuple[int, ...]


def parse_com(data: bytes) -> EfCom:
    """EF.COM. Raises ChipFormatError (``dg_malformed``)."""
    body = unwrap(data, 0x60, "dg_malformed", "EF.COM")
    fields = dict(children(body, "dg_malformed", "EF.COM"))
    try:
        lds = fields[0x5F01].decode("ascii")
        unicode = fields[0x5F36].decode("ascii")
        tags = fields[0x5C]
    except KeyError as missing:
        raise ChipFormatError("dg_malformed", f"EF.COM has no element {missing}") from None
    except UnicodeDecodeError:
        raise ChipFormatError("dg_malformed", "EF.COM versions are not ASCII digits") from None
    unknown = [f"{tag:#x}" for tag in tags if tag not in _NUMBER_BY_TAG]
    if unknown:
        raise ChipFormatError(
            "dg_malformed", f"EF.COM lists unknown tags {', '.join(unknown)}"
        ) from None
    return EfCom(lds, unicode, tuple(_NUMBER_BY_TAG[tag] for tag in tags))


def data_group_number(data: bytes) -> int | None:
    """The data group a file's first tag says it is (None if no DG tag)."""
    if not data:
        return None
    return _NUMBER_BY_TAG.get(data[0])


def dg1_mrz(data: bytes) -> str:
    """The MRZ stored in DG1, split into its lines (TD1 3x30, TD2 2x36, TD3 2x44).

    Raises:
        ChipFormatError: ``dg_malformed``.
    """
    body = unwrap(data, 0x61, "dg_malformed", "DG1")
    tag, start, end = read_tlv(body, 0, "dg_malformed", "DG1")
    if tag != 0x5F1F or end != len(body):
        raise ChipFormatError(
            "dg_malformed", "DG1 does not hold exactly one MRZ element (5F1F)"
        ) from None
    try:
        text = body[start:end].decode("ascii")
    except UnicodeDecodeError:
        raise ChipFormatError("dg_malformed", "DG1's MRZ is not ASCII text") from None
    layouts = {90: 30, 72: 36, 88: 44}
    width = layouts.get(len(text))
    if width is None:
        raise ChipFormatError(
            "dg_malformed", f"DG1's MRZ has {len(text)} characters (expected 90, 72 or 88)"
        )
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def read_dg1(data: bytes, at: dt.date | None = None) -> MrzResult:
    """DG1's MRZ read and checked by the documents engine."""
    return parse(dg1_mrz(data), at=at, propose_repair=False)


_COMPARED = (
    ("document_code", "document code"),
    ("issuing_state", "issuing State"),
    ("document_number", "document number"),
    ("surname", "surname"),
    ("given_names", "given names"),
    ("nationality", "nationality"),
    ("birth_date", "birth date"),
    ("sex", "sex"),
    ("expiry_date", "expiry date"),
    ("optional_data", "optional data"),
)


def mrz_differences(chip: MrzResult, printed: MrzResult) -> list[str]:
    """Each field where the chip's MRZ and the printed MRZ differ, as 'field: chip X, printed Y'."""
    if chip.mrz == printed.mrz:
        return []
    differences = []
    for name, label in _COMPARED:
        ours, theirs = getattr(chip, name), getattr(printed, name)
        if ours != theirs:
            differences.append(f"{label}: chip {ours!s}, printed {theirs!s}")
    return differences or ["the MRZ text differs (same fields read)"]
