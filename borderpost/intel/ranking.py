"""Key players: a readable weighted score of structure and record evidence, with reasons.

The weights live in ``data/ranking.toml``. Each structural measure is scaled to 0..1 by its
maximum in the network; each kind of evidence counts up to a cap. Reasons are written for
the measures a node stands out on (top percent of nodes, or first ranks of a small network)
and for every kind of evidence it has, strongest contribution first.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from borderpost.intel.communities import communities
from borderpost.intel.measures import Betweenness, betweenness, brokerage, eigenvector, strength
from borderpost.intel.network import FloatArray, IntArray, Network

__all__ = ["Evidence", "KeyPlayer", "Structure", "Weights", "analyse", "rank", "weights"]

#: Per node label, counts by kind of evidence (kinds of ``[evidence.*]`` in ranking.toml).
Evidence = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True, slots=True)
class EvidenceKind:
    """One kind of record evidence: its weight, its cap and how a reason words it."""

    weight: float
    cap: int
    reason: str
    one: str

    def text(self, count: int) -> str:
        """The reason for ``count`` pieces of this evidence."""
        return self.one if count == 1 else self.reason.format(count=count)


@dataclass(frozen=True, slots=True)
class Weights:
    """The ranking's weights and reason thresholds (see ranking.toml)."""

    structure: Mapping[str, float]
    evidence: Mapping[str, EvidenceKind]
    percent: tuple[int, ...]
    small_network: int
    small_ranks: int


@cache
def weights() -> Weights:
    """The weights shipped in ``borderpost/intel/data/ranking.toml``."""
    text = resources.files("borderpost.intel").joinpath("data/ranking.toml").read_text("utf-8")
    raw: dict[str, Any] = tomllib.loads(text)
    return Weights(
        structure={k: float(v) for k, v in raw["structure"].items()},
        evidence={
            k: EvidenceKind(float(v["weight"]), int(v["cap"]), str(v["reason"]), str(v["one"]))
            for k, v in raw["evidence"].items()
        },
        percent=tuple(int(p) for p in raw["reasons"]["percent"]),
        small_network=int(raw["reasons"]["small_network"]),
        small_ranks=int(raw["reasons"]["small_ranks"]),
    )


@dataclass(frozen=True, eq=False)
class Structure:
    """Every structural measure of every node of one network."""

    network: Network
    community: IntArray
    strength: FloatArray
    degree: IntArray
    betweenness: Betweenness
    eigenvector: FloatArray
    bridged: IntArray  # other communities linked to
    outside: FloatArray  # share of link weight leaving the node's community

    def measure(self, name: str) -> FloatArray:
        """A structural measure by its ranking.toml name."""
        values: dict[str, FloatArray] = {
            "betweenness": self.betweenness.values,
            "brokerage": self.bridged.astype(np.float64),
            "strength": self.strength,
            "eigenvector": self.eigenvector,
        }
        if name not in values:
            raise ValueError(f"ranking.toml: unknown structural measure {name!r}")
        return values[name]


def analyse(network: Network, **betweenness_options: int) -> Structure:
    """Compute communities and every structural measure of ``network``."""
    community = communities(network)
    bridged, outside = brokerage(network, community)
    return Structure(
        network=network,
        community=community,
        strength=strength(network),
        degree=np.diff(network.undirected_adjacency.indptr).astype(np.int64),
        betweenness=betweenness(network, **betweenness_options),
        eigenvector=eigenvector(network),
        bridged=bridged,
        outside=outside,
    )


@dataclass(frozen=True, slots=True)
class KeyPlayer:
    """One node's place in the ranking, with the reasons for it."""

    node: str
    rank: int
    score: float
    community: int
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape: node, rank, score, community, reasons."""
        return {
            "node": self.node,
            "rank": self.rank,
            "score": self.score,
            "community": self.community,
            "reasons": list(self.reasons),
        }


def _scaled(values: FloatArray) -> FloatArray:
    top = float(values.max(initial=0.0))
    return values / top if top > 0 else np.zeros_like(values)


def _standing(values: FloatArray) -> IntArray:
    """Competition rank of each value (1 = highest; ties share a rank)."""
    ordered = np.sort(values)[::-1]
    return np.searchsorted(-ordered, -values, side="left").astype(np.int64) + 1


def _structural_reason(
    name: str, standing: int, value: float, structure: Structure, table: Weights, node: int
) -> str | None:
    n = structure.network.size
    if value <= 0:
        return None
    if name == "brokerage":
        return f"bridges {int(value) + 1} communities"
    label = {
        "betweenness": f"betweenness ({structure.betweenness.method})",
        "strength": f"link strength ({int(structure.degree[node])} contacts)",
        "eigenvector": "eigenvector centrality (tied to well-tied nodes)",
    }[name]
    if standing == 1:
        return f"highest {label}"
    if n < table.small_network:
        return f"#{standing} of {n} by {label}" if standing <= table.small_ranks else None
    share = 100.0 * standing / n
    for percent in table.percent:
        if share <= percent:
            return f"top {percent}% {label}"
    return None


def rank(
    network: Network,
    *,
    structure: Structure | None = None,
    evidence: Evidence | None = None,
    eligible: Callable[[str], bool] | None = None,
    table: Weights | None = None,
) -> list[KeyPlayer]:
    """Every (eligible) node as a key player, best first (ties: by node label)."""
    table = table or weights()
    structure = structure or analyse(network)
    evidence = evidence or {}
    unknown = {kind for counts in evidence.values() for kind in counts} - set(table.evidence)
    if unknown:
        raise ValueError(f"unknown kinds of evidence: {', '.join(sorted(unknown))}")
    n = network.size
    parts: list[tuple[str, float, FloatArray, IntArray, FloatArray]] = []
    for name, weight in table.structure.items():
        raw = structure.measure(name)
        parts.append((name, weight, weight * _scaled(raw), _standing(raw), raw))
    score = np.zeros(n)
    for part in parts:
        score += part[2]
    found: list[tuple[float, str, int, list[tuple[float, str]]]] = []
    for i, label in enumerate(network.labels):
        if eligible is not None and not eligible(label):
            continue
        reasons: list[tuple[float, str]] = []
        total = float(score[i])
        for kind, count in sorted(evidence.get(label, {}).items()):
            if count <= 0:
                continue
            rule = table.evidence[kind]
            gain = rule.weight * min(count, rule.cap) / rule.cap
            total += gain
            reasons.append((gain, rule.text(count)))
        for name, _weight, contribution, standing, raw in parts:
            text = _structural_reason(name, int(standing[i]), float(raw[i]), structure, table, i)
            if text is not None:
                reasons.append((float(contribution[i]), text))
        if not reasons:
            reasons.append((0.0, f"{int(structure.degree[i])} contacts; no stand-out measure"))
        reasons.sort(key=lambda r: -r[0])
        found.append((total, label, i, reasons))
    found.sort(key=lambda f: (-round(f[0], 9), f[1]))
    return [
        KeyPlayer(
            node=label,
            rank=k,
            score=round(total, 4) if math.isfinite(total) else 0.0,
            community=int(structure.community[i]),
            reasons=tuple(text for _gain, text in reasons),
        )
        for k, (total, label, i, reasons) in enumerate(found, 1)
    ]
