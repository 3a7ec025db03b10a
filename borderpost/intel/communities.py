"""Communities: Leiden modularity partitions (graspologic-native) with a fixed seed.

Leiden runs on the symmetric weighted adjacency (a directed link counts both ways). Ids are
renumbered so that community 0 is the largest, ties broken by the first node label in file
order; nodes without links each get a community of their own. Same network, same seed, same
partition.
"""

from __future__ import annotations

import graspologic_native as gn
import numpy as np

from borderpost.intel.network import IntArray, Network

__all__ = ["SEED", "communities"]

SEED = 7


def communities(network: Network, *, resolution: float = 1.0, seed: int = SEED) -> IntArray:
    """The community of every node (0 = the largest community)."""
    n = network.size
    raw = np.arange(n, dtype=np.int64) + n  # isolated nodes: their own community
    matrix = network.undirected_adjacency
    if matrix.nnz:
        _quality, found = gn.leiden_csr(
            matrix.indptr.astype(np.int64),
            matrix.indices.astype(np.int32),
            matrix.data.astype(np.float64),
            n,
            resolution=resolution,
            seed=seed,
            trials=1,
        )
        for node, community in found.items():
            raw[int(node)] = int(community)
    _ids, first, inverse, counts = np.unique(
        raw, return_index=True, return_inverse=True, return_counts=True
    )
    order = sorted(range(len(counts)), key=lambda c: (-int(counts[c]), int(first[c])))
    renumber = np.empty(len(counts), dtype=np.int64)
    renumber[order] = np.arange(len(counts))
    return np.asarray(renumber[inverse], dtype=np.int64)
