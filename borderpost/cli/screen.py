"""``borderpost screen``: a traveller (or a batch) against the stored watchlists."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.progress import Progress
from rich.table import Table

from borderpost.cli.context import console, errors, fail, state
from borderpost.screening.engine import Screener, Screening, ScreeningConfig
from borderpost.screening.query import Query, QueryError
from borderpost.store import UnitOfWork
from borderpost.watchlists.errors import UnknownListError
from borderpost.watchlists.service import load_entries, lost_stolen_records


def _screener(ctx: typer.Context, lists: list[str] | None) -> Screener:
    with UnitOfWork(state(ctx).store()) as uow:
        try:
            entries = load_entries(uow.session, lists or None)
        except UnknownListError as exc:
            fail(f"{exc} (see `borderpost lists show`)")
        stolen = lost_stolen_records(uow.session)
    if not entries and not stolen:
        fail(
            "no watchlists are stored: import one first, e.g. "
            "`borderpost lists import --format un --list UN consolidated.xml`",
            code=1,
        )
    settings = state(ctx).settings
    config = ScreeningConfig(
        threshold=settings.screening_threshold,
        list_thresholds=settings.screening_list_thresholds,
    )
    return Screener(entries, lost_stolen=stolen, config=config)


def _result(screening: Screening, query_id: str | None) -> dict[str, Any]:
    return {
        "id": query_id,
        "hits": [hit.to_dict() for hit in screening.hits],
        "documents": [
            {
                "list": "lost/stolen",
                "country": doc.record.country,
                "number": doc.record.number,
                "status": doc.record.status,
                "reason": doc.reason,
            }
            for doc in screening.documents
        ],
    }


def screen(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="The traveller's name, any script."),
    dob: str | None = typer.Option(None, "--dob", help="Date of birth YYYY[-MM[-DD]]."),
    nationality: str | None = typer.Option(
        None, "--nationality", help="Alpha-3, alpha-2 or English country name."
    ),
    gender: str | None = typer.Option(None, "--gender", help="M, F or X."),
    document: str | None = typer.Option(None, "--document", help="Document number."),
    document_country: str | None = typer.Option(None, "--document-country"),
    lists: list[str] = typer.Option([], "--list", help="Screen against these lists only."),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0),
    batch: Path | None = typer.Option(
        None, "--batch", help="JSON lines: {id, name, dob?, nationality?, gender?, ...}."
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON output (one object per traveller)."),
) -> None:
    """Screen a traveller against the stored watchlists and lost/stolen documents."""
    if batch is None and not name:
        fail("give --name (and optionally --dob, --nationality, ...) or --batch FILE.jsonl")
    if batch is not None and name:
        fail("give either --name or --batch, not both")
    if batch is not None:
        _screen_batch(ctx, batch, lists, threshold)
        return
    assert name is not None
    try:
        query = Query.parse(
            name,
            dob=dob,
            nationality=nationality,
            gender=gender,
            document_number=document,
            document_country=document_country,
        )
    except QueryError as exc:
        fail(str(exc))
        return
    screener = _screener(ctx, lists)
    screening = screener.screen(query, threshold=threshold)
    if as_json:
        print(json.dumps(_result(screening, None), ensure_ascii=False))
        return
    _show(screening, screener)


def _show(screening: Screening, screener: Screener) -> None:
    lists = ", ".join(screener.list_names)
    if not screening.hits and not screening.documents:
        console.print(f"[green]no hits[/] for {screening.query.name!r} against {lists}")
        return
    table = Table(title=f"Hits for {screening.query.name!r}", show_lines=True)
    for column in ("score", "list", "entry", "name", "matched name"):
        table.add_column(column)
    table.add_column("reasons", overflow="fold")
    for hit in screening.hits:
        table.add_row(
            f"{hit.score:.2f}",
            hit.list_name,
            hit.entry_id,
            hit.name,
            hit.matched_name,
            "\n".join(reason.describe() for reason in hit.reasons),
        )
    if screening.hits:
        console.print(table)
    for doc in screening.documents:
        console.print(f"[bold red]document alert:[/] {doc.reason}")


def _screen_batch(
    ctx: typer.Context, path: Path, lists: list[str], threshold: float | None
) -> None:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read batch file {path}: {exc}")
        return
    screener = _screener(ctx, lists)
    failed = 0
    with Progress(console=errors, transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("screening", total=len(lines))
        for number, line in enumerate(lines, 1):
            progress.advance(task)
            if not line.strip():
                continue
            try:
                query = _batch_query(line)
            except QueryError as exc:
                failed += 1
                message = f"{path.name} line {number}: {exc}"
                errors.print(f"[bold red]error:[/] {message}", highlight=False)
                print(json.dumps({"id": _line_id(line), "error": message}, ensure_ascii=False))
                continue
            screening = screener.screen(query, threshold=threshold)
            print(json.dumps(_result(screening, query.id), ensure_ascii=False))
    if failed:
        sys.exit(1)


def _batch_query(line: str) -> Query:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QueryError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise QueryError("each line must be a JSON object")
    name = data.get("name")
    if not isinstance(name, str):
        raise QueryError("'name' is missing or not a string")
    fields = {}
    for key in ("dob", "nationality", "gender", "document_number", "document_country"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise QueryError(f"{key!r} must be a string, not {type(value).__name__}")
        fields[key] = value
    raw_id = data.get("id")
    return Query.parse(
        name,
        id=None if raw_id is None else str(raw_id),
        dob=fields["dob"],
        nationality=fields["nationality"],
        gender=fields["gender"],
        document_number=fields["document_number"],
        document_country=fields["document_country"],
    )


def _line_id(line: str) -> object:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return None
    return data.get("id") if isinstance(data, dict) else None
