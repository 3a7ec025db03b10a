"""The live face against the chip portrait (DG2): the 1:1 check of a primary inspection."""

from __future__ import annotations

from typing import Any

from borderpost.biometrics.dg2 import parse_dg2
from borderpost.biometrics.errors import BiometricFormatError
from borderpost.biometrics.face import DetectionPolicy, FaceAnalysis, analyse_face
from borderpost.biometrics.matching import DEFAULT_THRESHOLD, Verification, verify

__all__ = ["compare_with_dg2"]


def compare_with_dg2(
    live: bytes | FaceAnalysis,
    dg2: bytes,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    policy: DetectionPolicy | None = None,
) -> dict[str, Any]:
    """The face comparison as the inspection shows it: never raises on bad bytes.

    Returns ``{"outcome", "distance", "threshold", "reason", "advice", "live", "portrait",
    "errors"}``; unreadable input gives outcome ``inconclusive`` with an error finding
    (``code`` and ``message``) instead of an exception. ``live`` may be the capture already
    analysed (the inspection analyses it once for the 1:1 and the 1:N search).
    """
    errors: list[dict[str, str]] = []
    live_face = portrait_face = None
    try:
        live_face = (
            live
            if isinstance(live, FaceAnalysis)
            else analyse_face(live, "the live capture", policy)
        )
    except BiometricFormatError as exc:
        errors.append({"code": exc.code, "message": exc.message, "source": "live capture"})
    try:
        portraits = parse_dg2(dg2)
        portrait_face = analyse_face(portraits[0].image, "the chip portrait (DG2)", policy)
    except BiometricFormatError as exc:
        errors.append({"code": exc.code, "message": exc.message, "source": "DG2"})
    if live_face is None or portrait_face is None:
        result = Verification(
            "inconclusive",
            None,
            threshold,
            "cannot compare faces: " + "; ".join(e["message"] for e in errors),
        ).to_dict()
    else:
        result = verify(
            live_face,
            portrait_face,
            threshold=threshold,
            probe_name="the live capture",
            reference_name="the chip portrait",
        ).to_dict()
    result["live"] = None if live_face is None else live_face.to_dict()
    result["portrait"] = None if portrait_face is None else portrait_face.to_dict()
    result["errors"] = errors
    return result
