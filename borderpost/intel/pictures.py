"""Network pictures: a static PNG or SVG with communities coloured and key players labelled.

The layout is networkx's spring layout with a fixed seed, so the same network draws the same
picture. A big network is drawn as the subgraph of its ``limit`` best-ranked nodes. Node size
grows with the key-player score; the ``label`` best are named.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display

import matplotlib.pyplot as plt
import networkx as nx

from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer

__all__ = ["FORMATS", "draw"]

FORMATS = (".png", ".svg")
SEED = 7
PALETTE = "tab20"


def draw(
    network: Network,
    players: Sequence[KeyPlayer],
    out: Path,
    *,
    title: str = "",
    limit: int = 300,
    label: int = 10,
) -> Path:
    """Draw ``network`` into ``out`` (.png or .svg); return the path written."""
    if out.suffix.lower() not in FORMATS:
        raise ValueError(f"{out.name}: a picture is .png or .svg")
    best = sorted(players, key=lambda p: p.rank)[:limit]
    by_node = {p.node: p for p in best}
    graph = network.to_networkx().subgraph(by_node).copy()
    layout = nx.spring_layout(graph, seed=SEED, weight=None)
    top = max((p.score for p in best), default=1.0) or 1.0
    colours = plt.get_cmap(PALETTE)
    figure, axes = plt.subplots(figsize=(10, 8), dpi=100)
    nodes = list(graph.nodes)
    nx.draw_networkx_edges(graph, layout, ax=axes, alpha=0.25, width=0.6, arrows=False)
    nx.draw_networkx_nodes(
        graph,
        layout,
        nodelist=nodes,
        ax=axes,
        node_size=[30 + 400 * by_node[v].score / top for v in nodes],
        node_color=[colours(by_node[v].community % 20) for v in nodes],
        edgecolors=["black" if by_node[v].rank <= label else "none" for v in nodes],
        linewidths=1.2,
    )
    names = {p.node: f"{p.rank}. {p.node}" for p in best if p.rank <= label}
    nx.draw_networkx_labels(
        graph,
        {v: (x, y + 0.04) for v, (x, y) in layout.items()},
        labels=names,
        ax=axes,
        font_size=8,
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.7, "pad": 0.5},
    )
    shown = f"top {len(best)} of {network.size} nodes" if network.size > len(best) else ""
    communities = len({p.community for p in best})
    axes.set_title(
        "  ·  ".join(
            part
            for part in (title, shown, f"{communities} communities (colours)", "size: score")
            if part
        ),
        fontsize=10,
    )
    axes.set_axis_off()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, bbox_inches="tight")
    plt.close(figure)
    return out
