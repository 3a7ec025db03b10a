"""Biometrics as decision support: face verification (1:1) and identification (1:N).

Pure domain code: bytes and pixels in, results with human-readable reasons out. Every result
is a candidate for a person to confirm, never an automatic refusal. Operating points have not
been validated against EES/NIST targets (see ``docs/biometrics.md``).
"""

from __future__ import annotations

from borderpost.biometrics.dg2 import FacePortrait, build_dg2, parse_dg2, parse_face_record
from borderpost.biometrics.errors import BiometricFormatError
from borderpost.biometrics.face import DetectionPolicy, FaceAnalysis, analyse_face, analyse_image
from borderpost.biometrics.images import decode_image
from borderpost.biometrics.matching import (
    DEFAULT_THRESHOLD,
    Candidate,
    Gallery,
    Verification,
    verify,
)
from borderpost.biometrics.portrait import compare_with_dg2
from borderpost.biometrics.quality import FaceQuality, QualityPolicy
from borderpost.biometrics.templates import template_from_bytes, template_to_bytes

__all__ = [
    "DEFAULT_THRESHOLD",
    "BiometricFormatError",
    "Candidate",
    "DetectionPolicy",
    "FaceAnalysis",
    "FacePortrait",
    "FaceQuality",
    "Gallery",
    "QualityPolicy",
    "Verification",
    "analyse_face",
    "analyse_image",
    "build_dg2",
    "compare_with_dg2",
    "decode_image",
    "parse_dg2",
    "parse_face_record",
    "template_from_bytes",
    "template_to_bytes",
    "verify",
]
