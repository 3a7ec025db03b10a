"""The graph of linked entities: compact arrays for the heavy kernels, networkx as the model.

A :class:`Network` holds its node labels and its links as numpy arrays (merged: parallel
links add their weights; self-links are dropped), so a million links fit in tens of megabytes
and the measures run on a sparse adjacency matrix, rustworkx or graspologic-native. The same
network as a networkx graph (``to_networkx``) serves paths, time slices, pictures and export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
import rustworkx as rx
from scipy import sparse

from borderpost.intel.edges import Edge

__all__ = ["Network"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Network:
    """Nodes ``labels[i]`` and links ``sources[k] → targets[k]`` of ``weights[k]``.

    Undirected networks store each link once with ``sources[k] < targets[k]``. Build one with
    :meth:`from_edges` or :meth:`from_arrays`.
    """

    labels: tuple[str, ...]
    sources: IntArray
    targets: IntArray
    weights: FloatArray
    directed: bool = False
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if len(self._index) != len(self.labels):
            self._index.clear()
            self._index.update((label, i) for i, label in enumerate(self.labels))

    def __contains__(self, label: object) -> bool:
        return label in self._index

    @classmethod
    def from_edges(
        cls, edges: Iterable[Edge], *, directed: bool = False, nodes: Sequence[str] = ()
    ) -> Network:
        """A network of ``edges`` (and of ``nodes``, kept even without links)."""
        index: dict[str, int] = {}
        for label in nodes:
            index.setdefault(label, len(index))
        src: list[int] = []
        dst: list[int] = []
        wts: list[float] = []
        for edge in edges:
            src.append(index.setdefault(edge.source, len(index)))
            dst.append(index.setdefault(edge.target, len(index)))
            wts.append(edge.weight)
        return cls.from_arrays(
            tuple(index),
            np.asarray(src, dtype=np.int64),
            np.asarray(dst, dtype=np.int64),
            np.asarray(wts, dtype=np.float64),
            directed=directed,
        )

    @classmethod
    def from_arrays(
        cls,
        labels: Sequence[str],
        sources: IntArray,
        targets: IntArray,
        weights: FloatArray,
        *,
        directed: bool = False,
    ) -> Network:
        """A network of node ``labels`` and link arrays (indices into ``labels``)."""
        keep = sources != targets
        src, dst, wts = sources[keep], targets[keep], weights[keep]
        if not directed:
            src, dst = np.minimum(src, dst), np.maximum(src, dst)
        n = len(labels)
        key = src * max(n, 1) + dst
        unique, inverse = np.unique(key, return_inverse=True)
        merged = np.bincount(inverse, weights=wts, minlength=len(unique)).astype(np.float64)
        return cls(
            tuple(labels),
            (unique // max(n, 1)).astype(np.int64),
            (unique % max(n, 1)).astype(np.int64),
            merged,
            directed,
            {label: i for i, label in enumerate(labels)},
        )

    @property
    def size(self) -> int:
        """The number of nodes."""
        return len(self.labels)

    @property
    def links(self) -> int:
        """The number of (merged) links."""
        return len(self.sources)

    def index(self, label: str) -> int:
        """The position of node ``label``; KeyError when it is not in the network."""
        return self._index[label]

    @cached_property
    def adjacency(self) -> sparse.csr_matrix:
        """The weighted adjacency matrix (row: from, column: to; symmetric when undirected)."""
        n = self.size
        matrix = sparse.csr_matrix(
            (self.weights, (self.sources, self.targets)), shape=(n, n), dtype=np.float64
        )
        if not self.directed:
            matrix = (matrix + matrix.T).tocsr()
        matrix.sort_indices()
        return matrix

    @cached_property
    def undirected_adjacency(self) -> sparse.csr_matrix:
        """The symmetric adjacency (a directed link counts both ways, weights added)."""
        if not self.directed:
            return self.adjacency
        matrix = (self.adjacency + self.adjacency.T).tocsr()
        matrix.sort_indices()
        return matrix

    def neighbours(self, i: int) -> IntArray:
        """Indices of the nodes linked to node ``i`` either way."""
        matrix = self.undirected_adjacency
        return np.asarray(matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]], dtype=np.int64)

    def to_rustworkx(self) -> rx.PyGraph | rx.PyDiGraph:
        """The network as a rustworkx graph (node payloads are the labels)."""
        graph: rx.PyGraph | rx.PyDiGraph = rx.PyDiGraph() if self.directed else rx.PyGraph()
        graph.add_nodes_from(list(self.labels))
        graph.add_edges_from(
            list(
                zip(
                    self.sources.tolist(),
                    self.targets.tolist(),
                    self.weights.tolist(),
                    strict=True,
                )
            )
        )
        return graph

    def to_networkx(self) -> Any:
        """The network as a networkx ``Graph``/``DiGraph`` with ``weight`` on every link."""
        graph = nx.DiGraph() if self.directed else nx.Graph()
        graph.add_nodes_from(self.labels)
        labels = self.labels
        graph.add_weighted_edges_from(
            (labels[s], labels[t], w)
            for s, t, w in zip(
                self.sources.tolist(), self.targets.tolist(), self.weights.tolist(), strict=True
            )
        )
        return graph

    def without(self, removed: Iterable[str]) -> Network:
        """The network with the ``removed`` nodes and their links taken out."""
        gone = {self._index[label] for label in removed if label in self._index}
        keep = np.ones(self.size, dtype=bool)
        keep[list(gone)] = False
        new_index = np.cumsum(keep) - 1
        mask = keep[self.sources] & keep[self.targets]
        return Network.from_arrays(
            [label for label, kept in zip(self.labels, keep.tolist(), strict=True) if kept],
            new_index[self.sources[mask]].astype(np.int64),
            new_index[self.targets[mask]].astype(np.int64),
            self.weights[mask],
            directed=self.directed,
        )
