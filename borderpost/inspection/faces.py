"""The faces of a primary inspection: 1:1 with the chip portrait, 1:N against lookout photos.

The live capture is analysed once. It is compared with the chip portrait (DG2), and searched
over the lookout photos; without a usable live face the chip portrait is searched instead.
Every outcome is a candidate for an officer to confirm, never a decision; unreadable images
are findings in the result, never exceptions (only an oversized capture is refused).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from borderpost.biometrics import (
    BiometricFormatError,
    FaceAnalysis,
    analyse_face,
    compare_with_dg2,
    parse_dg2,
)
from borderpost.biometrics.images import MAX_IMAGE_BYTES
from borderpost.inspection.chip import ChipData
from borderpost.inspection.errors import Invalid
from borderpost.watchlists.face_gallery import FaceCandidate, LookoutFaces

__all__ = ["FaceChecks", "check_faces"]

_ADVICE = "a candidate for an officer to confirm, never an automatic decision"


@dataclass(frozen=True, slots=True)
class FaceChecks:
    """``face``: the 1:1 result (None without a live capture); ``candidates``: the 1:N."""

    face: dict[str, Any] | None
    candidates: tuple[FaceCandidate, ...]


def _no_portrait(threshold: float) -> dict[str, Any]:
    return {
        "outcome": "inconclusive",
        "distance": None,
        "threshold": threshold,
        "reason": "no chip portrait (DG2) was read: the live face was not compared; "
        "an officer compares it with the printed photo",
        "advice": _ADVICE,
        "live": None,
        "portrait": None,
        "errors": [],
    }


def _analyse(data: bytes, what: str) -> FaceAnalysis | None:
    try:
        return analyse_face(data, what)
    except BiometricFormatError:
        return None  # the 1:1 result reports it


def _portrait(chip: ChipData | None) -> FaceAnalysis | None:
    if chip is None or 2 not in chip.data_groups:
        return None
    try:
        return analyse_face(parse_dg2(chip.data_groups[2])[0].image, "the chip portrait")
    except BiometricFormatError:
        return None


def check_faces(
    session: Session,
    live: bytes | None,
    chip: ChipData | None,
    *,
    gallery: LookoutFaces,
    threshold: float,
    min_score: float,
    actor: str,
    now: dt.datetime,
) -> FaceChecks:
    """Compare ``live`` with the chip portrait and search it (or the portrait) 1:N.

    Raises:
        Invalid: the live capture is larger than the face decoder accepts.
    """
    if live is not None and len(live) > MAX_IMAGE_BYTES:
        raise Invalid(f"live capture: larger than {MAX_IMAGE_BYTES} bytes")
    live_face = None if live is None else _analyse(live, "the live capture")
    face: dict[str, Any] | None = None
    if live is not None:
        if chip is None or 2 not in chip.data_groups:
            face = _no_portrait(threshold)
        else:
            probe: bytes | FaceAnalysis = live if live_face is None else live_face
            face = compare_with_dg2(probe, chip.data_groups[2], threshold=threshold)
    if gallery.refresh(session, actor=actor, now=now) == 0:
        return FaceChecks(face, ())
    searched, name = live_face, "the live capture"
    if searched is None or searched.template is None:
        searched, name = _portrait(chip), "the chip portrait"
    if searched is None or searched.template is None:
        return FaceChecks(face, ())
    found = gallery.search(
        session,
        searched.template,
        min_score=min_score,
        probe_name=name,
        actor=actor,
        now=now,
        refresh=False,  # refreshed above
    )
    return FaceChecks(face, tuple(found))
