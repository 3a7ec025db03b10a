"""``borderpost lists``: import watchlists and lost/stolen lists, show them and their history.

Exit codes: 0 done; 2 unusable arguments (unknown format, missing file, unknown list or
version); 1 the import failed (file content, database) and nothing was stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from sqlalchemy.exc import SQLAlchemyError

from borderpost.cli.context import console, errors, fail, state
from borderpost.cli.lists_render import (
    changes_table,
    history_table,
    lists_tables,
    lost_stolen_panel,
    summary_panel,
)
from borderpost.store import UnitOfWork
from borderpost.watchlists import (
    ListContentError,
    ListInputError,
    UnknownListError,
    UnknownVersionError,
    WatchlistError,
    changes,
    import_lost_stolen,
    import_snapshot,
    list_summaries,
    lists_overview,
    lost_stolen_summaries,
    version_history,
)
from borderpost.watchlists.files import (
    DEFAULT_LIST_NAMES,
    LIST_FORMATS,
    read_lost_stolen,
    read_watchlist,
)
from borderpost.watchlists.progress import Progress as ProgressCallback

app = typer.Typer(
    help="Watchlists and lost/stolen document lists: import, show, history, changes.",
    no_args_is_help=True,
)

#: How many warnings and errors an import summary lists (the counts are always complete).
SHOWN_ISSUES = 5


@app.command("import")
def import_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ...,
        help="ofac: the folder or sdn.csv/alt.csv/add.csv/sdn_comments.csv; "
        "un: the XML; ftm: JSON lines; csv: our CSV; sltd: the lost/stolen CSV.",
        metavar="PATH...",
        show_default=False,
    ),
    list_format: str = typer.Option(
        ..., "--format", help=f"One of {', '.join(LIST_FORMATS)}.", show_default=False
    ),
    list_name: str | None = typer.Option(
        None,
        "--list",
        help="Store under this list name (default: OFAC SDN, the UN list's name, "
        "FollowTheMoney, the CSV file's stem, SLTD).",
    ),
    version: str | None = typer.Option(
        None, "--version", help="Version label (default: what the source says, if anything)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    allow_empty: bool = typer.Option(
        False, "--allow-empty", help="Accept a file with no entries (removes every entry)."
    ),
) -> None:
    """Import a list as its next version: added, changed and removed entries are recorded."""
    if list_format not in LIST_FORMATS:
        fail(f"--format {list_format!r} is not one of {', '.join(LIST_FORMATS)}")
    started = time.perf_counter()
    if list_format == "sltd":
        _import_lost_stolen(ctx, paths, list_name, as_json, allow_empty, started)
        return
    with _progress(f"reading {list_format}") as tell:
        tell("parsing", 0, 0)
        with _reading():
            result = read_watchlist(list_format, paths, list_name=list_name, version=version)
        with _storing(), UnitOfWork(state(ctx).store()) as uow:
            summary = import_snapshot(
                uow,
                result.snapshot,
                result.report,
                source_format=list_format,
                files=result.report.files,
                progress=tell,
                allow_empty=allow_empty,
            )
            uow.commit()
    seconds = round(time.perf_counter() - started, 3)
    if as_json:
        print(json.dumps({**summary.to_dict(issues=SHOWN_ISSUES), "seconds": seconds}))
    else:
        console.print(summary_panel(summary, shown=SHOWN_ISSUES, seconds=seconds))


def _import_lost_stolen(
    ctx: typer.Context,
    paths: list[Path],
    list_name: str | None,
    as_json: bool,
    allow_empty: bool,
    started: float,
) -> None:
    name = list_name or DEFAULT_LIST_NAMES["sltd"]
    with _progress("reading sltd") as tell:
        tell("parsing", 0, 0)
        with _reading():
            parsed = read_lost_stolen(paths)
        with _storing(), UnitOfWork(state(ctx).store()) as uow:
            summary = import_lost_stolen(
                uow, name, parsed.records, progress=tell, allow_empty=allow_empty
            )
            uow.commit()
    seconds = round(time.perf_counter() - started, 3)
    data = {
        **summary.to_dict(),
        "format": "sltd",
        "files": [path.name for path in paths],
        "read": parsed.read,
        "kept": len(parsed.records),
        "skipped": len(parsed.errors),
        "warning_count": len(parsed.warnings),
        "error_count": len(parsed.errors),
        "warnings": [str(issue) for issue in parsed.warnings[:SHOWN_ISSUES]],
        "errors": [str(issue) for issue in parsed.errors[:SHOWN_ISSUES]],
        "seconds": seconds,
    }
    if as_json:
        print(json.dumps(data))
    else:
        console.print(lost_stolen_panel(data))


@app.command()
def show(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show every stored list: newest version, current and removed entries."""
    try:
        with UnitOfWork(state(ctx).store()) as uow:
            rows = list_summaries(uow.session)
            lost = lost_stolen_summaries(uow.session)
    except SQLAlchemyError as exc:
        fail(f"cannot read the lists: {exc}", code=1)
        return
    if as_json:
        print(json.dumps(lists_overview(rows, lost)))
        return
    for table in lists_tables(rows, lost):
        console.print(table)


@app.command()
def history(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The list, e.g. 'OFAC SDN'."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per version per line."),
) -> None:
    """Show every imported version of a list, oldest first."""
    try:
        with UnitOfWork(state(ctx).store()) as uow:
            versions = version_history(uow.session, name)
    except UnknownListError as exc:
        fail(str(exc))
        return
    except SQLAlchemyError as exc:
        fail(f"cannot read the list: {exc}", code=1)
        return
    if as_json:
        for summary in versions:
            print(json.dumps(summary.to_dict()))
        return
    console.print(history_table(name, versions))


@app.command("changes")
def changes_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The list, e.g. 'OFAC SDN'."),
    version: str | None = typer.Option(
        None, "--version", help="Version number or label (default: the newest)."
    ),
    limit: int = typer.Option(50, "--limit", help="Rows shown in the table; 0 for all."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object with every change."),
) -> None:
    """Show what one version of a list added, changed (and which fields) and removed."""
    try:
        with UnitOfWork(state(ctx).store()) as uow:
            found = changes(uow.session, name, version)
    except (UnknownListError, UnknownVersionError) as exc:
        fail(str(exc))
        return
    except SQLAlchemyError as exc:
        fail(f"cannot read the list: {exc}", code=1)
        return
    if as_json:
        rows = [
            {
                "entry_id": row.entry_id,
                "change": row.change,
                "fields": list(row.fields),
                "name": row.name,
            }
            for row in found.changes
        ]
        print(json.dumps({**found.version.to_dict(issues=0), "changes": rows}))
        return
    console.print(changes_table(found, limit=limit))


@contextmanager
def _reading() -> Iterator[None]:
    """Unusable paths exit 2; content that is not in the format given exits 1."""
    try:
        yield
    except ListInputError as exc:
        fail(str(exc))
    except ListContentError as exc:
        fail(f"import failed, nothing stored: {exc}", code=1)


@contextmanager
def _storing() -> Iterator[None]:
    """A refused or failed import exits 1; the unit of work has rolled everything back."""
    try:
        yield
    except (WatchlistError, SQLAlchemyError) as exc:
        fail(f"import failed, nothing stored: {exc}", code=1)


@contextmanager
def _progress(description: str) -> Iterator[ProgressCallback]:
    """A progress callback drawing a Rich bar on a terminal (stderr), silent otherwise."""
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )
    task = bar.add_task(description, total=None)

    def tell(phase: str, done: int, total: int) -> None:
        bar.update(
            task,
            description=f"{description}: {phase}",
            completed=done,
            total=total or None,
        )

    with bar:
        yield tell
