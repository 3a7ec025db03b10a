"""``borderpost vehicle``: check a VIN or plate (identifiers, stolen lists, earlier
crossings), import a stolen-vehicle list.

Exit codes: 0 done (a stolen hit is still 0: it is a finding, not a failure); 2 unusable
arguments; 1 the import failed and nothing was stored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from borderpost.cli.context import console, default_actor, errors, fail, state
from borderpost.inspection.errors import InspectionError
from borderpost.store import UnitOfWork
from borderpost.vehicles import check_vehicle, import_stolen_list

app = typer.Typer(
    help="Vehicles: VIN and plate checks, stolen-vehicle lists.", no_args_is_help=True
)

_VIN_SHAPE = re.compile(r"[A-Za-z0-9]{17}")


def _is_vin(text: str) -> bool:
    return bool(_VIN_SHAPE.fullmatch(re.sub(r"[\s\-.]", "", text)))


def _show(card: dict[str, Any]) -> None:
    vin, plate = card["vin"], card["plate"]
    if vin is not None:
        if vin["problem"]:
            console.print(f"[bold red]not a VIN:[/] {vin['problem']}")
        else:
            colour = {"valid": "green", "invalid": "red"}.get(vin["status"], "yellow")
            console.print(
                f"VIN [bold]{vin['vin']}[/] [{colour}]{vin['status']}[/]: {vin['reason']}"
            )
            maker = vin["manufacturer"] or "manufacturer not in our table"
            years = " or ".join(str(y) for y in vin["model_years"]) or "unknown"
            console.print(f"  {maker} ({vin['region']}, WMI {vin['wmi']}), model year {years}")
    if plate is not None:
        console.print(f"plate [bold]{plate['plate']}[/] ({plate['key']}): {plate['reason']}")
        for fix in plate["corrections"]:
            console.print(f"  corrected {fix}")
    hits = card["stolen_hits"]
    if hits:
        table = Table(title="[bold red]Reported stolen[/]", title_justify="left")
        for column in ("match", "VIN", "engine", "make", "reported", "reference", "list", "why"):
            table.add_column(column)
        for hit in hits:
            table.add_row(
                "exact" if hit["exact"] else "tolerant",
                hit["vin"],
                hit["engine_number"],
                hit["make"],
                hit["reported_on"] or "",
                hit["reference"],
                hit["list"],
                hit["reason"],
            )
        console.print(table)
        console.print("A person must confirm a hit before any action.")
    else:
        console.print("[green]not on the stolen-vehicle lists[/]")
    for earlier in card["earlier_crossings"]:
        console.print(
            f"  seen: {earlier['occurred_at']} {earlier['direction']} at {earlier['port']}"
        )


@app.command("check")
def check_command(
    ctx: typer.Context,
    identifier: str = typer.Argument(..., help="A VIN (17 characters) or a licence plate."),
    country: str | None = typer.Option(None, help="Plate country (UTO, FRA, ...)."),
    engine: str | None = typer.Option(None, help="Engine number, checked too."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    actor: str | None = typer.Option(None, help="Who asks (recorded in the audit log)."),
) -> None:
    """Read a VIN or plate, look it up in the stolen lists and earlier crossings (audited)."""
    is_vin = _is_vin(identifier)
    store = state(ctx).store()
    try:
        with UnitOfWork(store) as uow:
            card = check_vehicle(
                uow.session,
                actor=actor or default_actor(),
                now=dt.datetime.now(dt.UTC),
                vin=identifier if is_vin else None,
                plate=None if is_vin else identifier,
                country=country,
                engine_number=engine,
            )
            uow.commit()
    except InspectionError as exc:
        fail(str(exc))
        return
    if as_json:
        console.print_json(json.dumps(card))
    else:
        _show(card)


@app.command("import-stolen")
def import_stolen_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="CSV file."),
    list_name: str = typer.Option("national", "--list", help="The list this file replaces."),
    actor: str | None = typer.Option(None, help="Who imports (recorded in the audit log)."),
) -> None:
    """Import a stolen-vehicle CSV (vin / engine number / plate / make / reported ...): the
    list becomes the file's content; vehicles no longer listed are withdrawn, not deleted."""
    store = state(ctx).store()
    try:
        with UnitOfWork(store) as uow, errors.status("importing", spinner="dots"):
            summary = import_stolen_list(
                uow.session,
                path.read_bytes(),
                list_name=list_name,
                actor=actor or default_actor(),
                now=dt.datetime.now(dt.UTC),
            )
            uow.commit()
    except InspectionError as exc:
        fail(str(exc), code=1)
        return
    console.print(
        f"[green]{summary.list_name}[/]: {summary.added} added, {summary.kept} kept, "
        f"{summary.withdrawn} withdrawn"
    )
    for warning in summary.warnings[:10]:
        console.print(f"  [yellow]warning[/] {warning}")
