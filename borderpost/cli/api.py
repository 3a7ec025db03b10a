"""``borderpost api``: advance passenger information (airline PAXLST and PNRGOV messages)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from borderpost.cli.context import console, errors, fail, state
from borderpost.passengers import EdifactError, Reading, read
from borderpost.store import UnitOfWork
from borderpost.targeting import (
    ManifestAssessment,
    RuleError,
    TravelContext,
    assess_reading,
    default_rules,
    load_rules,
    parse_master_crew,
)
from borderpost.targeting.rules import Rule
from borderpost.watchlists.screener import build_screener

app = typer.Typer(
    help="Advance passenger information: read airline PAXLST and PNRGOV messages.",
    no_args_is_help=True,
)


@app.callback()
def _api() -> None:
    """Advance passenger information: read airline PAXLST and PNRGOV messages."""


def _human(reading: Reading) -> None:
    console.print(
        f"{reading.interchanges} interchange(s), {len(reading.messages)} message(s), "
        f"{reading.segment_count} segments",
        highlight=False,
    )
    for index, message in enumerate(reading.messages, 1):
        flights = ", ".join(
            f"{flight.number} "
            + " ".join(f"{leg.origin or '?'}-{leg.destination or '?'}" for leg in flight.legs)
            for flight in message.flights
        )
        console.print(
            f"\n[bold]message {index}[/] {message.identifier} ({message.reference})"
            + (f"  flights: {flights}" if flights else ""),
            highlight=False,
        )
        if message.bookings:
            locators = ", ".join(booking.record_locator for booking in message.bookings)
            console.print(f"bookings: {locators}", highlight=False)
        table = Table()
        for column in ("role", "surname", "given names", "sex", "born", "nat.", "documents"):
            table.add_column(column)
        for person in message.persons:
            table.add_row(
                person.role,
                person.surname,
                person.given_names,
                person.sex or "",
                person.birth_date.isoformat() if person.birth_date else "",
                person.nationality or "",
                ", ".join(
                    f"{d.type} {d.number} {d.issuing_state or ''}".strip() for d in person.documents
                ),
            )
        console.print(table)
    if reading.warnings:
        table = Table(title="warnings")
        for column in ("code", "where", "message"):
            table.add_column(column)
        for item in reading.warnings:
            table.add_row(item.code, item.position.describe(), item.message)
        console.print(table)
    else:
        console.print("no warnings")


@app.command()
def parse(
    file: str = typer.Argument(..., help="A file of EDIFACT messages ('-' reads stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print the reading as one JSON object."),
) -> None:
    """Read a PAXLST/PNRGOV file: flights, travellers, documents, bookings and warnings."""
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        fail(f"cannot read {Path(file).name}: {exc.strerror or exc}")
        return
    try:
        reading = read(data)
    except EdifactError as exc:
        fail(f"{Path(file).name}: {exc}")
        return
    if as_json:
        print(json.dumps(reading.to_dict(), ensure_ascii=False))
    else:
        _human(reading)


def _read_file(file: str) -> Reading:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        fail(f"cannot read {Path(file).name}: {exc.strerror or exc}")
        raise AssertionError from exc  # fail() exits
    try:
        return read(data)
    except EdifactError as exc:
        fail(f"{Path(file).name}: {exc}")
        raise AssertionError from exc


def _rules(paths: list[Path]) -> list[Rule]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    try:
        return load_rules(files) if files else list(default_rules())
    except (OSError, RuleError) as exc:
        fail(str(exc))
        raise AssertionError from exc


@app.command("screen")
def screen_manifest(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="A PAXLST (and PNRGOV) file ('-' reads stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per manifest."),
    rules: list[Path] = typer.Option(
        [], "--rules", help="Rule files or folders (default: the shipped rules)."
    ),
    crew_list: Path | None = typer.Option(
        None, "--crew-list", help="Master crew list: CSV with a document_number column."
    ),
    today: str | None = typer.Option(None, "--today", help="ISO date used as today."),
) -> None:
    """Assess every traveller of a manifest: watchlist and lost/stolen hits, document checks
    and targeting rules, each with its reason. Nothing is decided: hits go to review."""
    reading = _read_file(file)
    chosen = _rules(rules)
    master = None
    if crew_list is not None:
        try:
            master = parse_master_crew(crew_list.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read crew list {crew_list}: {exc}")
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        fail(f"--today {today!r} is not YYYY-MM-DD")
        return
    settings = state(ctx).settings
    with UnitOfWork(state(ctx).store()) as uow:
        screener = build_screener(uow.session, settings)
    if not screener.entries and not len(screener.lost_stolen):
        errors.print("[yellow]warning:[/] no watchlists are stored: screening finds nothing")
    results = assess_reading(
        reading, screener, rules=chosen, context=TravelContext(master_crew=master), today=day
    )
    if not results:
        fail(f"{Path(file).name} holds no passenger or crew list (PAXLST)")
    for result in results:
        if as_json:
            print(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            _show_assessments(result)


def _show_assessments(result: ManifestAssessment) -> None:
    flights = ", ".join(flight.number for flight in result.manifest.flights)
    review = sum(1 for a in result.assessments if a.status == "to_review")
    console.print(
        f"[bold]{result.manifest.kind} list[/] {result.manifest.reference or ''} {flights}: "
        f"{len(result.assessments)} traveller(s), {review} to review",
        highlight=False,
    )
    table = Table(show_lines=True)
    for column in ("#", "traveller", "band", "score", "status"):
        table.add_column(column)
    table.add_column("reasons", overflow="fold")
    for item in result.assessments:
        person = item.person
        table.add_row(
            str(item.index + 1),
            f"{person.surname}, {person.given_names}",
            item.band,
            str(item.score),
            item.status,
            "\n".join(item.reasons()),
        )
    console.print(table)
