"""Pairwise precision, recall and F1 of a clustering against the truth.

Counted from cluster sizes, never by listing pairs: a pair is *predicted* when both mentions
share a predicted cluster, *true* when they refer to one person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["PairScore", "pairwise"]


@dataclass(frozen=True, slots=True)
class PairScore:
    """Pair counts and the scores derived from them."""

    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.actual if self.actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(counts: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pairwise(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairScore:
    """Score ``predicted`` (id → cluster) against ``truth`` (id → person) over their shared ids."""
    ids = [i for i in predicted if i in truth]
    both = Counter((predicted[i], truth[i]) for i in ids)
    return PairScore(
        _pairs(Counter[object](both)),
        _pairs(Counter[object](predicted[i] for i in ids)),
        _pairs(Counter[object](truth[i] for i in ids)),
    )
