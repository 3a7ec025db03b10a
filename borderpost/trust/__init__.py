"""The chip trust store: import CSCA master lists and certificates, list what is trusted.

A service (it owns storage): :func:`import_masterlist` and :func:`import_certificates` add
trusted CSCAs in the caller's unit of work (and audit it); :func:`load_anchors` gives them to
:func:`borderpost.documents.chip.verify`; :func:`overview` says what is trusted per country
and which countries have no anchor.
"""

from borderpost.trust.service import (
    CountryTrust,
    ImportSummary,
    TrustError,
    import_certificates,
    import_masterlist,
    load_anchors,
    overview,
)

__all__ = [
    "CountryTrust",
    "ImportSummary",
    "TrustError",
    "import_certificates",
    "import_masterlist",
    "load_anchors",
    "overview",
]
