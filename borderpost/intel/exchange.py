"""Export for Gephi and other tools: GraphML or GEXF (networkx writers), with the ranking.

Every node carries ``community``, ``rank`` and ``score`` when a ranking is given; every link
its ``weight``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer

__all__ = ["FORMATS", "export"]

FORMATS = (".graphml", ".gexf")


def export(network: Network, out: Path, players: Sequence[KeyPlayer] = ()) -> Path:
    """Write ``network`` to ``out`` (.graphml or .gexf); return the path written."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{out.name}: an export is .graphml or .gexf")
    graph = network.to_networkx()
    for player in players:
        graph.nodes[player.node].update(
            community=player.community, rank=player.rank, score=player.score
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".graphml":
        nx.write_graphml(graph, out)
    else:
        nx.write_gexf(graph, out)
    return out
