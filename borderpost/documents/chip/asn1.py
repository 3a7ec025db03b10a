"""ASN.1 helpers for chip files: BER-TLV framing, names compared tolerantly, named errors.

Everything that reads untrusted bytes raises :class:`ChipFormatError` (a ``ValueError`` with a
stable ``code``) and nothing else: :func:`guarded` turns whatever a parser library raises on
malformed input into one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

#: What asn1crypto and cryptography raise on malformed input (they are lazy parsers:
#: errors surface where a value is first read, so parse eagerly inside :func:`guarded`).
PARSE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    AttributeError,
    UnicodeError,
    RecursionError,
)


class ChipFormatError(ValueError):
    """Bytes that are not what they should be: ``code`` is a catalogued finding code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def guarded(code: str, what: str, parse: Callable[[], T]) -> T:
    """Run ``parse``; any library error on malformed input becomes a ``ChipFormatError``."""
    try:
        return parse()
    except ChipFormatError:
        raise
    except PARSE_ERRORS as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ChipFormatError(code, f"{what} is malformed: {detail[:200]}") from None


def read_tlv(data: bytes, offset: int, code: str, what: str) -> tuple[int, int, int]:
    """The tag (its bytes as one number, e.g. ``0x5F1F``), content start and end at ``offset``.

    Definite lengths only (ICAO 9303 files are DER-framed); a length running past the data
    is an error.
    """
    size = len(data)
    if offset >= size:
        raise ChipFormatError(code, f"{what}: no data where a tag was expected") from None
    tag = data[offset]
    pos = offset + 1
    if tag & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= size:
                raise ChipFormatError(code, f"{what}: the tag is cut short") from None
            tag = (tag << 8) | data[pos]
            pos += 1
            if not data[pos - 1] & 0x80:
                break
        else:
            raise ChipFormatError(code, f"{what}: a tag longer than 4 bytes") from None
    if pos >= size:
        raise ChipFormatError(code, f"{what}: no length after tag {tag:#x}") from None
    first = data[pos]
    pos += 1
    if first < 0x80:
        length = first
    elif first == 0x80:
        raise ChipFormatError(
            code, f"{what}: indefinite length (not allowed in a chip file)"
        ) from None
    else:
        count = first & 0x7F
        if count > 4 or pos + count > size:
            raise ChipFormatError(
                code, f"{what}: a length field of {count} bytes is invalid"
            ) from None
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    end = pos + length
    if end > size:
        raise ChipFormatError(
            code, f"{what}: tag {tag:#x} says {length} bytes but only {size - pos} follow"
        )
    return tag, pos, end


def unwrap(data: bytes, tag: int, code: str, what: str) -> bytes:
    """The content of the single TLV ``data`` must be, with tag ``tag``."""
    found, start, end = read_tlv(data, 0, code, what)
    if found != tag:
        raise ChipFormatError(
            code, f"{what}: starts with tag {found:#x}, expected {tag:#x}"
        ) from None
    if end != len(data):
        raise ChipFormatError(
            code, f"{what}: {len(data) - end} bytes after the end of the data"
        ) from None
    return data[start:end]


def children(data: bytes, code: str, what: str) -> Iterator[tuple[int, bytes]]:
    """The (tag, value) pairs of a run of TLVs filling ``data``."""
    offset = 0
    while offset < len(data):
        tag, start, end = read_tlv(data, offset, code, what)
        yield tag, data[start:end]
        offset = end


def der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def normal_text(value: str) -> str:
    """A name attribute's value as compared: NFKC, case-folded, runs of spaces collapsed."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return " ".join(folded.split())


def name_key(name: Any) -> frozenset[tuple[str, str]]:
    """An asn1crypto ``Name`` as a set of (attribute OID, normalised value).

    Signer identifiers in the wild repeat a certificate's issuer with its RDNs in another
    order, another string type, other case or spacing; this key compares equal across all
    of those and differs when any attribute's value differs.
    """
    pairs: set[tuple[str, str]] = set()
    for rdn in name.chosen:
        for attribute in rdn:
            oid = attribute["type"].dotted
            value = attribute["value"]
            text = value.native if hasattr(value, "native") else value
            if isinstance(text, bytes):
                pairs.add((oid, text.hex()))
            else:
                pairs.add((oid, normal_text(str(text))))
    return frozenset(pairs)
