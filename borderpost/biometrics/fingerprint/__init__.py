"""Fingerprints as decision support: minutiae, ISO/IEC 19794-2 templates, 1:1 and 1:N.

NIST's public-domain mindtct finds minutiae and bozorth3 compares them, through the MIT
``afis`` package (its native library is compiled by ``make dev``). Templates are ISO/IEC
19794-2:2005 finger minutiae records written and read by :mod:`.record`. Quality is
NFIQ2-style, not certified. Every result is a candidate for a person to confirm; operating
points have not been validated against NIST/EES targets (see ``docs/biometrics.md``).
"""

from __future__ import annotations

from borderpost.biometrics.fingerprint.analysis import (
    DEFAULT_PPI,
    FingerAnalysis,
    analyse_finger,
    analyse_finger_image,
    read_finger,
)
from borderpost.biometrics.fingerprint.images import decode_fingerprint, decode_raw
from borderpost.biometrics.fingerprint.matching import (
    DEFAULT_FINGER_THRESHOLD,
    FingerCandidate,
    FingerGallery,
    FingerVerification,
    compare_records,
    verify_fingers,
)
from borderpost.biometrics.fingerprint.nbis import NativeUnavailableError
from borderpost.biometrics.fingerprint.positions import FINGERS, check_finger, finger_name
from borderpost.biometrics.fingerprint.quality import FingerQuality, FingerQualityPolicy
from borderpost.biometrics.fingerprint.record import (
    FingerMinutiaeRecord,
    FingerView,
    Minutia,
    MinutiaKind,
    encode_fmr,
    is_fmr,
    parse_fmr,
)

__all__ = [
    "DEFAULT_FINGER_THRESHOLD",
    "DEFAULT_PPI",
    "FINGERS",
    "FingerAnalysis",
    "FingerCandidate",
    "FingerGallery",
    "FingerMinutiaeRecord",
    "FingerQuality",
    "FingerQualityPolicy",
    "FingerVerification",
    "FingerView",
    "Minutia",
    "MinutiaKind",
    "NativeUnavailableError",
    "analyse_finger",
    "analyse_finger_image",
    "check_finger",
    "compare_records",
    "decode_fingerprint",
    "decode_raw",
    "encode_fmr",
    "finger_name",
    "is_fmr",
    "parse_fmr",
    "read_finger",
    "verify_fingers",
]
