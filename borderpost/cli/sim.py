"""``borderpost sim``: generate synthetic border worlds with ground truth.

Exit codes: 0 done; 2 unusable arguments (bad numbers, an --out that is a file or cannot be
written); 1 generation or loading failed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from borderpost.cli.context import console, errors, fail, state
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import UnitOfWork
from borderpost.watchlists import ListContentError, ListInputError, WatchlistError
from borderpost.worldgen import FILES, Summary, WorldOutputError, write_world
from borderpost.worldgen import Progress as ProgressCallback
from borderpost.worldgen.evaluate import WorldScore, score_world
from borderpost.worldgen.load import LOST_STOLEN_LIST, NOT_LOADED, WATCHLIST, Loaded, load_lists

app = typer.Typer(help="Synthetic border worlds with ground truth.", no_args_is_help=True)


@contextmanager
def _bar() -> Iterator[ProgressCallback]:
    """A progress callback drawing a Rich bar on a terminal (stderr), silent otherwise."""
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )
    task = bar.add_task("generating", total=None)

    def tell(phase: str, done: int, total: int) -> None:
        bar.update(task, description=phase, completed=done, total=total or None)

    with bar:
        yield tell


@app.command()
def world(
    ctx: typer.Context,
    seed: int = typer.Option(..., "--seed", help="The seed: same seed and sizes, same bytes."),
    travellers: int = typer.Option(..., "--travellers", help="People who cross (at least 1)."),
    days: int = typer.Option(30, "--days", help="Days of movement (at least 1)."),
    out: Path = typer.Option(..., "--out", help="The folder to write (created if missing)."),
    load: bool = typer.Option(
        False,
        "--load",
        help=f"Also import watchlist.csv as {WATCHLIST!r} and lost_stolen.csv as "
        f"{LOST_STOLEN_LIST!r} into the configured database.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Generate a synthetic border world: travellers, documents, crossings, lists, truth."""
    try:
        spec = WorldSpec(seed=seed, travellers=travellers, days=days)
    except ValueError as exc:
        fail(str(exc))
        return
    try:
        with _bar() as tell:
            summary = write_world(spec, out, progress=tell)
    except WorldOutputError as exc:
        fail(str(exc))
        return
    loaded = _load(ctx, out, spec) if load else None
    if as_json:
        print(json.dumps(_as_dict(summary, loaded)))
        return
    _show(summary, loaded)


def _load(ctx: typer.Context, out: Path, spec: WorldSpec) -> Loaded | None:
    label = f"seed {spec.seed}, {spec.travellers} travellers, {spec.days} days"
    try:
        with UnitOfWork(state(ctx).store()) as uow:
            loaded = load_lists(uow, out, label=label)
            uow.commit()
    except (ListInputError, ListContentError, WatchlistError, SQLAlchemyError) as exc:
        fail(f"loading the lists failed, nothing stored: {exc}", code=1)
        return None
    return loaded


def _as_dict(summary: Summary, loaded: Loaded | None) -> dict[str, object]:
    data: dict[str, object] = {
        "out": str(summary.out_dir),
        "seed": summary.spec.seed,
        "travellers": summary.spec.travellers,
        "days": summary.spec.days,
        "seconds": round(summary.seconds, 3),
        "files": list(FILES),
        "counts": summary.counts,
    }
    if loaded is not None:
        data["loaded"] = {
            "watchlist": loaded.watchlist.to_dict(issues=0),
            "lost_stolen": loaded.lost_stolen.to_dict(),
            "not_loaded": list(NOT_LOADED),
        }
    return data


def _show(summary: Summary, loaded: Loaded | None) -> None:
    spec = summary.spec
    rate = spec.travellers / summary.seconds if summary.seconds else 0.0
    console.print(
        f"[bold]world written[/] to {summary.out_dir}: seed {spec.seed}, "
        f"{spec.travellers:,} travellers, {spec.days} days in {summary.seconds:.1f} s "
        f"({rate:,.0f} travellers/s)"
    )
    for name, count in summary.counts.items():
        console.print(f"  {name:<20} {count:>12,}")
    console.print("  truth.json, README.md (what every file and field holds)")
    if loaded is None:
        return
    console.print(
        f"loaded {WATCHLIST!r} version {loaded.watchlist.version} "
        f"({loaded.watchlist.kept:,} entries: {loaded.watchlist.added:,} added, "
        f"{loaded.watchlist.changed:,} changed, {loaded.watchlist.removed:,} removed) and "
        f"{LOST_STOLEN_LIST!r} ({loaded.lost_stolen.stored:,} documents)"
    )
    console.print(f"not loaded (no tables yet): {', '.join(NOT_LOADED)}")


@app.command()
def score(
    world_dir: Path = typer.Argument(..., help="A folder written by `borderpost sim world`."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Screen every crossing of a world as the booth would and score it against the truth."""
    if not (world_dir / "truth.json").is_file():
        fail(f"{world_dir} is not a generated world (no truth.json)")
        return
    try:
        with _bar() as tell:
            result = score_world(
                world_dir, progress=lambda done, total: tell("screening", done, total)
            )
    except (ListInputError, ListContentError, FileNotFoundError, KeyError, ValueError) as exc:
        fail(f"{world_dir} cannot be scored: {exc}", code=1)
        return
    if as_json:
        print(json.dumps(result.to_dict()))
        return
    show_score(result)


def show_score(result: WorldScore) -> None:
    """The booth's score against the truth, as a table and a few caught cases."""
    table = Table(title=f"{result.screened:,} traveller/document pairs screened against the truth")
    for column in ("what", "planted", "caught", "recall", "false"):
        table.add_column(column, justify="left" if column == "what" else "right")
    rows = (
        ("watchlisted travellers", result.watchlist),
        ("lost/stolen documents", result.lost_stolen),
        ("forged documents", result.forged),
    )
    for label, catch in rows:
        table.add_row(
            label,
            f"{catch.planted:,}",
            f"{catch.caught:,}",
            f"{catch.recall:.3f}",
            f"{catch.false:,}",
        )
    console.print(table)
    console.print(
        f"false watchlist alerts: {result.false_alerts_per_1000:.2f} per 1,000 travellers "
        f"({result.seconds:.1f} s)"
    )
    for example in result.examples:
        console.print(f"  caught: {example}", markup=False)
