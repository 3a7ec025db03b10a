"""The chip's own public keys: DG15 (Active Authentication) and DG14 (Chip Authentication).

DG15 is tag 0x6F around a SubjectPublicKeyInfo. DG14 is tag 0x6E around SecurityInfos, a
SET of (protocol OID, data ...): Chip Authentication public keys, CA/PACE/TA infos. They are
read and described here; using them (AA/CA challenge) needs a live chip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asn1crypto import core, keys

from borderpost.documents.chip import publickey
from borderpost.documents.chip.asn1 import ChipFormatError, children, der_length, guarded, unwrap

_PROTOCOLS = {
    "0.4.0.127.0.7.2.2.1.1": "Chip Authentication public key (DH)",
    "0.4.0.127.0.7.2.2.1.2": "Chip Authentication public key (ECDH)",
    "0.4.0.127.0.7.2.2.3": "Chip Authentication",
    "0.4.0.127.0.7.2.2.4": "PACE",
    "0.4.0.127.0.7.2.2.2": "Terminal Authentication",
    "2.23.136.1.1.5": "Active Authentication",
}


@dataclass(frozen=True, slots=True)
class ChipKey:
    """A public key the chip holds, with what it is for."""

    data_group: int
    purpose: str
    protocol: str
    description: str
    key_id: int | None = None


@dataclass(frozen=True, slots=True)
class SecurityInfo:
    protocol: str
    purpose: str


def _describe(info: Any) -> str:
    try:
        return publickey.load(info).description
    except ChipFormatError as exc:
        return f"{info['algorithm']['algorithm'].native} key ({exc.message})"


def parse_dg15(data: bytes) -> ChipKey:
    """DG15's Active Authentication key. Raises ChipFormatError (``dg_malformed``)."""
    body = unwrap(data, 0x6F, "dg_malformed", "DG15")

    def parse() -> ChipKey:
        info = keys.PublicKeyInfo.load(body, strict=True)
        return ChipKey(15, "Active Authentication", "2.23.136.1.1.5", _describe(info))

    return guarded("dg_malformed", "DG15", parse)


def _purpose(protocol: str) -> str:
    if protocol in _PROTOCOLS:
        return _PROTOCOLS[protocol]
    for oid, name in _PROTOCOLS.items():
        if protocol.startswith(oid + "."):
            return name
    return "unknown protocol"


def _dg14(body: bytes) -> tuple[tuple[SecurityInfo, ...], tuple[ChipKey, ...]]:
    found: list[SecurityInfo] = []
    chip_keys: list[ChipKey] = []
    infos = unwrap(body, 0x31, "dg_malformed", "DG14 SecurityInfos")
    for tag, item in children(infos, "dg_malformed", "DG14 SecurityInfo"):
        if tag != 0x30:
            raise ChipFormatError(
                "dg_malformed", f"DG14: a SecurityInfo with tag {tag:#x}"
            ) from None
        parts = list(children(item, "dg_malformed", "DG14 SecurityInfo"))
        if not parts or parts[0][0] != 0x06:
            raise ChipFormatError(
                "dg_malformed", "DG14: a SecurityInfo without a protocol OID"
            ) from None
        protocol = core.ObjectIdentifier.load(b"\x06" + der_length(len(parts[0][1])) + parts[0][1])
        oid = protocol.dotted
        found.append(SecurityInfo(oid, _purpose(oid)))
        if oid.startswith("0.4.0.127.0.7.2.2.1.") and len(parts) >= 2:
            info = keys.PublicKeyInfo.load(b"\x30" + der_length(len(parts[1][1])) + parts[1][1])
            key_id = None
            if len(parts) > 2 and parts[2][0] == 0x02:
                key_id = int.from_bytes(parts[2][1], "big", signed=True)
            chip_keys.append(ChipKey(14, "Chip Authentication", oid, _describe(info), key_id))
    return tuple(found), tuple(chip_keys)


def parse_dg14(data: bytes) -> tuple[tuple[SecurityInfo, ...], tuple[ChipKey, ...]]:
    """DG14's security infos and Chip Authentication keys. Raises ChipFormatError."""
    body = unwrap(data, 0x6E, "dg_malformed", "DG14")
    return guarded("dg_malformed", "DG14", lambda: _dg14(body))
