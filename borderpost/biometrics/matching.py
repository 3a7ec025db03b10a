"""Comparing faces: 1:1 verification and 1:N search over an in-memory gallery.

Every result is a candidate for a person to confirm, never a decision: a match says two
images probably show the same person, a non-match suggests a closer look by an officer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from borderpost.biometrics.caveats import quality_tail
from borderpost.biometrics.face import FaceAnalysis

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Gallery",
    "Verification",
    "compare_templates",
    "verify",
]

#: dlib's documented same-person threshold for its ResNet (Euclidean distance of templates).
DEFAULT_THRESHOLD = 0.6

Template = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Verification:
    """A 1:1 comparison. ``outcome``: ``match``, ``no_match`` or ``inconclusive``."""

    outcome: str
    distance: float | None
    threshold: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "distance": None if self.distance is None else round(self.distance, 4),
            "threshold": self.threshold,
            "reason": self.reason,
            "advice": "a candidate for an officer to confirm, never an automatic decision",
        }


def compare_templates(a: Template, b: Template, threshold: float = DEFAULT_THRESHOLD) -> float:
    """The Euclidean distance between two templates (smaller is more alike)."""
    if threshold <= 0:
        raise ValueError("the threshold must be positive")
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))


def verify(
    probe: FaceAnalysis,
    reference: FaceAnalysis,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    probe_name: str = "the live capture",
    reference_name: str = "the reference portrait",
) -> Verification:
    """Compare the face of ``probe`` with that of ``reference``."""
    if probe.template is None or reference.template is None:
        missing = [
            f"{name}: {analysis.reason}"
            for name, analysis in ((probe_name, probe), (reference_name, reference))
            if analysis.template is None
        ]
        return Verification(
            "inconclusive", None, threshold, "cannot compare faces; " + "; ".join(missing)
        )
    distance = compare_templates(probe.template, reference.template, threshold)
    tail = quality_tail(((probe_name, probe), (reference_name, reference)))
    if distance <= threshold:
        reason = (
            f"{probe_name} and {reference_name} probably show the same person: distance "
            f"{distance:.3f} is within the threshold {threshold:.2f}{tail}"
        )
        return Verification("match", distance, threshold, reason)
    reason = (
        f"{probe_name} and {reference_name} may show different people: distance "
        f"{distance:.3f} is beyond the threshold {threshold:.2f}; an officer should compare "
        f"the face with the document{tail}"
    )
    return Verification("no_match", distance, threshold, reason)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gallery entry close to the probe, for a person to confirm."""

    key: str
    rank: int
    distance: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "rank": self.rank,
            "distance": round(self.distance, 4),
            "reason": self.reason,
        }


class Gallery:
    """Templates in memory (N x 128 float32) searched by brute force with numpy.

    At 100,000 templates one search is a single matrix-vector product (see
    ``bench/biometrics.py`` for the time on this machine).
    """

    def __init__(self, keys: Sequence[str], templates: npt.ArrayLike) -> None:
        matrix = np.asarray(templates, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[0] != len(keys):
            raise ValueError("the gallery needs one template (a row) per key")
        self.keys = list(keys)
        self.matrix = matrix
        self._norms = np.einsum("ij,ij->i", self.matrix, self.matrix)

    def __len__(self) -> int:
        return len(self.keys)

    def search(
        self, probe: Template, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 10
    ) -> list[Candidate]:
        """Entries within ``threshold`` of ``probe``, nearest first, at most ``limit``."""
        if not self.keys:
            return []
        vector = np.asarray(probe, dtype=np.float32).reshape(-1)
        if vector.shape[0] != self.matrix.shape[1]:
            raise ValueError(
                f"the probe has {vector.shape[0]} numbers, the gallery {self.matrix.shape[1]}"
            )
        # |a - b|^2 = |a|^2 - 2 a.b + |b|^2, for all rows at once.
        squared = self._norms - 2.0 * (self.matrix @ vector) + float(vector @ vector)
        distances = np.sqrt(np.maximum(squared, 0.0))
        count = min(limit, len(self.keys))
        nearest = np.argpartition(distances, count - 1)[:count]
        nearest = nearest[np.argsort(distances[nearest], kind="stable")]
        return [
            Candidate(
                key=self.keys[i],
                rank=rank,
                distance=float(distances[i]),
                reason=(
                    f"distance {float(distances[i]):.3f} to {self.keys[i]} is within the "
                    f"threshold {threshold:.2f}: a possible match for an officer to confirm"
                ),
            )
            for rank, i in enumerate((int(j) for j in nearest if distances[j] <= threshold), 1)
        ]
