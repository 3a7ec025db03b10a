"""Blocking within a budget: count the pairs each blocking rule makes before scoring any.

A blocking rule ``block_on(a, b)`` pairs every two mentions that agree on ``a`` and ``b``; a
block of *n* mentions makes n(n-1)/2 pairs. On a thousand mentions every rule is cheap; on a
million, a rule on a common value (one date of birth, one frequent name skeleton) makes
hundreds of millions of pairs that carry little evidence and exhaust the memory of a border
post's PC. So before predicting, the pairs of every rule are counted exactly (a group-by over
the key columns, no pair is built) and, while their sum exceeds the budget, the rule making
the most pairs is *tightened*: one more column it must also agree on (the birth year first,
then gender, birth month, nationality). A rule that cannot be tightened further is dropped.
Each change is noted with the counts behind it, so an analyst can see why a pair that one
rule would have found was never scored.

The sum of the rules' counts bounds what Splink scores (it removes pairs that several rules
find), so the budget is an upper bound on the comparisons of a prediction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "MAX_COMPARISONS",
    "MAX_TRAINING_COMPARISONS",
    "TIGHTEN_WITH",
    "Rule",
    "count_pairs",
    "tighten",
    "within_budget",
]

#: Pairs a prediction may score (the sum over blocking rules); about 2 GB of DuckDB work.
MAX_COMPARISONS = 75_000_000
#: Pairs one EM training pass may iterate over.
MAX_TRAINING_COMPARISONS = 25_000_000
#: Columns a rule is tightened with, in order: each adds evidence the pair should share.
TIGHTEN_WITH = ("dob_year", "gender", "dob_month", "nationality")
#: Columns a key already implies (agreeing on the date means agreeing on its year and month).
_IMPLIED = {"dob": ("dob_year", "dob_month")}

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rule:
    """A blocking rule as the columns its pairs agree on, and the pairs it makes.

    Attributes:
        keys: the columns (``block_on(*keys)``).
        comparisons: the pairs it makes on the data it was counted on.
    """

    keys: tuple[str, ...]
    comparisons: int

    @property
    def label(self) -> str:
        """``name_skel + dob_year``."""
        return " + ".join(self.keys)


def count_pairs(frame: pd.DataFrame, keys: Sequence[str]) -> int:
    """The pairs ``block_on(*keys)`` makes in ``frame``: rows with a null key pair with none."""
    sub = frame[list(keys)].dropna()
    if sub.empty:
        return 0
    sizes = sub.groupby(list(keys), sort=False).size().to_numpy(dtype=np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def _present(frame: pd.DataFrame) -> set[str]:
    return {c for c in TIGHTEN_WITH if c in frame.columns and frame[c].notna().any()}


def _extra(keys: tuple[str, ...], usable: set[str]) -> str | None:
    """The next column to tighten ``keys`` with, or None."""
    implied = {c for k in keys for c in _IMPLIED.get(k, ())}
    return next(
        (c for c in TIGHTEN_WITH if c in usable and c not in keys and c not in implied), None
    )


def tighten(
    frame: pd.DataFrame, keys: Sequence[str], budget: int, notes: list[str] | None = None
) -> Rule | None:
    """``keys`` tightened (columns of :data:`TIGHTEN_WITH` added) until its pairs fit
    ``budget``; None when even the tightest rule does not fit. Changes go to ``notes``."""
    rule = Rule(tuple(keys), count_pairs(frame, keys))
    usable = _present(frame)
    while rule.comparisons > budget:
        extra = _extra(rule.keys, usable)
        if extra is None:
            _note(notes, f"blocking on {rule.label} dropped: {rule.comparisons:,} pairs")
            return None
        tighter = Rule((*rule.keys, extra), count_pairs(frame, (*rule.keys, extra)))
        _note(
            notes,
            f"blocking on {rule.label} made {rule.comparisons:,} pairs (budget {budget:,}): "
            f"also on {extra}, {tighter.comparisons:,} pairs",
        )
        rule = tighter
    return rule


def within_budget(
    frame: pd.DataFrame, rules: Iterable[Sequence[str]], budget: int = MAX_COMPARISONS
) -> tuple[list[Rule], list[str]]:
    """The rules, tightened or dropped (largest first) until their pairs sum to ``budget`` or
    less, and a note on each change (with the counts). Rules that fit are kept as they are."""
    kept = [Rule(tuple(keys), count_pairs(frame, keys)) for keys in rules]
    notes: list[str] = []
    usable = _present(frame)
    while kept and sum(r.comparisons for r in kept) > budget:
        index = max(range(len(kept)), key=lambda i: kept[i].comparisons)
        rule = kept[index]
        extra = _extra(rule.keys, usable)
        total = sum(r.comparisons for r in kept)
        if extra is None:
            _note(
                notes,
                f"blocking on {rule.label} dropped: {rule.comparisons:,} of {total:,} pairs "
                f"(budget {budget:,}) and no column left to tighten it with",
            )
            del kept[index]
            continue
        tighter = Rule((*rule.keys, extra), count_pairs(frame, (*rule.keys, extra)))
        _note(
            notes,
            f"blocking on {rule.label} made {rule.comparisons:,} of {total:,} pairs "
            f"(budget {budget:,}): also on {extra}, {tighter.comparisons:,} pairs",
        )
        kept[index] = tighter
    return kept, notes


def _note(notes: list[str] | None, text: str) -> None:
    log.info(text)
    if notes is not None:
        notes.append(text)
