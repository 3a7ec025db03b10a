"""A basic quality check of one detected face, with a reason for every problem.

Measured on the face as found (not certified against ISO/IEC 29794-5): inter-eye distance in
pixels, rough pose from the 5 landmarks (roll from the eye line, yaw from where the nose sits
between the eyes), sharpness as the variance of the Laplacian of the face region, exposure as
the face region's mean brightness and the share of clipped pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

__all__ = ["FaceQuality", "QualityPolicy", "assess"]

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class QualityPolicy:
    """Limits below or beyond which a face is reported as poor (each with its reason)."""

    min_inter_eye_px: float = 40.0
    max_roll_degrees: float = 20.0
    max_yaw_ratio: float = 0.25  # nose offset from the eyes' midpoint / inter-eye distance
    min_sharpness: float = 20.0  # variance of the Laplacian, 8-bit grey levels squared
    min_brightness: float = 50.0
    max_brightness: float = 215.0
    max_clipped_share: float = 0.25


@dataclass(frozen=True, slots=True)
class FaceQuality:
    inter_eye_px: float
    roll_degrees: float
    yaw_ratio: float
    sharpness: float
    brightness: float
    clipped_share: float
    problems: tuple[str, ...] = field(default=())

    @property
    def acceptable(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "acceptable": self.acceptable,
            "inter_eye_px": round(self.inter_eye_px, 1),
            "roll_degrees": round(self.roll_degrees, 1),
            "yaw_ratio": round(self.yaw_ratio, 2),
            "sharpness": round(self.sharpness, 1),
            "brightness": round(self.brightness, 1),
            "clipped_share": round(self.clipped_share, 3),
            "problems": list(self.problems),
        }


def assess(
    image: npt.NDArray[np.uint8],
    box: tuple[int, int, int, int],
    points: list[Point],
    policy: QualityPolicy,
) -> FaceQuality:
    """Quality of the face in ``box`` (left, top, right, bottom) with dlib's 5 landmarks.

    dlib's 5-point order: 0-1 the corners of one eye, 2-3 of the other, 4 below the nose.
    """
    eye_a = ((points[0][0] + points[1][0]) / 2, (points[0][1] + points[1][1]) / 2)
    eye_b = ((points[2][0] + points[3][0]) / 2, (points[2][1] + points[3][1]) / 2)
    left, right = (eye_a, eye_b) if eye_a[0] <= eye_b[0] else (eye_b, eye_a)
    dx, dy = right[0] - left[0], right[1] - left[1]
    inter_eye = math.hypot(dx, dy)
    roll = math.degrees(math.atan2(dy, dx))
    mid = ((left[0] + right[0]) / 2, (left[1] + right[1]) / 2)
    # Project the nose onto the eye line: its offset along it is a rough measure of yaw.
    along = ((points[4][0] - mid[0]) * dx + (points[4][1] - mid[1]) * dy) / max(inter_eye, 1e-6)
    yaw = along / max(inter_eye, 1e-6)

    height, width = image.shape[:2]
    x0, t, r, b = max(box[0], 0), max(box[1], 0), min(box[2], width), min(box[3], height)
    region = image[t:b, x0:r] if r > x0 and b > t else image
    grey = cv2.cvtColor(np.ascontiguousarray(region), cv2.COLOR_RGB2GRAY)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    brightness = float(grey.mean())
    clipped = float(np.mean((grey <= 5) | (grey >= 250)))

    problems: list[str] = []
    if inter_eye < policy.min_inter_eye_px:
        problems.append(
            f"the eyes are {inter_eye:.0f} px apart, fewer than {policy.min_inter_eye_px:.0f}: "
            "the face is too small to compare reliably"
        )
    if abs(roll) > policy.max_roll_degrees:
        problems.append(
            f"the head is tilted {abs(roll):.0f} degrees (limit {policy.max_roll_degrees:.0f})"
        )
    if abs(yaw) > policy.max_yaw_ratio:
        problems.append(
            f"the face is turned to one side (nose off-centre by {abs(yaw):.0%} of the eye "
            f"distance, limit {policy.max_yaw_ratio:.0%})"
        )
    if sharpness < policy.min_sharpness:
        problems.append(
            f"the face is blurred (sharpness {sharpness:.0f}, at least {policy.min_sharpness:.0f})"
        )
    if brightness < policy.min_brightness:
        problems.append(f"the face is too dark (mean brightness {brightness:.0f} of 255)")
    elif brightness > policy.max_brightness:
        problems.append(f"the face is overexposed (mean brightness {brightness:.0f} of 255)")
    if clipped > policy.max_clipped_share:
        problems.append(f"{clipped:.0%} of the face is pure black or white (clipped exposure)")
    return FaceQuality(
        inter_eye_px=inter_eye,
        roll_degrees=roll,
        yaw_ratio=yaw,
        sharpness=sharpness,
        brightness=brightness,
        clipped_share=clipped,
        problems=tuple(problems),
    )
