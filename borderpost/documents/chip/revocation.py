"""Certificate revocation lists of CSCAs (ICAO 9303-12 §7): is a Document Signer revoked?"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from asn1crypto import crl, pem

from borderpost.documents.chip import algorithms
from borderpost.documents.chip.asn1 import ChipFormatError, guarded, name_key
from borderpost.documents.chip.certificate import Certificate


@dataclass(frozen=True, slots=True)
class RevocationList:
    issuer: str
    issuer_key: frozenset[tuple[str, str]]
    this_update: dt.datetime
    revoked: dict[int, dt.datetime | None]
    tbs: bytes
    signature_algorithm: object
    signature: bytes

    def signed_by(self, issuer: Certificate) -> bool:
        if issuer.public_key is None or issuer.subject_key != self.issuer_key:
            return False
        try:
            scheme = algorithms.scheme(self.signature_algorithm)
            return issuer.public_key.verify(scheme, self.tbs, self.signature)
        except ChipFormatError:
            return False


def _parse(data: bytes) -> RevocationList:
    der = pem.unarmor(data)[2] if pem.detect(data) else data
    parsed = crl.CertificateList.load(der, strict=True)
    tbs = parsed["tbs_cert_list"]
    revoked: dict[int, dt.datetime | None] = {}
    for entry in tbs["revoked_certificates"]:
        revoked[int(entry["user_certificate"].native)] = entry["revocation_date"].native
    this_update = tbs["this_update"].native
    return RevocationList(
        issuer=parsed.issuer.human_friendly,
        issuer_key=name_key(parsed.issuer),
        this_update=this_update,
        revoked=revoked,
        tbs=tbs.dump(),
        signature_algorithm=parsed["signature_algorithm"],
        signature=bytes(parsed["signature"].native),
    )


def load_crl(data: bytes) -> RevocationList:
    """A CRL from DER or PEM. Raises ChipFormatError (``crl_invalid``)."""
    return guarded("crl_invalid", "revocation list", lambda: _parse(data))
