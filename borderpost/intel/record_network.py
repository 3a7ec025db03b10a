"""The network of stored records, and a laid-out view of it for the console.

:func:`facts_network` links every record (``seizure:S-12``) to the identifiers it names
(``phone:+229…``), so that two records sharing a phone are two links apart, and counts record
evidence per identifier (seizures, arrests, repeat appearances) for the key-player ranking.
:func:`network_view` lays the best-ranked part out (networkx spring layout, fixed seed: the
same network gives the same picture) into plain JSON for the console's network view: nodes
with position, community, rank, score, reasons and records; links; communities.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from borderpost.intel.edges import Edge
from borderpost.intel.facts import RecordFacts
from borderpost.intel.leads import node_label
from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer, rank

__all__ = ["RecordNetwork", "facts_network", "network_view"]

SEED = 7
_EVIDENCE = {"seizure": "seizures", "arrest": "arrests"}


@dataclass(frozen=True, eq=False)
class RecordNetwork:
    """Records and identifiers linked; evidence per node; the records naming each node."""

    network: Network
    evidence: dict[str, dict[str, int]]
    records: dict[str, tuple[str, ...]]

    def rank(self) -> list[KeyPlayer]:
        """Every node ranked as a key player (identifiers and records alike)."""
        return rank(self.network, evidence=self.evidence) if self.network.size else []


def facts_network(records: Sequence[RecordFacts]) -> RecordNetwork:
    """Link each record to the identifiers it names."""
    edges: list[Edge] = []
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    naming: dict[str, list[str]] = defaultdict(list)
    nodes: list[str] = []
    for facts in records:
        record = f"{facts.kind}:{facts.ref}"
        nodes.append(record)
        naming[record].append(facts.ref)
        for identifier in dict.fromkeys(facts.identifiers):
            label = node_label(identifier)
            edges.append(Edge(record, label, 1.0))
            naming[label].append(facts.ref)
            if facts.kind in _EVIDENCE:
                evidence[label][_EVIDENCE[facts.kind]] += 1
    found: dict[str, dict[str, int]] = {}
    for label, refs in naming.items():
        counts = dict(evidence.get(label, {}))
        if len(refs) >= 2 and not label.startswith(tuple(f"{k}:" for k in _EVIDENCE)):
            counts["repeat"] = len(refs)
        if counts:
            found[label] = counts
    network = Network.from_edges(edges, nodes=nodes)
    return RecordNetwork(network, found, {k: tuple(v) for k, v in naming.items()})


def network_view(
    network: Network,
    players: Sequence[KeyPlayer],
    *,
    records: dict[str, tuple[str, ...]] | None = None,
    limit: int = 150,
    key: int = 10,
) -> dict[str, Any]:
    """The key players, their neighbours and then the next best-ranked nodes (``limit`` in
    all) laid out in a unit square, with their links (JSON)."""
    ordered = sorted(players, key=lambda p: p.rank)
    ranked = {p.node: p for p in ordered}
    # The best-ranked nodes alone are seldom linked to one another (a record links to
    # identifiers, not to other identifiers): show the key players with their neighbours,
    # best-ranked first, so that the picture holds the links that make them key.
    seeds = ordered[: min(limit, max(key, limit // 5))]
    chosen: dict[str, None] = dict.fromkeys(p.node for p in seeds)
    each = max(3, limit // (2 * max(len(seeds), 1)))  # so that no one hub fills the view
    for node in list(chosen):
        near = [network.labels[int(j)] for j in network.neighbours(network.index(node))]
        best = sorted((n for n in near if n in ranked), key=lambda n: ranked[n].rank)
        for label in best[:each]:
            if len(chosen) >= limit:
                break
            chosen.setdefault(label)
    for player in ordered:
        if len(chosen) >= limit:
            break
        chosen.setdefault(player.node)
    by_node = {node: ranked[node] for node in chosen}
    graph = network.to_networkx().subgraph(by_node).copy()
    spread = 2.5 / max(len(graph), 1) ** 0.5  # wider than the default, so clusters open up
    layout = nx.spring_layout(graph, seed=SEED, weight=None, k=spread) if len(graph) else {}
    xs = [float(x) for x, _y in layout.values()] or [0.0]
    ys = [float(y) for _x, y in layout.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    nodes = []
    for node in graph.nodes:
        player = by_node[node]
        x, y = layout[node]
        nodes.append(
            {
                "id": node,
                "kind": node.split(":", 1)[0],
                "x": round((float(x) - min(xs)) / span_x, 4),
                "y": round((float(y) - min(ys)) / span_y, 4),
                "community": player.community,
                "rank": player.rank,
                "score": player.score,
                "key": player.rank <= key,
                "reasons": list(player.reasons),
                "records": list((records or {}).get(node, ()))[:20],
            }
        )
    nodes.sort(key=lambda n: n["rank"])
    links = [
        {"source": a, "target": b, "weight": float(data.get("weight", 1.0))}
        for a, b, data in graph.edges(data=True)
    ]
    return {
        "nodes": nodes,
        "links": links,
        "communities": len({n["community"] for n in nodes}),
        "shown": len(nodes),
        "total": network.size,
    }
