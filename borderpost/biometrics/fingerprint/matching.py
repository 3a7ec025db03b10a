"""Comparing fingerprints with bozorth3: 1:1 verification and 1:N search over templates.

bozorth3's score counts compatible minutia pairs (higher is more alike); NIST's NBIS guide
suggests scores above 40 as a likely match, which is the default threshold here. It has NOT
been validated against NIST/EES targets. Every result is a candidate for a person (a
fingerprint examiner) to confirm, never a decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from borderpost.biometrics.caveats import quality_tail
from borderpost.biometrics.fingerprint.analysis import FingerAnalysis
from borderpost.biometrics.fingerprint.nbis import as_rows, bozorth3, bozorth3_many, pack
from borderpost.biometrics.fingerprint.record import FingerMinutiaeRecord

__all__ = [
    "DEFAULT_FINGER_THRESHOLD",
    "FingerCandidate",
    "FingerGallery",
    "FingerVerification",
    "compare_records",
    "verify_fingers",
]

#: NBIS's rule of thumb: a bozorth3 score above 40 suggests the same finger.
DEFAULT_FINGER_THRESHOLD = 40
ADVICE = "a candidate for a fingerprint examiner to confirm, never an automatic decision"


@dataclass(frozen=True, slots=True)
class FingerVerification:
    """A 1:1 comparison. ``outcome``: ``match``, ``no_match`` or ``inconclusive``."""

    outcome: str
    score: int | None
    threshold: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "score": self.score,
            "threshold": self.threshold,
            "reason": self.reason,
            "advice": ADVICE,
        }


def _prepared(record: FingerMinutiaeRecord) -> tuple[npt.NDArray[np.float64], tuple[int, int]]:
    minutiae = record.views[0].minutiae if record.views else ()
    return as_rows(minutiae), (record.width, record.height)


def compare_records(probe: FingerMinutiaeRecord, reference: FingerMinutiaeRecord) -> int:
    """The bozorth3 score of the first finger view of each record."""
    rows_a, size_a = _prepared(probe)
    rows_b, size_b = _prepared(reference)
    return bozorth3(rows_a, size_a, rows_b, size_b)


def _check_threshold(threshold: int) -> None:
    if threshold <= 0:
        raise ValueError("the bozorth3 threshold must be a positive score")


def verify_fingers(
    probe: FingerAnalysis,
    reference: FingerAnalysis,
    *,
    threshold: int = DEFAULT_FINGER_THRESHOLD,
    probe_name: str = "the live capture",
    reference_name: str = "the reference",
) -> FingerVerification:
    """Compare the fingerprint of ``probe`` with that of ``reference``."""
    _check_threshold(threshold)
    if probe.record is None or reference.record is None:
        missing = [
            f"{name}: {analysis.reason}"
            for name, analysis in ((probe_name, probe), (reference_name, reference))
            if analysis.record is None
        ]
        return FingerVerification(
            "inconclusive", None, threshold, "cannot compare fingerprints; " + "; ".join(missing)
        )
    score = compare_records(probe.record, reference.record)
    tail = quality_tail(((probe_name, probe), (reference_name, reference)))
    if score >= threshold:
        reason = (
            f"{probe_name} and {reference_name} probably show the same finger: bozorth3 "
            f"score {score} reaches the threshold {threshold}{tail}"
        )
        return FingerVerification("match", score, threshold, reason)
    reason = (
        f"{probe_name} and {reference_name} probably show different fingers: bozorth3 score "
        f"{score} is below the threshold {threshold}; an examiner should compare the prints "
        f"if it matters{tail}"
    )
    return FingerVerification("no_match", score, threshold, reason)


@dataclass(frozen=True, slots=True)
class FingerCandidate:
    """One gallery template scoring at or above the threshold, for a person to confirm."""

    key: str
    rank: int
    score: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "rank": self.rank, "score": self.score, "reason": self.reason}


class FingerGallery:
    """Templates in memory, packed once for NBIS's C matcher and searched one by one.

    bozorth3 has no index: a search costs one comparison per template, a fraction of a
    millisecond for a non-mate (see ``bench/fingerprints.py`` for the time on this machine).
    """

    def __init__(self, keys: Sequence[str], records: Sequence[FingerMinutiaeRecord]) -> None:
        if len(keys) != len(records):
            raise ValueError("the gallery needs one template per key")
        self.keys = list(keys)
        self._packed = [pack(*_prepared(record)) for record in records]

    def __len__(self) -> int:
        return len(self.keys)

    def search(
        self,
        probe: FingerMinutiaeRecord,
        *,
        threshold: int = DEFAULT_FINGER_THRESHOLD,
        limit: int = 10,
    ) -> list[FingerCandidate]:
        """Templates scoring at least ``threshold`` against ``probe``, best first."""
        _check_threshold(threshold)
        scores = bozorth3_many(pack(*_prepared(probe)), self._packed)
        hits = sorted(
            ((score, index) for index, score in enumerate(scores) if score >= threshold),
            key=lambda pair: (-pair[0], pair[1]),
        )[:limit]
        return [
            FingerCandidate(
                key=self.keys[index],
                rank=rank,
                score=score,
                reason=(
                    f"bozorth3 score {score} against {self.keys[index]} reaches the threshold "
                    f"{threshold}: a possible match for an examiner to confirm"
                ),
            )
            for rank, (score, index) in enumerate(hits, 1)
        ]
