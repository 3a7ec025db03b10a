"""Finding, aligning and encoding faces: one image in, a 128-number template out.

dlib's HOG frontal detector finds faces; the 5-point landmark model aligns each to a 150x150
chip; the CC0 ResNet turns the chip into a 128-dimensional template whose Euclidean distance
to another template measures how alike the two faces are (dlib documents 0.6 as its
same-person threshold).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import dlib
import numpy as np
import numpy.typing as npt

from borderpost.biometrics.images import decode_image
from borderpost.biometrics.models import load_models
from borderpost.biometrics.quality import FaceQuality, QualityPolicy, assess

__all__ = ["DetectionPolicy", "FaceAnalysis", "analyse_face", "analyse_image"]

Template = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DetectionPolicy:
    """How faces are looked for."""

    #: Detections scoring below this are ignored (dlib's HOG detector scores ~0 at its edge).
    min_detection_score: float = 0.3
    #: Images whose longer side is below this are upsampled once (finds faces of ~40 px).
    upsample_below_px: int = 800
    quality: QualityPolicy = field(default_factory=QualityPolicy)


@dataclass(frozen=True, slots=True)
class FaceAnalysis:
    """What was found in one image. ``template`` is set only when exactly one face was found."""

    faces_found: int
    template: Template | None
    box: tuple[int, int, int, int] | None
    quality: FaceQuality | None
    reason: str

    @property
    def usable(self) -> bool:
        return self.template is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "faces_found": self.faces_found,
            "box": None if self.box is None else list(self.box),
            "quality": None if self.quality is None else self.quality.to_dict(),
            "reason": self.reason,
        }


def analyse_image(
    image: npt.NDArray[np.uint8], policy: DetectionPolicy | None = None
) -> FaceAnalysis:
    """Detect, check and encode the face in an RGB image (height x width x 3, uint8)."""
    policy = policy or DetectionPolicy()
    models = load_models()
    upsample = 1 if max(image.shape[:2]) < policy.upsample_below_px else 0
    rects, scores, _ = models.detector.run(image, upsample, 0.0)
    found = [
        (rect, score)
        for rect, score in zip(rects, scores, strict=True)
        if score >= policy.min_detection_score
    ]
    if not found:
        return FaceAnalysis(
            0, None, None, None, "no face found (a frontal face must be clearly visible)"
        )
    if len(found) > 1:
        return FaceAnalysis(
            len(found),
            None,
            None,
            None,
            f"{len(found)} faces found: the capture must show exactly one person",
        )
    rect = found[0][0]
    shape = models.landmarks(image, rect)
    points = [(float(p.x), float(p.y)) for p in shape.parts()]
    box = (int(rect.left()), int(rect.top()), int(rect.right()), int(rect.bottom()))
    quality = assess(image, box, points, policy.quality)
    chip = dlib.get_face_chip(image, shape, size=150, padding=0.25)
    template = np.asarray(models.encoder.compute_face_descriptor(chip), dtype=np.float64)
    reason = (
        "one face found, quality acceptable"
        if quality.acceptable
        else "one face found; quality: " + "; ".join(quality.problems)
    )
    return FaceAnalysis(1, template, box, quality, reason)


def analyse_face(
    data: bytes, what: str = "the image", policy: DetectionPolicy | None = None
) -> FaceAnalysis:
    """:func:`analyse_image` of encoded bytes. Raises BiometricFormatError for bad bytes."""
    return analyse_image(decode_image(data, what), policy)
