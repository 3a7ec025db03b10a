"""``borderpost intel ftm export|import``, ``intel map`` and ``intel timeline``: exchange with
FollowTheMoney tools (Aleph, OpenSanctions) and offline pictures of records.

Records come from a generated world's folder or from a JSON-lines file of record facts
(``.jsonl``, one ``{"ref", "kind", "date", "summary", "identifiers", ...}`` per line); a
network from an edge list (``.csv``) or a Gephi file (``.graphml``/``.gexf``). Exit codes: 0
done; 2 unusable input (a bad file, an unsupported type).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import Progress

from borderpost.cli.context import console, fail

if TYPE_CHECKING:
    from borderpost.intel.facts import RecordFacts
    from borderpost.intel.network import Network

app = typer.Typer(help="FollowTheMoney export and import.", no_args_is_help=True)
NETWORK_FILES = (".csv", ".graphml", ".gexf")


def load_network(path: Path, directed: bool = False) -> Network:
    """A network from an edge list (.csv) or a Gephi file (.graphml/.gexf); exit 2 if bad."""
    from borderpost.intel.edges import EdgeListError, load_edges
    from borderpost.intel.exchange import ExchangeError, load
    from borderpost.intel.network import Network

    try:
        if path.suffix.lower() in (".graphml", ".gexf"):
            return load(path).network
        return Network.from_edges(load_edges(path), directed=directed)
    except (EdgeListError, ExchangeError) as exc:
        fail(f"{path}: {exc}")
        raise AssertionError("unreachable") from exc


def load_records(source: Path) -> list[RecordFacts]:
    """Records of a generated world (a folder) or of a facts file (.jsonl); exit 2 if bad."""
    from borderpost.intel.facts_io import FactsFileError, read_facts
    from borderpost.intel.world import WorldError
    from borderpost.intel.world_facts import world_facts

    try:
        if source.is_dir():
            with Progress(console=console, transient=True) as progress:
                progress.add_task(f"reading {source.name}", total=None)
                return world_facts(source)
        with source.open(encoding="utf-8") as handle:
            return list(read_facts(handle))
    except (WorldError, FactsFileError) as exc:
        fail(f"{source}: {exc}")
    except OSError as exc:
        fail(f"{source}: cannot read ({exc})")
    raise AssertionError("unreachable")


@app.command("export")
def export_command(
    source: Path = typer.Argument(
        ...,
        help="A generated world (folder), record facts (.jsonl) or a network (.csv, "
        ".graphml, .gexf).",
    ),
    out: Path = typer.Option(..., "--out", help="FtM JSON lines to write."),
) -> None:
    """Write records or a ranked network as FollowTheMoney entities (JSON lines)."""
    from borderpost.intel.ftm import network_entities, record_entities
    from borderpost.intel.ranking import rank

    skipped: list[str] = []
    if source.suffix.lower() in NETWORK_FILES:
        network = load_network(source)
        entities, skipped = network_entities(network, rank(network))
    else:
        entities = list(record_entities(load_records(source)))
    out.parent.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with out.open("w", encoding="utf-8") as handle:
        for entity in entities:
            line = json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True)
            if line not in seen:
                seen.add(line)
                handle.write(line + "\n")
    typer.echo(f"{len(seen)} entities written to {out}")
    if skipped:
        typer.echo(
            f"{len(skipped)} nodes FtM cannot hold on their own were left out: "
            + ", ".join(skipped[:5])
            + (" ..." if len(skipped) > 5 else "")
        )


@app.command("import")
def import_command(
    source: Path = typer.Argument(..., help="FtM JSON lines (Aleph, OpenSanctions, ours)."),
    network_out: Path | None = typer.Option(
        None, "--network", help="Write the entities' network: .csv, .graphml or .gexf."
    ),
    records_out: Path | None = typer.Option(
        None, "--records", help="Write the entities as record facts (.jsonl)."
    ),
    kind: str = typer.Option("watchlist", "--kind", help="Record kind of listed entities."),
    top: int = typer.Option(10, "--top", min=0, help="Print the N best key players."),
) -> None:
    """Read FollowTheMoney entities into a network (ranked) and into record facts."""
    from borderpost.intel.exchange import export
    from borderpost.intel.facts_io import facts_to_json
    from borderpost.intel.ftm_import import (
        FtmError,
        entities_to_facts,
        entities_to_network,
        read_entities,
    )
    from borderpost.intel.ranking import rank

    try:
        with source.open(encoding="utf-8") as handle:
            entities = list(read_entities(handle))
        records = entities_to_facts(entities, default_date=dt.date.today(), kind=kind)
    except FtmError as exc:
        fail(f"{source}: {exc}")
        return
    except OSError as exc:
        fail(f"{source}: cannot read ({exc})")
        return
    network = entities_to_network(entities)
    typer.echo(
        f"{len(entities)} entities: {network.size} nodes, {network.links} links; "
        f"{len(records)} records"
    )
    players = rank(network) if network.size else []
    if network_out is not None:
        if network_out.suffix.lower() == ".csv":
            network_out.parent.mkdir(parents=True, exist_ok=True)
            with network_out.open("w", encoding="utf-8") as handle:
                handle.write("source,target,weight\n")
                labels = network.labels
                for s, t, w in zip(
                    network.sources.tolist(),
                    network.targets.tolist(),
                    network.weights.tolist(),
                    strict=True,
                ):
                    handle.write(f"{_csv(labels[s])},{_csv(labels[t])},{w:g}\n")
        elif network_out.suffix.lower() in (".graphml", ".gexf"):
            export(network, network_out, players)
        else:
            fail(f"{network_out}: a network is written as .csv, .graphml or .gexf")
        typer.echo(f"network written to {network_out}")
    if records_out is not None:
        records_out.parent.mkdir(parents=True, exist_ok=True)
        with records_out.open("w", encoding="utf-8") as handle:
            for facts in records:
                handle.write(json.dumps(facts_to_json(facts), ensure_ascii=False) + "\n")
        typer.echo(f"records written to {records_out}")
    for player in players[:top]:
        typer.echo(f"{player.rank:>3}. {player.node}  ({'; '.join(player.reasons[:2])})")


def _csv(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


def map_command(
    source: Path = typer.Argument(..., help="A generated world (folder) or record facts (.jsonl)."),
    out: Path = typer.Option(..., "--out", help="The SVG to write."),
    title: str = typer.Option("", "--title", help="A title over the map."),
) -> None:
    """Draw the records on an offline map (SVG): circles by place, sized by seriousness."""
    from borderpost.intel.maps import map_svg

    records = load_records(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(map_svg(records, title=title or f"records of {source.name}"), encoding="utf-8")
    typer.echo(str(out))


def timeline_command(
    source: Path = typer.Argument(..., help="A generated world (folder) or record facts (.jsonl)."),
    out: Path = typer.Option(..., "--out", help="The SVG to write."),
    bucket: str = typer.Option("week", "--per", help="day or week."),
    title: str = typer.Option("", "--title", help="A title over the timeline."),
) -> None:
    """Draw records per day or week, stacked by kind, arrests marked (SVG)."""
    from borderpost.intel.timelines import BUCKETS, timeline_svg

    if bucket not in BUCKETS:
        fail(f"--per {bucket!r}: use day or week")
    records = load_records(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        timeline_svg(records, bucket=bucket, title=title or f"records of {source.name}"),
        encoding="utf-8",
    )
    typer.echo(str(out))
