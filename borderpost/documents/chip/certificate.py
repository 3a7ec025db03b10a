"""X.509 certificates of the ICAO PKI (CSCA, link, Document Signer, master list signer).

Read with asn1crypto (which accepts what real PKIs issue: negative serials, explicit EC
parameters, odd string types) into an immutable view; :meth:`Certificate.signed_by` checks
one certificate's signature with another's key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from asn1crypto import pem, x509

from borderpost.documents.chip import algorithms, publickey
from borderpost.documents.chip.asn1 import ChipFormatError, guarded, name_key
from borderpost.documents.chip.publickey import PublicKey


@dataclass(frozen=True, slots=True)
class Certificate:
    """What verification needs of one certificate (``der`` is the certificate as given)."""

    der: bytes
    subject: str
    issuer: str
    subject_key: frozenset[tuple[str, str]]
    issuer_key: frozenset[tuple[str, str]]
    serial: int
    not_before: dt.datetime
    not_after: dt.datetime
    country: str | None
    issuer_country: str | None
    key_identifier: bytes
    authority_key_identifier: bytes | None
    key_usage: frozenset[str] | None
    is_ca: bool
    tbs: bytes
    signature_algorithm: Any = field(repr=False)
    signature: bytes = field(repr=False)
    public_key: PublicKey | None = field(repr=False)
    key_problem: str | None = None

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.der).hexdigest()

    @property
    def serial_hex(self) -> str:
        return format(self.serial, "x") if self.serial >= 0 else "-" + format(-self.serial, "x")

    @property
    def self_issued(self) -> bool:
        return self.subject_key == self.issuer_key

    def valid_at(self, when: dt.datetime) -> bool:
        return self.not_before <= when <= self.not_after

    def signed_by(self, issuer: Certificate) -> bool:
        """True when ``issuer``'s key verifies this certificate's signature."""
        if issuer.public_key is None:
            return False
        try:
            scheme = algorithms.scheme(self.signature_algorithm)
            return issuer.public_key.verify(scheme, self.tbs, self.signature)
        except ChipFormatError:
            return False

    def describe(self) -> str:
        return f"{self.subject} (serial {self.serial_hex})"


def _country(name: Any) -> str | None:
    for rdn in name.chosen:
        for attribute in rdn:
            if attribute["type"].dotted == "2.5.4.6":
                return str(attribute["value"].native).strip().upper() or None
    return None


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _from_asn1(cert: Any) -> Certificate:
    tbs = cert["tbs_certificate"]
    key_usage = cert.key_usage_value
    constraints = cert.basic_constraints_value
    key_info = tbs["subject_public_key_info"]
    try:
        key: PublicKey | None = publickey.load(key_info)
        problem = None
    except ChipFormatError as exc:
        key, problem = None, exc.message
    ski = cert.key_identifier
    return Certificate(
        der=cert.dump(),
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        subject_key=name_key(cert.subject),
        issuer_key=name_key(cert.issuer),
        serial=int(tbs["serial_number"].native),
        not_before=_utc(tbs["validity"]["not_before"].native),
        not_after=_utc(tbs["validity"]["not_after"].native),
        country=_country(cert.subject),
        issuer_country=_country(cert.issuer),
        key_identifier=bytes(ski) if ski is not None else publickey.key_identifier(key_info),
        authority_key_identifier=cert.authority_key_identifier,
        key_usage=None if key_usage is None else frozenset(key_usage.native),
        is_ca=bool(constraints is not None and constraints["ca"].native),
        tbs=tbs.dump(),
        signature_algorithm=cert["signature_algorithm"],
        signature=bytes(cert["signature_value"].native),
        public_key=key,
        key_problem=problem,
    )


def from_asn1(cert: Any, what: str = "certificate") -> Certificate:
    """Our view of an asn1crypto ``Certificate`` (parsed eagerly, errors named)."""
    return guarded("certificate_malformed", what, lambda: _from_asn1(cert))


def load_certificate(data: bytes, what: str = "certificate") -> Certificate:
    """A certificate from DER or PEM bytes.

    Raises:
        ChipFormatError: ``certificate_malformed``.
    """

    def parse() -> Certificate:
        der = data
        if pem.detect(data):
            _, _, der = pem.unarmor(data)
        return _from_asn1(x509.Certificate.load(der, strict=True))

    return guarded("certificate_malformed", what, parse)
