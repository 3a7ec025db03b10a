"""``borderpost cargo``: read a cargo manifest (CUSCAR or CSV) and target its containers.

``read`` shows what the file says; ``target`` assesses every container against the packaged
risk indicators (without the records' history: ``new_consignee`` and ``seizure_link`` need a
database, see the API) and lists the selected ones with their reasons.

Exit codes: 0 read; 2 the file cannot be read as a manifest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from borderpost.cargo.intake import read_manifest_file
from borderpost.cli.context import console, fail
from borderpost.conveyances.cargo import CargoManifest
from borderpost.conveyances.indicators import assess
from borderpost.inspection.errors import InspectionError

app = typer.Typer(
    help="Cargo manifests: read CUSCAR or CSV, target containers.", no_args_is_help=True
)


def _mapping(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            fail(f"--column {pair!r}: write it as field=Header (e.g. bill_of_lading=B/L No)")
        out[field.strip()] = header.strip()
    return out


def _load(path: Path, columns: list[str]) -> tuple[str, list[CargoManifest], list[str]]:
    try:
        return read_manifest_file(path.read_bytes(), mapping=_mapping(columns) or None)
    except InspectionError as exc:
        fail(f"{path}: {exc}")
        raise  # pragma: no cover - fail exits


COLUMNS = typer.Option([], "--column", help="CSV column mapping field=Header (repeatable).")


@app.command("read")
def read_command(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="CUSCAR or CSV file."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    columns: list[str] = COLUMNS,
) -> None:
    """Read a cargo manifest and show its consignments, containers and warnings."""
    source, found, warnings = _load(path, columns)
    if as_json:
        body: dict[str, Any] = {
            "source": source,
            "manifests": [m.to_dict() for m in found],
            "warnings": warnings,
        }
        console.print_json(json.dumps(body))
        return
    for manifest in found:
        console.print(
            f"[bold]{manifest.reference or '(no reference)'}[/] {source}: vessel "
            f"{manifest.vessel or '?'} (IMO {manifest.imo or '?'}) "
            f"voyage {manifest.voyage or '?'}, "
            f"{manifest.departure or '?'} -> {manifest.arrival or '?'}, "
            f"{len(manifest.consignments)} consignments, {manifest.container_count} containers"
        )
        table = Table()
        for column in ("B/L", "shipper", "consignee", "route", "goods", "HS", "kg", "containers"):
            table.add_column(column)
        for c in manifest.consignments:
            table.add_row(
                c.bill_of_lading,
                c.shipper.name if c.shipper else "",
                c.consignee.name if c.consignee else "",
                " > ".join(c.route),
                c.description[:40],
                ",".join(c.hs_codes),
                f"{c.total_kg:,.0f}" if c.total_kg is not None else "",
                " ".join(box.number + ("" if box.seals else " (no seal)") for box in c.equipment),
            )
        console.print(table)
        for odd in manifest.warnings:
            console.print(f"  [yellow]{odd.code}[/] {odd.where}: {odd.message}")
    for text in warnings:
        console.print(f"  [yellow]warning[/] {text}")


@app.command("target")
def target_command(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="CUSCAR or CSV file."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    show_all: bool = typer.Option(False, "--all", help="List every container, not only selected."),
    columns: list[str] = COLUMNS,
) -> None:
    """Assess every container against the risk indicators; list the selected with reasons."""
    _source, found, _warnings = _load(path, columns)
    results = [r for manifest in found for r in assess(manifest)]
    if as_json:
        console.print_json(json.dumps({"containers": [r.to_dict() for r in results]}))
        return
    shown = sorted(
        (r for r in results if show_all or r.selected), key=lambda r: (-r.score, r.container)
    )
    table = Table(title=f"{sum(r.selected for r in results)} of {len(results)} containers selected")
    for column in ("container", "B/L", "score", "selected", "indicators"):
        table.add_column(column)
    for r in shown:
        table.add_row(
            r.container,
            r.bill_of_lading,
            f"{r.score:.2f}",
            "[bold red]yes[/]" if r.selected else "no",
            "\n".join(f.reason for f in r.fired) or r.reason,
        )
    console.print(table)
