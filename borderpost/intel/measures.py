"""Structural measures of every node: degree, strength, betweenness, eigenvector, brokerage.

Betweenness counts shortest paths by hops (weights do not lengthen links). While nodes x
links stays within :data:`EXACT_LIMIT` it is exact (rustworkx, Brandes' algorithm on all
cores: about 6 s at the limit on 2 cores); above,
it is estimated from a fixed-seed sample of pivot sources (Brandes-Pich), run as batched
breadth-first searches on the sparse adjacency matrix, and scaled by ``nodes / pivots``.
The result says which (:class:`Betweenness`), so reasons can state the approximation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rustworkx as rx

from borderpost.intel.network import FloatArray, IntArray, Network

__all__ = [
    "EXACT_LIMIT",
    "Betweenness",
    "betweenness",
    "brokerage",
    "degree",
    "eigenvector",
    "strength",
]

EXACT_LIMIT = 100_000_000  # nodes x links (Brandes' work); above, betweenness is sampled
PIVOTS = 512  # pivot sources of the sampled betweenness
BATCH = 32  # sources searched together (memory: nodes x BATCH x 8 bytes per array)
SEED = 7


@dataclass(frozen=True, slots=True)
class Betweenness:
    """Normalised betweenness of every node and how it was computed."""

    values: FloatArray
    pivots: int | None  # None: exact

    @property
    def method(self) -> str:
        """``exact`` or ``approximate, N pivots``."""
        return "exact" if self.pivots is None else f"approximate, {self.pivots} pivots"


def degree(network: Network) -> IntArray:
    """The number of distinct neighbours of each node (either direction)."""
    indptr: IntArray = np.asarray(network.undirected_adjacency.indptr, dtype=np.int64)
    return np.diff(indptr)


def strength(network: Network) -> FloatArray:
    """The weighted degree of each node: the sum of its links' weights (either direction)."""
    return np.asarray(network.undirected_adjacency.sum(axis=1), dtype=np.float64).ravel()


def betweenness(
    network: Network, *, exact_limit: int = EXACT_LIMIT, pivots: int = PIVOTS, seed: int = SEED
) -> Betweenness:
    """Normalised shortest-path betweenness, exact while nodes x links <= ``exact_limit``."""
    n = network.size
    if n < 3:
        return Betweenness(np.zeros(n), None)
    if n * network.links <= exact_limit or pivots >= n:
        graph = network.to_rustworkx()
        if isinstance(graph, rx.PyDiGraph):
            found = rx.digraph_betweenness_centrality(graph, normalized=True)
        else:
            found = rx.graph_betweenness_centrality(graph, normalized=True)
        return Betweenness(np.array([found[i] for i in range(n)], dtype=np.float64), None)
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(n, size=pivots, replace=False))
    totals = np.zeros(n)
    for start in range(0, pivots, BATCH):
        totals += _dependencies(network, sources[start : start + BATCH])
    scale = n / pivots / ((n - 1) * (n - 2))
    return Betweenness(totals * scale, pivots)


def _dependencies(network: Network, sources: IntArray) -> FloatArray:
    """Summed Brandes dependencies of every node on the given sources (hop distances)."""
    forward = network.adjacency.T.tocsr()  # row v: links u → v, to push counts along links
    backward = network.adjacency  # row v: links v → w, to pull dependencies back
    n, width = network.size, len(sources)
    columns = np.arange(width)
    level = np.full((n, width), -1, dtype=np.int32)
    paths = np.zeros((n, width))
    level[sources, columns] = 0
    paths[sources, columns] = 1.0
    frontier = paths.copy()
    depth = 0
    while True:
        reached = (forward @ frontier) if forward.nnz else np.zeros_like(frontier)
        new = (reached > 0) & (level < 0)
        if not new.any():
            break
        depth += 1
        level[new] = depth
        paths[new] = reached[new]
        frontier = np.where(new, reached, 0.0)
    dependency = np.zeros((n, width))
    for d in range(depth, 0, -1):
        at = level == d
        share = np.where(at, (1.0 + dependency) / np.where(at, paths, 1.0), 0.0)
        pulled = backward @ share
        before = level == d - 1
        dependency += np.where(before, paths * pulled, 0.0)
    dependency[level <= 0] = 0.0  # a source depends on nothing; unreached nodes neither
    return np.asarray(dependency.sum(axis=1), dtype=np.float64)


def eigenvector(network: Network, *, iterations: int = 200, tolerance: float = 1e-9) -> FloatArray:
    """Eigenvector centrality of the undirected weighted network, scaled to a maximum of 1.

    Power iteration on ``A + I`` (the shift keeps bipartite graphs from oscillating) from a
    uniform start, so the result is deterministic.
    """
    n = network.size
    if n == 0:
        return np.zeros(0)
    matrix = network.undirected_adjacency
    vector = np.full(n, 1.0 / n)
    for _round in range(iterations):
        following = matrix @ vector + vector
        top = float(np.abs(following).max())
        following = following / (top if top > 0 else 1.0)
        if float(np.abs(following - vector).max()) < tolerance:
            vector = following
            break
        vector = following
    top = float(vector.max())
    return np.asarray(vector / top if top > 0 else vector, dtype=np.float64)


def brokerage(network: Network, community: IntArray) -> tuple[IntArray, FloatArray]:
    """For each node, how many other communities it links to and the share of its link
    weight that leaves its own community (a Gould-Fernandez liaison/gatekeeper count)."""
    matrix = network.undirected_adjacency.tocoo()
    rows, cols, weights = matrix.row, matrix.col, matrix.data
    outside = community[rows] != community[cols]
    pairs = np.unique(
        rows[outside] * (int(community.max(initial=0)) + 1) + community[cols][outside]
    )
    bridged = np.bincount(
        pairs // (int(community.max(initial=0)) + 1), minlength=network.size
    ).astype(np.int64)
    total = np.bincount(rows, weights=weights, minlength=network.size)
    leaving = np.bincount(rows[outside], weights=weights[outside], minlength=network.size)
    share = np.divide(leaving, total, out=np.zeros(network.size), where=total > 0)
    return bridged, share
