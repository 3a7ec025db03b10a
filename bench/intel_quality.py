"""Key players on generated worlds against their truth, and on real criminal networks.

    .venv/bin/python bench/intel_quality.py [--worlds 20000x365,100000x90] [--seed 7]
                                            [--top 10] [--out DIR] [--cache DIR]

Worlds: each is generated (``borderpost.worldgen.write_world``; kept in ``--cache`` when
given), its evidence graph is built from the records alone (:mod:`borderpost.intel.world`)
and ranked; then, against truth.json, for each network: how many organisers are *visible*
(a node standing for them, their line or account, is in the graph at all), found in the top N
key players overall, and found in the top N of their network's community.

Leads: every record of the world (seizures, arrests, declarations, crossings of people and
vehicles of interest) arrives in date order and raises leads against the earlier ones
(:mod:`borderpost.intel.leads`); a lead is *true* when both its records belong to the same
network per truth.json. Precision at top k (by score) and overall, without and with the
key-player ranking as network context, and leaving out arrests tied to their own seizure.

Real networks (``../shared/data/networks/``): ranked, communities counted, pictured as PNG
into ``--out``; for the 9/11 network, the share of hijackers among the top N against their
share of all nodes.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from borderpost.intel.edges import load_edges
from borderpost.intel.evaluation import score_networks
from borderpost.intel.lead_quality import lead_precision
from borderpost.intel.network import Network
from borderpost.intel.pictures import draw
from borderpost.intel.ranking import KeyPlayer, rank
from borderpost.intel.world import world_graph
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world

ROOT = Path(__file__).resolve().parents[1]
NETWORKS = ROOT.parent / "shared" / "data" / "networks"
TOP_K = (10, 50, 100, 500)
REAL = ("911_hijackers_associates.csv", "siren_undirected.csv", "togo_undirected.csv")
console = Console(width=None if sys.stdout.isatty() else 160)


def _world(seed: int, travellers: int, days: int, cache: Path | None) -> Path:
    folder = (
        cache or Path(tempfile.mkdtemp(prefix="bench-intel-"))
    ) / f"w{seed}_{travellers}_{days}"
    if not (folder / "truth.json").exists():
        write_world(WorldSpec(seed, travellers, days), folder)
    return folder


def worlds(specs: list[tuple[int, int]], seed: int, top: int, cache: Path | None) -> None:
    """Score organisers found among the key players of each world's evidence graph."""
    table = Table(title=f"organisers among the top {top} key players (evidence graph)")
    for column in (
        "world",
        "records",
        "graph",
        "rank s",
        "networks",
        "organisers",
        "visible",
        f"top {top}",
        f"community top {top}",
    ):
        table.add_column(column, justify="right")
    for travellers, days in specs:
        folder = _world(seed, travellers, days, cache)
        started = time.perf_counter()
        graph = world_graph(folder)
        players = graph.rank()
        seconds = time.perf_counter() - started
        scores = score_networks(folder / "truth.json", players, top=top)
        organisers = sum(s.organisers for s in scores)
        visible = sum(s.visible for s in scores)
        found = sum(s.top for s in scores)
        local = sum(s.top_in_community for s in scores)
        records = sum(
            sum(1 for _ in (folder / name).open(encoding="utf-8"))
            for name in ("seizures.jsonl", "arrests.jsonl", "declarations.jsonl")
        )
        table.add_row(
            f"{travellers:,} x {days} d",
            f"{records:,}",
            f"{graph.network.size:,} n / {graph.network.links:,} l",
            f"{seconds:.1f}",
            str(len(scores)),
            str(organisers),
            f"{visible} ({visible / max(organisers, 1):.0%})",
            f"{found} ({found / max(organisers, 1):.0%})",
            f"{local} ({local / max(organisers, 1):.0%}; {local / max(visible, 1):.0%} of visible)",
        )
        change = graph.after_arrests()
        console.print(f"[bold]{folder.name}[/] after arrests: " + "; ".join(change.summary()))
        leads(folder, players)
    console.print(table)


def leads(folder: Path, players: list[KeyPlayer]) -> None:
    """Raise leads record by record in date order; precision against the world's truth."""
    table = Table(title=f"{folder.name}: leads pointing to true network links")
    columns = ["network context", "records", "leads", "s", *(f"top {k}" for k in TOP_K), "all"]
    columns += [*(f"non-trivial top {k}" for k in TOP_K), "non-trivial all"]
    for column in columns:
        table.add_column(column, justify="right")
    for context in (False, True):
        started = time.perf_counter()
        result = lead_precision(folder, players if context else None, top_k=TOP_K)
        seconds = time.perf_counter() - started
        table.add_row(
            "with ranking" if context else "none",
            f"{result.records:,}",
            f"{result.leads:,}",
            f"{seconds:.1f}",
            *(f"{p:.0%}" if p is not None else "-" for p in result.at_k.values()),
            f"{result.overall:.0%}",
            *(f"{p:.0%}" if p is not None else "-" for p in result.nontrivial_at_k.values()),
            f"{result.nontrivial:.0%} of {result.nontrivial_leads:,}",
        )
    console.print(table)


def real(out: Path, top: int) -> None:
    """Rank, count communities and picture each real network."""
    table = Table(
        title="real criminal networks (UCINET covert networks; Morselli 2009, Krebs 2002)"
    )
    for column in ("network", "nodes", "links", "communities", "top 3", "picture"):
        table.add_column(column)
    for name in REAL:
        network = Network.from_edges(load_edges(NETWORKS / name))
        players = rank(network)
        picture = draw(network, players, out / f"{Path(name).stem}.png", title=Path(name).stem)
        table.add_row(
            name,
            str(network.size),
            str(network.links),
            str(len({p.community for p in players})),
            ", ".join(p.node for p in players[:3]),
            str(picture),
        )
        if name.startswith("911"):
            with (NETWORKS / "911_nodes.csv").open(encoding="utf-8") as handle:
                hijackers = {r["id"] for r in csv.DictReader(handle) if r["is_hijacker"] == "1"}
            best = sum(p.node in hijackers for p in players[:top])
            console.print(
                f"9/11: {best} hijackers in the top {top} ({best / top:.0%}) against "
                f"{len(hijackers) / network.size:.0%} of all nodes; first: {players[0].node}"
            )
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", default="20000x365,100000x90")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "intel-bench")
    parser.add_argument("--cache", type=Path, default=None, help="Keep generated worlds here.")
    args = parser.parse_args()
    specs = [(int(t), int(d)) for t, d in (w.split("x") for w in args.worlds.split(","))]
    worlds(specs, args.seed, args.top, args.cache)
    real(args.out, args.top)


if __name__ == "__main__":
    main()
