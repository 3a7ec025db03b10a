"""Fingerprint quality, NFIQ2-style and **not certified** (ISO/IEC 29794-4 is not claimed).

Measured in the spirit of NIST's NFIQ 2 features, with this project's own simple formulas:

- **foreground**: the image is cut into 16x16-pixel blocks; a block shows ridges when its grey
  levels vary (standard deviation >= 10) and its gradients agree on one direction (orientation
  coherence of the structure tensor >= 0.45, NFIQ 2's "OCL"). Pure noise varies but does not
  agree, so it is not foreground;
- **ridge clarity**: the mean orientation coherence of the foreground blocks (0-1);
- **minutiae**: how many were found on the foreground, and their mean reliability (mindtct's).

The 0-100 score is a weighted sum of the four, each capped at a level seen on good scans:
``35 * clarity/0.8 + 25 * foreground/0.35 + 20 * minutiae/40 + 20 * reliability/100``. It ranks
captures for a retake; it is not NFIQ 2 and its levels are not NFIQ 2's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

__all__ = ["FingerQuality", "FingerQualityPolicy", "RidgeMap", "assess", "ridge_map"]

BLOCK = 16
_MIN_BLOCK_STD = 10.0
_MIN_BLOCK_COHERENCE = 0.45
LABEL = "NFIQ2-style, not certified"


@dataclass(frozen=True, slots=True)
class FingerQualityPolicy:
    """Levels below which a capture is reported as poor, each with its reason."""

    #: Below this share of the image showing ridges there is nothing to compare.
    min_foreground_share: float = 0.04
    #: Below this many minutiae a comparison is unreliable (bozorth3 needs a dozen or more).
    min_minutiae: int = 12
    min_clarity: float = 0.55
    min_reliability: float = 25.0
    #: Scores below this ask for a retake.
    min_score: int = 40


@dataclass(frozen=True, slots=True)
class RidgeMap:
    """Per 16x16 block: does it show ridges, how coherent are they (0-1), is it well inside.

    ``interior``: the foreground with small holes closed (cores and deltas have low
    coherence) and one block peeled off its edge, where the print fades out.
    """

    foreground: npt.NDArray[np.bool_]
    coherence: npt.NDArray[np.float32]
    interior: npt.NDArray[np.bool_]

    @property
    def foreground_share(self) -> float:
        return float(self.foreground.mean()) if self.foreground.size else 0.0

    @property
    def clarity(self) -> float:
        return float(self.coherence[self.foreground].mean()) if self.foreground.any() else 0.0

    def inside(self, x: int, y: int) -> bool:
        """Whether pixel (x, y) lies on ridges, at least a block from the print's edge."""
        row, col = y // BLOCK, x // BLOCK
        rows, cols = self.interior.shape
        return 0 <= row < rows and 0 <= col < cols and bool(self.interior[row, col])


def ridge_map(image: npt.NDArray[np.uint8]) -> RidgeMap:
    """Foreground and orientation coherence of each whole 16x16 block of a grey image."""
    rows, cols = image.shape[0] // BLOCK, image.shape[1] // BLOCK
    grey = image[: rows * BLOCK, : cols * BLOCK].astype(np.float32)
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3)

    def per_block(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        summed = values.reshape(rows, BLOCK, cols, BLOCK).sum(axis=(1, 3))
        return np.asarray(summed, dtype=np.float32)

    gxx, gyy, gxy = per_block(gx * gx), per_block(gy * gy), per_block(gx * gy)
    energy = gxx + gyy
    coherence = np.where(
        energy > 1e-6,
        np.sqrt((gxx - gyy) ** 2 + 4 * gxy**2) / np.maximum(energy, 1e-6),
        0.0,
    ).astype(np.float32)
    spread = grey.reshape(rows, BLOCK, cols, BLOCK).std(axis=(1, 3))
    foreground = (spread >= _MIN_BLOCK_STD) & (coherence >= _MIN_BLOCK_COHERENCE)
    # A lone block is noise, not a fingertip: keep blocks with foreground around them.
    neighbours = cv2.boxFilter(foreground.astype(np.float32), -1, (3, 3), normalize=False)
    foreground &= neighbours >= 4
    closed = cv2.morphologyEx(
        foreground.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8)
    )
    interior = cv2.erode(
        closed, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT, borderValue=0
    ).astype(bool)
    return RidgeMap(foreground=foreground, coherence=coherence, interior=interior)


@dataclass(frozen=True, slots=True)
class FingerQuality:
    """The NFIQ2-style score (0-100, not certified) and what it is made of."""

    score: int
    foreground_share: float
    clarity: float
    minutiae: int
    reliability: float  # mean minutia quality, 0-100
    problems: tuple[str, ...] = field(default=())

    @property
    def acceptable(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "scale": LABEL,
            "acceptable": self.acceptable,
            "foreground_share": round(self.foreground_share, 3),
            "ridge_clarity": round(self.clarity, 3),
            "minutiae": self.minutiae,
            "mean_minutia_quality": round(self.reliability, 1),
            "problems": list(self.problems),
        }


def assess(ridges: RidgeMap, qualities: list[int], policy: FingerQualityPolicy) -> FingerQuality:
    """Quality of one capture from its ridge map and its minutiae's qualities (0-100)."""
    share, clarity = ridges.foreground_share, ridges.clarity
    count = len(qualities)
    reliability = float(np.mean(qualities)) if qualities else 0.0
    score = round(
        35 * min(clarity / 0.8, 1.0)
        + 25 * min(share / 0.35, 1.0)
        + 20 * min(count / 40, 1.0)
        + 20 * min(reliability / 100, 1.0)
    )
    problems: list[str] = []
    if share < policy.min_foreground_share:
        problems.append(
            f"no usable ridges: only {share:.0%} of the image shows ridge structure "
            f"(at least {policy.min_foreground_share:.0%} needed); the image is blank, noise "
            "or not a fingerprint"
        )
    else:
        if count < policy.min_minutiae:
            problems.append(
                f"only {count} minutiae found on the ridges, fewer than {policy.min_minutiae}: "
                "too little of the finger to compare reliably"
            )
        if clarity < policy.min_clarity:
            problems.append(
                f"the ridges are unclear (orientation coherence {clarity:.2f}, at least "
                f"{policy.min_clarity:.2f}): smudged, dry or moving finger"
            )
        if count and reliability < policy.min_reliability:
            problems.append(
                f"the minutiae are unreliable (mean quality {reliability:.0f} of 100, at "
                f"least {policy.min_reliability:.0f})"
            )
        if score < policy.min_score:
            problems.append(f"{LABEL} score {score} is below {policy.min_score}: retake")
    return FingerQuality(score, share, clarity, count, reliability, tuple(problems))
