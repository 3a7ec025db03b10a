"""ePassport chip verification: passive authentication against CSCA master lists.

Pure domain (no I/O): :func:`verify` checks EF.SOD, the Document Signer's chain to trusted
CSCAs and every data group's hash; :func:`check_masterlist` verifies a CSCA master list;
:class:`TrustAnchors` holds the trusted CSCAs. Malformed bytes never raise anything but
:class:`ChipFormatError`, and :func:`verify` never raises on them at all.
"""

from borderpost.documents.chip.anchors import Anchor, TrustAnchors
from borderpost.documents.chip.asn1 import ChipFormatError
from borderpost.documents.chip.certificate import Certificate, load_certificate
from borderpost.documents.chip.findings import catalogue
from borderpost.documents.chip.masterlist import MasterList, check_masterlist
from borderpost.documents.chip.report import ChipReport
from borderpost.documents.chip.revocation import RevocationList, load_crl
from borderpost.documents.chip.sod import Sod, parse_sod
from borderpost.documents.chip.verify import verify

__all__ = [
    "Anchor",
    "Certificate",
    "ChipFormatError",
    "ChipReport",
    "MasterList",
    "RevocationList",
    "Sod",
    "TrustAnchors",
    "catalogue",
    "check_masterlist",
    "load_certificate",
    "load_crl",
    "parse_sod",
    "verify",
]
