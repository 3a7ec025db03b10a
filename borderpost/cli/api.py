"""``borderpost api``: advance passenger information (airline PAXLST and PNRGOV messages)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from borderpost.cli.context import console, fail
from borderpost.passengers import EdifactError, Reading, read

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
