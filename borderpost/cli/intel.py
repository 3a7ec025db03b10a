"""``borderpost intel``: key players, pictures, exports and paths of a network of links.

Input is a CSV edge list with a header row: ``source,target[,weight][,time]``, or a GraphML or
GEXF file (from Gephi). Exit codes:
0 done; 2 unusable input (a bad edge list, an unknown node, an unsupported file type);
1 no path between the two entities.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from borderpost.cli import intel_exchange, intel_records, intel_resolve
from borderpost.cli.context import console, fail

if TYPE_CHECKING:
    from borderpost.intel.network import Network
    from borderpost.intel.ranking import KeyPlayer

# borderpost.intel pulls in numpy, scipy, rustworkx and matplotlib: each command imports what
# it needs, so that every other `borderpost` command starts without them.

app = typer.Typer(help="Network analysis: key players, communities, paths.", no_args_is_help=True)

EDGES_HELP = (
    "CSV edge list with a header row: source,target[,weight]; or a Gephi .graphml/.gexf file."
)


def _network(edges: Path, directed: bool) -> Network:
    return intel_exchange.load_network(edges, directed)


def _show(players: list[KeyPlayer], as_json: bool, title: str) -> None:
    if as_json:
        typer.echo(json.dumps([p.as_json() for p in players], ensure_ascii=False, indent=2))
        return
    table = Table(title=title)
    for column in ("rank", "node", "score", "community", "reasons"):
        table.add_column(column, overflow="fold")
    for p in players:
        table.add_row(str(p.rank), p.node, f"{p.score:.4f}", str(p.community), "; ".join(p.reasons))
    console.print(table)


@app.command("rank")
def rank_command(
    edges: Path = typer.Argument(..., help=EDGES_HELP),
    directed: bool = typer.Option(False, "--directed", help="Links go from source to target."),
    as_json: bool = typer.Option(False, "--json", help="Print the ranking as JSON."),
    top: int | None = typer.Option(None, "--top", min=1, help="Only the N best."),
) -> None:
    """Rank every node of an edge list as a key player, best first, with reasons."""
    from borderpost.intel.ranking import rank

    network = _network(edges, directed)
    players = rank(network)[:top]
    _show(players, as_json, f"key players of {edges.name} ({network.size} nodes)")


@app.command("picture")
def picture_command(
    edges: Path = typer.Argument(..., help=EDGES_HELP),
    out: Path = typer.Option(..., "--out", help="The picture to write: .png or .svg."),
    directed: bool = typer.Option(False, "--directed", help="Links go from source to target."),
    limit: int = typer.Option(300, "--limit", min=2, help="Draw at most the N best nodes."),
) -> None:
    """Draw the network: communities coloured, key players larger and named."""
    from borderpost.intel import pictures
    from borderpost.intel.ranking import rank

    if out.suffix.lower() not in pictures.FORMATS:
        fail(f"{out}: a picture is .png or .svg")
    network = _network(edges, directed)
    written = pictures.draw(network, rank(network), out, title=edges.stem, limit=limit)
    typer.echo(str(written))


@app.command("export")
def export_command(
    edges: Path = typer.Argument(..., help=EDGES_HELP),
    out: Path = typer.Option(..., "--out", help="The file to write: .graphml or .gexf."),
    directed: bool = typer.Option(False, "--directed", help="Links go from source to target."),
) -> None:
    """Export the network with each node's rank, score and community (for Gephi)."""
    from borderpost.intel import exchange
    from borderpost.intel.ranking import rank

    if out.suffix.lower() not in exchange.FORMATS:
        fail(f"{out}: an export is .graphml or .gexf")
    network = _network(edges, directed)
    typer.echo(str(exchange.export(network, out, rank(network))))


@app.command("path")
def path_command(
    edges: Path = typer.Argument(..., help=EDGES_HELP),
    start: str = typer.Argument(..., help="The entity to start from."),
    end: str = typer.Argument(..., help="The entity to reach."),
    directed: bool = typer.Option(False, "--directed", help="Links go from source to target."),
) -> None:
    """The shortest chain of links between two entities."""
    from borderpost.intel.paths import PathError, shortest_path

    network = _network(edges, directed)
    for label in (start, end):
        if label not in network:
            fail(f"{label!r} is not in {edges.name}")
    try:
        links = shortest_path(network, start, end)
    except PathError as exc:
        fail(str(exc), code=1)
        return
    typer.echo(f"{len(links)} links from {start} to {end}")
    for link in links:
        typer.echo(f"  {link.source} -> {link.target} (weight {link.weight:g})")


@app.command("world")
def world_command(
    folder: Path = typer.Argument(..., help="A generated world (borderpost sim world --out)."),
    as_json: bool = typer.Option(False, "--json", help="Print the ranking as JSON."),
    top: int = typer.Option(20, "--top", min=1, help="Show the N best."),
) -> None:
    """Rank the evidence graph of a generated world (records only, exact joins)."""
    from borderpost.intel.world import WorldError, world_graph

    try:
        graph = world_graph(folder)
    except WorldError as exc:
        fail(str(exc))
        return
    players = graph.rank()[:top]
    _show(players, as_json, f"key players of {folder} ({graph.network.size} nodes)")


# FollowTheMoney exchange, maps and timelines: borderpost.cli.intel_exchange.
app.add_typer(intel_exchange.app, name="ftm")
app.command("map")(intel_exchange.map_command)
app.command("timeline")(intel_exchange.timeline_command)

# Entity resolution lives in its own module (borderpost.cli.intel_resolve).
app.command("resolve")(intel_resolve.resolve_command)
app.command("mentions")(intel_resolve.mentions_command)
app.command("judge")(intel_resolve.judge_command)
# Casework: seizures, arrests and ledgers recorded in the store.
app.add_typer(intel_records.record_app, name="record")
app.command("import")(intel_records.import_command)
app.command("records")(intel_records.records_command)
app.command("edges")(intel_records.edges_command)
