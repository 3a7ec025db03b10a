"""Analyst judgements on pairs of mentions, applied on top of the model.

Judgements are append-only (stored by :class:`borderpost.store.repos.judgements.JudgementRepo`):
``same`` forces a merge, ``not_same`` keeps the two apart even when the model links them
through others, ``unsure`` records doubt and changes nothing. An undo is a new judgement that
names the one it reverses; the latest standing judgement on a pair wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Judgement", "Verdict", "apply", "pair_key", "standing"]


class Verdict(StrEnum):
    """What an analyst said about two mentions."""

    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"
    UNDO = "undo"


@dataclass(frozen=True, slots=True)
class Judgement:
    """One analyst decision; ``undoes`` names the judgement an ``undo`` reverses."""

    id: int
    left: str
    right: str
    verdict: Verdict
    actor: str
    at: dt.datetime
    undoes: int | None = None
    reason: str | None = None


def pair_key(left: str, right: str) -> tuple[str, str]:
    """The order-free key of a pair of mention ids."""
    return (left, right) if left <= right else (right, left)


def standing(judgements: Iterable[Judgement]) -> dict[tuple[str, str], Verdict]:
    """The verdict in force on each judged pair: the latest judgement that is not undone."""
    ordered = sorted(judgements, key=lambda j: (j.at, j.id))
    undone = {j.undoes for j in ordered if j.verdict is Verdict.UNDO and j.undoes is not None}
    out: dict[tuple[str, str], Verdict] = {}
    for j in ordered:
        if j.verdict is Verdict.UNDO or j.id in undone:
            continue
        out[pair_key(j.left, j.right)] = j.verdict
    return out


class _Components:
    """Union-find whose roots remember which other roots they must never join."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.apart: dict[str, set[str]] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def keep_apart(self, left: str, right: str) -> None:
        a, b = self.find(left), self.find(right)
        self.apart.setdefault(a, set()).add(b)
        self.apart.setdefault(b, set()).add(a)

    def union(self, left: str, right: str) -> bool:
        a, b = self.find(left), self.find(right)
        if a == b:
            return True
        forbidden = {self.find(x) for x in self.apart.get(a, ())}
        if b in forbidden:
            return False
        if a > b:
            a, b = b, a
        self.parent[b] = a
        merged = self.apart.pop(a, set()) | self.apart.pop(b, set())
        if merged:
            self.apart[a] = {self.find(x) for x in merged}
        return True


def apply(
    ids: Iterable[str],
    edges: Iterable[tuple[str, str, float]],
    judgements: Mapping[tuple[str, str], Verdict],
) -> dict[str, str]:
    """Clusters from the model's merge edges with the analysts' verdicts on top.

    Args:
        ids: every mention id.
        edges: (left, right, match probability) of the pairs the model would merge.
        judgements: the standing verdicts (see :func:`standing`).

    Returns:
        Each id's cluster: the smallest id in it. ``same`` pairs join first; then model
        edges, strongest first, except where a join would unite a ``not_same`` pair.
    """
    components = _Components()
    for item in ids:
        components.find(item)
    for (left, right), verdict in judgements.items():
        if verdict is Verdict.NOT_SAME:
            components.keep_apart(left, right)
    forced = [(a, b, 2.0) for (a, b), v in judgements.items() if v is Verdict.SAME]
    vetoed = {k for k, v in judgements.items() if v is Verdict.NOT_SAME}
    for left, right, _ in sorted([*forced, *edges], key=lambda e: -e[2]):
        if pair_key(left, right) not in vetoed:
            components.union(left, right)
    return {item: components.find(item) for item in list(components.parent)}
