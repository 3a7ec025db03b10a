"""Paths between two entities: the shortest chain of links, hop by hop, with each link's weight.

Paths count hops (a link's weight says how strong it is, not how long). On a directed
network a path follows the links' direction.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from borderpost.intel.network import Network

__all__ = ["Link", "PathError", "shortest_path"]


class PathError(ValueError):
    """No path: an entity is not in the network, or nothing links the two."""


@dataclass(frozen=True, slots=True)
class Link:
    """One link on a path: from ``source`` to ``target``, of ``weight``."""

    source: str
    target: str
    weight: float


def shortest_path(network: Network, start: str, end: str) -> list[Link]:
    """The links of one shortest path from ``start`` to ``end`` (the first in label order)."""
    for label in (start, end):
        if label not in network:
            raise PathError(f"{label!r} is not in the network")
    if start == end:
        return []
    graph = network.to_networkx()
    try:
        nodes: list[str] = nx.shortest_path(graph, start, end)
    except nx.NetworkXNoPath:
        raise PathError(f"no path links {start!r} to {end!r}") from None
    return [Link(a, b, float(graph[a][b]["weight"])) for a, b in itertools.pairwise(nodes)]
