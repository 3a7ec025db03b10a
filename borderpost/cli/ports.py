"""``borderpost ports``: ports of entry (registration audited)."""

from __future__ import annotations

import datetime as dt
import json

import typer
from rich.table import Table

from borderpost.cli.context import console, default_actor, fail, state
from borderpost.inspection.ports import PortError, PortExistsError, add_port, port_dict
from borderpost.store import UnitOfWork
from borderpost.store.repos.ports import PortRepo

app = typer.Typer(help="Ports of entry: add and list.", no_args_is_help=True)


@app.command()
def add(
    ctx: typer.Context,
    code: str = typer.Option(..., "--code", help="Short unique code, e.g. LHR or DOVER."),
    name: str = typer.Option(..., "--name", help="Full name."),
    kind: str = typer.Option(..., "--kind", help="airport, seaport or land."),
    country: str | None = typer.Option(None, "--country", help="ICAO country code, e.g. GBR."),
    remote: bool = typer.Option(False, "--remote", help="An offline post with its own database."),
    timezone: str = typer.Option("UTC", "--timezone", help="IANA time zone of the shift hours."),
    shift: str | None = typer.Option(
        None, "--shift", help="Staffed hours HH:MM-HH:MM (default: around the clock)."
    ),
    actor: str | None = typer.Option(None, "--actor", help="Who is acting (default: OS user)."),
) -> None:
    """Register a port of entry."""
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        try:
            port = add_port(
                uow.session,
                code=code,
                name=name,
                kind=kind,
                country=country,
                remote=remote,
                timezone=timezone,
                shift=shift,
                actor=actor or default_actor(),
                now=dt.datetime.now(dt.UTC),
            )
        except PortExistsError as exc:
            fail(str(exc), code=1)
            return
        except PortError as exc:
            fail(str(exc))
            return
        uow.commit()
    console.print(f"added port {port.code}: {port.name} ({port.kind})")


@app.command("list")
def list_ports(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON object per port per line."),
) -> None:
    """List ports of entry."""
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        records = [port_dict(port) for port in PortRepo(uow.session).all()]
    if as_json:
        for record in records:
            print(json.dumps(record))
        return
    table = Table(title=f"Ports of entry ({len(records)})")
    for column in ("code", "name", "kind", "country", "shift"):
        table.add_column(column)
    for record in records:
        shift = f"{record['shift']} {record['timezone']}" if record["shift"] else "24h"
        table.add_row(
            str(record["code"]),
            str(record["name"]),
            str(record["kind"]),
            str(record["country"] or "-"),
            shift,
        )
    console.print(table)
