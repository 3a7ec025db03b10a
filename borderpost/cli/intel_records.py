"""``borderpost intel record seizure|arrest``, ``intel import``, ``intel records`` and
``intel edges``: casework recorded and read at the command line.

A local operator's tool, like ``borderpost inspect``: the named user (``--as``) is taken at
their word and recorded in the audit log; their role and port decide what they may record.
Exit codes: 0 done; 1 refused (permissions, a reference already recorded); 2 unusable input
(a bad field, mapping or file). An import with rejected rows exits 0 and lists them (also as
CSV with ``--rejected FILE``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from borderpost.cli.context import console, errors, fail, state
from borderpost.inspection.access import user_by_name
from borderpost.inspection.errors import InspectionError
from borderpost.store import UnitOfWork

# borderpost.intel.recording loads phonenumbers and the name engine: commands import it when run.

record_app = typer.Typer(help="Record a seizure or an arrest.", no_args_is_help=True)

AS_HELP = "Username of the recording officer or analyst."
REGION_HELP = "Country (ISO 3166) of phone numbers written without a country code."
PLATE_HELP = "Country (ISO 3166) of the plate."


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _join(values: list[str] | None) -> str | None:
    return ";".join(values) if values else None


def _record(
    ctx: typer.Context,
    kind: str,
    fields: dict[str, str | None],
    username: str,
    region: str | None,
    plate_country: str | None,
    as_json: bool,
) -> None:
    from borderpost.casework.facts import facts_of
    from borderpost.casework.recording import record_arrest, record_seizure
    from borderpost.intel.recording import (
        FieldErrors,
        SeizureDraft,
        arrest_from_fields,
        seizure_from_fields,
    )

    given = {k: v for k, v in fields.items() if v is not None}
    reader = seizure_from_fields if kind == "seizure" else arrest_from_fields
    try:
        draft = reader(given, phone_region=region, plate_country=plate_country)
    except FieldErrors as exc:
        fail("; ".join(f"--{f.replace('_', '-')}: {why}" for f, why in exc.errors.items()))
        return
    with UnitOfWork(state(ctx).store()) as uow:
        try:
            user = user_by_name(uow.session, username)
            if isinstance(draft, SeizureDraft):
                facts = facts_of(record_seizure(uow.session, draft, user=user, now=_now()))
            else:
                facts = facts_of(record_arrest(uow.session, draft, user=user, now=_now()))
        except InspectionError as exc:
            fail(str(exc), code=1)
            return
        uow.commit()
    if as_json:
        shown = {
            "ref": facts.ref,
            "kind": facts.kind,
            "date": facts.date.isoformat(),
            "summary": facts.summary,
            "identifiers": [list(pair) for pair in facts.identifiers],
        }
        typer.echo(json.dumps(shown, ensure_ascii=False))
        return
    console.print(f"{kind} {facts.ref} recorded: {facts.summary} ({facts.date})", highlight=False)
    for ident_kind, value in facts.identifiers:
        console.print(f"  {ident_kind}: {value}", highlight=False)


@record_app.command("seizure")
def seizure_command(
    ctx: typer.Context,
    username: str = typer.Option(..., "--as", help=AS_HELP),
    ref: str = typer.Option(..., "--ref", help="The seizure's reference (unique)."),
    date: str = typer.Option(..., "--date", help="YYYY-MM-DD, DD/MM/YYYY or 2 March 2026."),
    commodity: str = typer.Option(..., "--commodity", help="cocaine, cash, ammunition, ..."),
    quantity: str = typer.Option(..., "--quantity", help="4.1, or with its unit: 4.1 kg."),
    source: str = typer.Option(..., "--source", help="Where this comes from (report number)."),
    unit: str | None = typer.Option(None, "--unit", help="kg, g, lbs, pcs, m3, ..."),
    currency: str | None = typer.Option(None, "--currency", help="ISO 4217 code of cash."),
    calibre: str | None = typer.Option(None, "--calibre", help="Of firearms and ammunition."),
    port: str | None = typer.Option(None, "--port", help="The port of entry's code."),
    place: str | None = typer.Option(None, "--place", help="Where, in words."),
    latitude: str | None = typer.Option(None, "--lat"),
    longitude: str | None = typer.Option(None, "--lon"),
    concealment: str | None = typer.Option(None, "--concealment", help="How it was hidden."),
    conveyance: str | None = typer.Option(None, "--conveyance", help="truck, vessel, ..."),
    origin: str | None = typer.Option(None, "--origin"),
    transit: list[str] | None = typer.Option(None, "--transit", help="Repeat for each place."),
    destination: str | None = typer.Option(None, "--destination"),
    person: str | None = typer.Option(None, "--person", help="The suspect's full name."),
    born: str | None = typer.Option(None, "--born", help="The suspect's birth date."),
    nationality: str | None = typer.Option(None, "--nationality"),
    role: str | None = typer.Option(None, "--role", help="courier, organiser, owner, payer."),
    phone: list[str] | None = typer.Option(None, "--phone", help="Repeat for each number."),
    document: str | None = typer.Option(None, "--document", help="Travel document number."),
    plate: str | None = typer.Option(None, "--plate", help="The conveyance's plate."),
    plate_country: str | None = typer.Option(None, "--plate-country", help=PLATE_HELP),
    vin: str | None = typer.Option(None, "--vin"),
    account: list[str] | None = typer.Option(None, "--account", help="IBAN or account number."),
    address: str | None = typer.Option(None, "--address"),
    organisation: str | None = typer.Option(None, "--organisation"),
    notes: str | None = typer.Option(None, "--notes"),
    region: str | None = typer.Option(None, "--phone-region", help=REGION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the recorded facts as JSON."),
) -> None:
    """Record one seizure (one commodity) with the persons and things it names."""
    fields = {
        "ref": ref,
        "date": date,
        "commodity": commodity,
        "quantity": quantity,
        "unit": unit,
        "currency": currency,
        "calibre": calibre,
        "port": port,
        "place": place,
        "latitude": latitude,
        "longitude": longitude,
        "concealment": concealment,
        "conveyance": conveyance,
        "route_origin": origin,
        "route_transit": _join(transit),
        "route_destination": destination,
        "person_name": person,
        "person_birth_date": born,
        "person_nationality": nationality,
        "person_role": role,
        "phones": _join(phone),
        "document_number": document,
        "vehicle_plate": plate,
        "vehicle_country": plate_country,
        "vin": vin,
        "accounts": _join(account),
        "address": address,
        "organisation": organisation,
        "notes": notes,
        "source": source,
    }
    _record(ctx, "seizure", fields, username, region, plate_country, as_json)


@record_app.command("arrest")
def arrest_command(
    ctx: typer.Context,
    username: str = typer.Option(..., "--as", help=AS_HELP),
    ref: str = typer.Option(..., "--ref", help="The arrest's reference (unique)."),
    date: str = typer.Option(..., "--date", help="YYYY-MM-DD, DD/MM/YYYY or 2 March 2026."),
    person: str = typer.Option(..., "--person", help="The arrested person's full name."),
    charge: str = typer.Option(..., "--charge"),
    source: str = typer.Option(..., "--source", help="Where this comes from (report number)."),
    born: str | None = typer.Option(None, "--born"),
    nationality: str | None = typer.Option(None, "--nationality"),
    seizure: str | None = typer.Option(None, "--seizure", help="The seizure it follows."),
    port: str | None = typer.Option(None, "--port"),
    place: str | None = typer.Option(None, "--place"),
    phone: list[str] | None = typer.Option(None, "--phone", help="Repeat for each number."),
    document: str | None = typer.Option(None, "--document"),
    plate: str | None = typer.Option(None, "--plate"),
    plate_country: str | None = typer.Option(None, "--plate-country", help=PLATE_HELP),
    account: list[str] | None = typer.Option(None, "--account"),
    address: str | None = typer.Option(None, "--address"),
    notes: str | None = typer.Option(None, "--notes"),
    region: str | None = typer.Option(None, "--phone-region", help=REGION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the recorded facts as JSON."),
) -> None:
    """Record one arrest with what was found on the person."""
    fields = {
        "ref": ref,
        "date": date,
        "person_name": person,
        "person_birth_date": born,
        "person_nationality": nationality,
        "charge": charge,
        "seizure_ref": seizure,
        "port": port,
        "place": place,
        "phones": _join(phone),
        "document_number": document,
        "vehicle_plate": plate,
        "vehicle_country": plate_country,
        "accounts": _join(account),
        "address": address,
        "notes": notes,
        "source": source,
    }
    _record(ctx, "arrest", fields, username, region, plate_country, as_json)


def import_command(
    ctx: typer.Context,
    ledger: Path = typer.Argument(..., help="The seizure ledger: .csv or .xlsx."),
    mapping_file: Path = typer.Option(..., "--mapping", help="Column mapping (TOML)."),
    username: str = typer.Option(..., "--as", help="Username of the importing analyst."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row, record nothing."),
    rejected: Path | None = typer.Option(None, "--rejected", help="Write rejections as CSV."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import a seizure ledger: each row recorded whole or rejected with its reasons."""
    from borderpost.casework.importing import import_ledger
    from borderpost.casework.ledger_files import LedgerFileError, read_ledger
    from borderpost.intel.recording import MappingError, parse_mapping

    try:
        mapping = parse_mapping(mapping_file.read_text("utf-8"))
        rows = list(read_ledger(ledger, sheet=mapping.sheet))
    except OSError as exc:
        fail(f"{mapping_file}: cannot read ({exc.strerror or exc})")
        return
    except (MappingError, LedgerFileError, UnicodeDecodeError) as exc:
        fail(str(exc))
        return
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,} rows"),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )
    task = bar.add_task(f"importing {ledger.name}", total=max(len(rows) - 1, 0))
    with UnitOfWork(state(ctx).store()) as uow, bar:
        try:
            report = import_ledger(
                uow.session,
                rows,
                mapping,
                name=ledger.name,
                user=user_by_name(uow.session, username),
                now=_now(),
                dry_run=dry_run,
                progress=lambda row: bar.update(task, completed=row - 1),
            )
        except InspectionError as exc:
            fail(str(exc), code=1)
            return
        except MappingError as exc:
            fail(f"{ledger}: {exc}")
            return
        if not dry_run:
            uow.commit()
    if rejected is not None:
        with rejected.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "column", "reason"])
            for item in report.rejections:
                writer.writerow([item.row, item.column, item.reason])
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    verb = "would record" if dry_run else "recorded"
    console.print(
        f"{ledger.name}: {report.rows} rows read, {len(report.recorded)} {verb}, "
        f"{len(report.rejected_rows)} rejected",
        highlight=False,
    )
    if report.rejections:
        table = Table(title="rejected rows (nothing of them was recorded)")
        for column in ("row", "column", "reason"):
            table.add_column(column, overflow="fold")
        for item in report.rejections:
            table.add_row(str(item.row), item.column, item.reason)
        console.print(table)


def records_command(
    ctx: typer.Context,
    port: str | None = typer.Option(None, "--port", help="Only this port's seizures."),
    category: str | None = typer.Option(None, "--category", help="narcotics, cash, ..."),
    limit: int = typer.Option(50, "--limit", min=1, max=500),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The newest recorded seizures (what, where, when; no personal data)."""
    from borderpost.casework.reading import seizures

    with UnitOfWork(state(ctx).store()) as uow:
        found = seizures(uow.session, port=port, category=category, limit=limit)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(found)} seizures")
    for column in ("ref", "date", "port", "summary", "concealment", "route"):
        table.add_column(column, overflow="fold")
    for s in found:
        route = " > ".join(
            p
            for p in (s["route"]["origin"], *s["route"]["transit"], s["route"]["destination"])
            if p
        )
        table.add_row(
            s["ref"], s["date"], s["port"] or "", s["summary"], s["concealment"] or "", route
        )
    console.print(table)


def edges_command(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="The edge list to write (CSV)."),
) -> None:
    """Write the evidence graph of the recorded casework as an edge list for `intel rank`."""
    from borderpost.casework.graph import case_graph

    with UnitOfWork(state(ctx).store()) as uow:
        graph = case_graph(uow.session)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "weight"])
        for edge in graph.edges():
            writer.writerow([edge.source, edge.target, f"{edge.weight:g}"])
    typer.echo(f"{graph.network.size} nodes, {len(graph.edges())} links -> {out}")
