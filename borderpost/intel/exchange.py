"""Exchange with Gephi and other tools: GraphML or GEXF (networkx readers and writers).

On export every node carries ``community``, ``rank`` and ``score`` when a ranking is given;
every link its ``weight``. On import (:func:`load`) nodes are named by their ``label`` when
every node has a distinct one (Gephi writes numeric ids and keeps names in labels), else by
their ids; a link's ``weight`` is kept when it is a positive number, else it weighs 1; node
attributes come back alongside the network so that an analyst's Gephi work is not lost.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from borderpost.intel.edges import Edge
from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer

__all__ = ["FORMATS", "ExchangeError", "Imported", "export", "load"]

FORMATS = (".graphml", ".gexf")


class ExchangeError(ValueError):
    """A file that cannot be read as a GraphML or GEXF network."""


@dataclass(frozen=True, eq=False)
class Imported:
    """A network read from a file, with each node's attributes (``community``, ``rank``...)."""

    network: Network
    attributes: dict[str, dict[str, Any]]


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


def _weight(value: object) -> float:
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return weight if math.isfinite(weight) and weight > 0 else 1.0


def load(path: Path) -> Imported:
    """Read a .graphml or .gexf file into a :class:`Network` and node attributes.

    Raises:
        ExchangeError: the suffix is neither, the file cannot be read, or it is not valid
            GraphML/GEXF (the message names the file and the problem).
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExchangeError(f"{path.name}: an import is .graphml or .gexf")
    try:
        graph: Any = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    except OSError as exc:
        raise ExchangeError(f"{path}: cannot read ({exc})") from None
    except (ElementTree.ParseError, nx.NetworkXError, KeyError, ValueError, TypeError) as exc:
        raise ExchangeError(f"{path.name}: not valid {suffix[1:].upper()} ({exc})") from None
    labels = {node: str(data.get("label", "")) for node, data in graph.nodes(data=True)}
    named = all(labels.values()) and len(set(labels.values())) == len(labels)
    name = {node: labels[node] if named else str(node) for node in graph.nodes}
    edges = [
        Edge(name[a], name[b], _weight(data.get("weight", 1.0)))
        for a, b, data in graph.edges(data=True)
    ]
    network = Network.from_edges(
        edges, directed=graph.is_directed(), nodes=[name[n] for n in graph.nodes]
    )
    attributes = {
        name[node]: {k: v for k, v in data.items() if k != "label"}
        for node, data in graph.nodes(data=True)
    }
    return Imported(network, attributes)
