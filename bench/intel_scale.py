"""Key-player ranking at scale: a seeded graph of 1,000,000 links, time per stage, peak memory.

    .venv/bin/python bench/intel_scale.py [--links 1000000] [--nodes 200000] [--seed 7]
                                          [--pivots 512] [--csv]

The graph is a stochastic block model with heavy-tailed degrees, built with numpy in about a
second: nodes fall in blocks of about 100; 80% of links join two nodes of one block, 20%
join nodes anywhere, each end drawn with Zipf-like weights (a few hubs, many leaves). Stages:
building the network (merging duplicate links), Leiden communities, degree and strength,
betweenness (exact while nodes x links <= 10^8, else sampled with ``--pivots`` pivots), eigenvector,
brokerage and the ranking with reasons. ``--csv`` also times the CLI's path: writing the edge
list as CSV, reading it back (``load_edges``) and building the network from it. Peak memory
is the process's maximum resident set (``resource.getrusage``), printed after each stage.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from rich.console import Console
from rich.table import Table

from borderpost.intel.communities import communities
from borderpost.intel.edges import load_edges
from borderpost.intel.measures import betweenness, brokerage, eigenvector, strength
from borderpost.intel.network import Network
from borderpost.intel.ranking import Structure, rank

console = Console(width=None if sys.stdout.isatty() else 160)
T = TypeVar("T")
BLOCK = 100
INSIDE = 0.8


def synthetic(nodes: int, links: int, seed: int) -> Network:
    """A seeded block model with heavy-tailed degrees (see the module docstring)."""
    rng = np.random.default_rng(seed)
    popularity = 1.0 / np.arange(1, nodes + 1) ** 0.6
    rng.shuffle(popularity)
    inside = int(links * INSIDE)
    blocks = nodes // BLOCK
    block = rng.integers(0, blocks, size=inside)
    src = block * BLOCK + rng.integers(0, BLOCK, size=inside)
    dst = block * BLOCK + rng.integers(0, BLOCK, size=inside)
    p = popularity / popularity.sum()
    across = links - inside
    src = np.concatenate([src, rng.choice(nodes, size=across, p=p)])
    dst = np.concatenate([dst, rng.choice(nodes, size=across, p=p)])
    labels = [f"n{i}" for i in range(nodes)]
    return Network.from_arrays(
        labels, src.astype(np.int64), dst.astype(np.int64), rng.uniform(1, 5, size=links)
    )


def peak_mb() -> float:
    """The peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pivots", type=int, default=512)
    parser.add_argument("--csv", action="store_true", help="Also time CSV write/read/build.")
    args = parser.parse_args()
    table = Table(title=f"ranking a graph of {args.links:,} links on this machine")
    for column in ("stage", "seconds", "peak RSS MB"):
        table.add_column(column, justify="right" if column != "stage" else "left")
    total = 0.0

    def stage(name: str, work: Callable[[], T]) -> T:
        nonlocal total
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
        total += seconds
        table.add_row(name, f"{seconds:.1f}", f"{peak_mb():,.0f}")
        console.print(f"{name}: {seconds:.1f} s, peak {peak_mb():,.0f} MB")
        return result

    network = stage("build (block model)", lambda: synthetic(args.nodes, args.links, args.seed))
    console.print(f"{network.size:,} nodes, {network.links:,} distinct links")
    community = stage("Leiden communities", lambda: communities(network))
    weighted = stage("degree and strength", lambda: strength(network))
    between = stage(
        f"betweenness ({args.pivots} pivots)", lambda: betweenness(network, pivots=args.pivots)
    )
    central = stage("eigenvector", lambda: eigenvector(network))
    bridged, outside = stage("brokerage", lambda: brokerage(network, community))
    structure = Structure(
        network,
        community,
        weighted,
        np.diff(network.undirected_adjacency.indptr).astype(np.int64),
        between,
        central,
        bridged,
        outside,
    )
    players = stage("ranking with reasons", lambda: rank(network, structure=structure))
    table.add_row("[bold]total (ranking)", f"[bold]{total:.1f}", f"{peak_mb():,.0f}")
    console.print(
        f"{len(set(community.tolist())):,} communities; first: {players[0].node} "
        f"({'; '.join(players[0].reasons)})"
    )
    if args.csv:
        with tempfile.TemporaryDirectory(prefix="bench-intel-") as folder:
            path = Path(folder) / "edges.csv"

            def write() -> None:
                with path.open("w", encoding="utf-8") as handle:
                    handle.write("source,target,weight\n")
                    labels = network.labels
                    for s, t, w in zip(
                        network.sources.tolist(),
                        network.targets.tolist(),
                        network.weights.tolist(),
                        strict=True,
                    ):
                        handle.write(f"{labels[s]},{labels[t]},{w:.3f}\n")

            stage("CSV write", write)
            edges = stage("CSV read (load_edges)", lambda: load_edges(path))
            stage("network from CSV edges", lambda: Network.from_edges(edges))
    console.print(table)


if __name__ == "__main__":
    main()
