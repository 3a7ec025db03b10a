"""EF.SOD, the Document Security Object (ICAO 9303-10 §4.6.2): parse, never trust.

EF.SOD is tag 0x77 around a CMS ``SignedData`` whose encapsulated content is an
``LDSSecurityObject``: the hash algorithm and one hash per data group. Parsing takes every
value out eagerly into plain immutable types; malformed bytes of any kind raise
:class:`~borderpost.documents.chip.asn1.ChipFormatError` with code ``sod_malformed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from asn1crypto import cms, core

from borderpost.documents.chip import algorithms
from borderpost.documents.chip.asn1 import ChipFormatError, der_length, guarded, name_key, unwrap
from borderpost.documents.chip.certificate import Certificate, from_asn1

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
ID_DATA = "1.2.840.113549.1.7.1"
SIGNED_DATA = "1.2.840.113549.1.7.2"
SOD_TAG = 0x77


class _DataGroupHash(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[Any]] = [("number", core.Integer), ("value", core.OctetString)]


class _DataGroupHashes(core.SequenceOf):  # type: ignore[misc]  # asn1crypto is untyped
    _child_spec: ClassVar[Any] = _DataGroupHash


class _LdsVersionInfo(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[Any]] = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """ICAO 9303-10 LDSSecurityObject (v0, or v1 with the LDS and Unicode versions)."""

    _fields: ClassVar[list[Any]] = [
        ("version", core.Integer),
        ("hash_algorithm", cms.DigestAlgorithm),
        ("hashes", _DataGroupHashes),
        ("version_info", _LdsVersionInfo, {"optional": True}),
    ]


@dataclass(frozen=True, slots=True)
class SignerInfo:
    """One CMS signer info: who signed (identifier), how, and what the signed attributes say."""

    sid_issuer: frozenset[tuple[str, str]] | None
    sid_issuer_text: str | None
    sid_serial: int | None
    sid_key_identifier: bytes | None
    digest_algorithm: str
    signature_algorithm: Any
    signed_attributes: bytes | None
    content_type: str | None
    message_digest: bytes | None
    signing_time: dt.datetime | None
    signature: bytes

    def identifies(self, cert: Certificate) -> bool:
        """True when ``cert`` is the one this signer identifier names (tolerant names)."""
        if self.sid_key_identifier is not None:
            return self.sid_key_identifier == cert.key_identifier
        return self.sid_serial == cert.serial and self.sid_issuer == cert.issuer_key

    def describe_sid(self) -> str:
        if self.sid_key_identifier is not None:
            return f"subject key identifier {self.sid_key_identifier.hex()}"
        return f"issuer {self.sid_issuer_text!r}, serial {self.sid_serial}"


@dataclass(frozen=True, slots=True)
class Sod:
    """A parsed EF.SOD (``econtent`` is the LDS Security Object as signed)."""

    version: int
    econtent_type: str
    econtent: bytes
    lds_version: int
    lds_version_info: tuple[str, str] | None
    hash_algorithm: str
    dg_hashes: Mapping[int, bytes]
    signers: tuple[SignerInfo, ...]
    certificates: tuple[Certificate, ...]


def _signed_attributes(info: Any) -> tuple[bytes | None, str | None, bytes | None, Any]:
    attrs = info["signed_attrs"]
    if not attrs.contents:
        return None, None, None, None
    # The signature covers the attributes DER-encoded as a SET OF (tag 0x31), not as the
    # [0] IMPLICIT field they are stored in: the original content octets, re-tagged.
    encoded = b"\x31" + der_length(len(attrs.contents)) + attrs.contents
    content_type = message_digest = signing_time = None
    for attribute in attrs:
        kind = attribute["type"].dotted
        values = attribute["values"]
        if len(values) != 1:
            raise ChipFormatError(
                "sod_malformed", f"signed attribute {kind} has {len(values)} values"
            )
        if kind == "1.2.840.113549.1.9.3":
            content_type = values[0].dotted
        elif kind == "1.2.840.113549.1.9.4":
            message_digest = bytes(values[0].native)
        elif kind == "1.2.840.113549.1.9.5":
            signing_time = values[0].native
    return encoded, content_type, message_digest, signing_time


def read_signer_info(info: Any) -> SignerInfo:
    """Our view of an asn1crypto ``SignerInfo`` (EF.SOD and master lists)."""
    sid = info["sid"]
    issuer = issuer_text = serial = ski = None
    if sid.name == "issuer_and_serial_number":
        issuer = name_key(sid.chosen["issuer"])
        issuer_text = sid.chosen["issuer"].human_friendly
        serial = int(sid.chosen["serial_number"].native)
    else:
        ski = bytes(sid.chosen.native)
    encoded, content_type, message_digest, signing_time = _signed_attributes(info)
    if signing_time is not None and signing_time.tzinfo is None:
        signing_time = signing_time.replace(tzinfo=dt.UTC)
    algorithm = info["signature_algorithm"]
    algorithm["algorithm"].dotted  # noqa: B018 - read now so a bad OID fails here
    return SignerInfo(
        sid_issuer=issuer,
        sid_issuer_text=issuer_text,
        sid_serial=serial,
        sid_key_identifier=ski,
        digest_algorithm=algorithms.digest_name(info["digest_algorithm"]),
        signature_algorithm=algorithm,
        signed_attributes=encoded,
        content_type=content_type,
        message_digest=message_digest,
        signing_time=signing_time,
        signature=bytes(info["signature"].native),
    )


def _lds(econtent: bytes) -> tuple[int, tuple[str, str] | None, str, dict[int, bytes]]:
    lds = LdsSecurityObject.load(econtent, strict=True)
    version = int(lds["version"].native)
    hash_name = algorithms.DIGESTS.get(lds["hash_algorithm"]["algorithm"].dotted)
    if hash_name is None:
        raise ChipFormatError(
            "sod_malformed", f"DG hash algorithm {lds['hash_algorithm']['algorithm'].dotted}"
        )
    hashes: dict[int, bytes] = {}
    for item in lds["hashes"]:
        number = int(item["number"].native)
        if not 1 <= number <= 16:
            raise ChipFormatError(
                "sod_malformed", f"a hash for data group {number} (not 1-16)"
            ) from None
        if number in hashes:
            raise ChipFormatError("sod_malformed", f"two hashes for data group {number}") from None
        hashes[number] = bytes(item["value"].native)
    info = lds["version_info"]
    version_info = (
        None
        if info.native is None
        else (info["lds_version"].native, info["unicode_version"].native)
    )
    return version, version_info, hash_name, hashes


def _parse(data: bytes) -> Sod:
    content_info = cms.ContentInfo.load(
        unwrap(data, SOD_TAG, "sod_malformed", "EF.SOD"), strict=True
    )
    if content_info["content_type"].dotted != SIGNED_DATA:
        raise ChipFormatError(
            "sod_malformed", f"content type {content_info['content_type'].dotted} is not SignedData"
        )
    signed = content_info["content"]
    encapsulated = signed["encap_content_info"]
    econtent_type = encapsulated["content_type"].dotted
    raw = encapsulated["content"]
    if raw.native is None:
        raise ChipFormatError("sod_malformed", "SignedData holds no encapsulated content") from None
    # ParsableOctetString for the ICAO type, OctetString for id-data: bytes() of either is
    # the octets as signed (constructed BER octet strings joined).
    econtent = bytes(raw) if isinstance(raw, core.OctetString | core.ParsableOctetString) else b""
    if not econtent:
        raise ChipFormatError(
            "sod_malformed", "the encapsulated content is not an OCTET STRING"
        ) from None
    version, version_info, hash_name, hashes = _lds(econtent)
    certificates = tuple(
        from_asn1(choice.chosen, "SOD certificate")
        for choice in signed["certificates"]
        if choice.name == "certificate"
    )
    signers = tuple(read_signer_info(info) for info in signed["signer_infos"])
    if not signers:
        raise ChipFormatError("sod_malformed", "SignedData has no signer info") from None
    return Sod(
        version=int(signed["version"].native[1:]),
        econtent_type=econtent_type,
        econtent=econtent,
        lds_version=version,
        lds_version_info=version_info,
        hash_algorithm=hash_name,
        dg_hashes=hashes,
        signers=signers,
        certificates=certificates,
    )


def parse_sod(data: bytes) -> Sod:
    """Parse EF.SOD bytes (with their 0x77 tag).

    Raises:
        ChipFormatError: ``sod_malformed`` (or ``certificate_malformed`` for a bad
            certificate inside), naming what is wrong.
    """
    return guarded("sod_malformed", "EF.SOD", lambda: _parse(data))
