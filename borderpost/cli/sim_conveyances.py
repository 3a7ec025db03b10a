"""``borderpost sim cargo`` and ``borderpost sim vehicles``: generated seaport cargo (one
CUSCAR file per voyage, and the truth) and land-border vehicle traffic (a stolen-vehicle list
and the crossings, with the truth), for demonstrations, tests and benchmarks.

Exit codes: 0 written; 2 unusable arguments (numbers out of range, an --out that is a file).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import typer

from borderpost.cli.context import console, errors, fail
from borderpost.conveyances.cuscar_writer import write_cuscar
from borderpost.sim.cargo import generate_cargo
from borderpost.sim.vehicles import generate_vehicle_traffic

__all__ = ["cargo", "vehicles"]


def _folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {out}: {exc}")


def cargo(
    seed: int = typer.Option(1, "--seed", help="Same seed and sizes, same files."),
    voyages: int = typer.Option(5, "--voyages", min=1, max=1000),
    consignments: int = typer.Option(150, "--consignments", min=1, max=5000),
    out: Path = typer.Option(..., "--out", help="Folder to write (created if missing)."),
) -> None:
    """Voyages as CUSCAR files (``voyage-<V>.edi``) and ``planted.jsonl``: the containers
    that carry contraband, how and where hidden."""
    _folder(out)
    with errors.status("generating voyages", spinner="dots"):
        world = generate_cargo(seed, voyages=voyages, consignments=consignments)
    for manifest in world.manifests:
        (out / f"voyage-{manifest.voyage}.edi").write_text(write_cuscar([manifest]))
    with (out / "planted.jsonl").open("w") as sink:
        for truth in world.planted.values():
            sink.write(
                json.dumps(
                    {
                        "container": truth.container,
                        "bill_of_lading": truth.bill_of_lading,
                        "voyage": truth.voyage,
                        "how": truth.how,
                        "concealment": truth.concealment,
                    }
                )
                + "\n"
            )
    console.print(
        f"{len(world.manifests)} voyages, {world.containers} containers, "
        f"{len(world.planted)} planted -> {out}"
    )


def vehicles(
    seed: int = typer.Option(1, "--seed", help="Same seed and sizes, same files."),
    crossings: int = typer.Option(2000, "--crossings", min=1, max=1_000_000),
    out: Path = typer.Option(..., "--out", help="Folder to write (created if missing)."),
) -> None:
    """``stolen.csv`` (import with ``borderpost vehicle import-stolen``) and
    ``crossings.jsonl`` (what the officer reads, and the truth)."""
    _folder(out)
    with errors.status("generating vehicle traffic", spinner="dots"):
        world = generate_vehicle_traffic(seed, crossings=crossings)
    with (out / "stolen.csv").open("w", newline="") as sink:
        writer = csv.writer(sink)
        writer.writerow(["vin", "engine number", "plate", "country", "make", "reported on", "case"])
        for v in world.stolen_list:
            writer.writerow(
                [
                    v.vin,
                    v.engine_number,
                    v.plate,
                    v.country,
                    v.make,
                    v.reported_on.isoformat() if v.reported_on else "",
                    v.reference,
                ]
            )
    with (out / "crossings.jsonl").open("w") as sink:
        for c in world.crossings:
            sink.write(
                json.dumps(
                    {
                        "at": c.at.isoformat(),
                        "direction": c.direction,
                        "plate": c.plate,
                        "country": c.country,
                        "vin_read": c.vin_read,
                        "engine_read": c.engine_read,
                        "make": c.make,
                        "driver": c.driver,
                        "driver_birth": c.driver_birth.isoformat(),
                        "passengers": list(c.passengers),
                        "truth": {
                            "vin": c.true_vin,
                            "stolen": c.stolen,
                            "revinned": c.revinned,
                            "concealment": c.concealment,
                        },
                    }
                )
                + "\n"
            )
    stolen = sum(c.stolen for c in world.crossings)
    console.print(
        f"{len(world.crossings)} crossings ({stolen} stolen vehicles), "
        f"{len(world.stolen_list)} listed -> {out}"
    )
