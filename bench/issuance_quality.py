"""Passport-issuance integrity on a simulated world with planted fraud, against its truth.

    .venv/bin/python bench/issuance_quality.py [--seed 7] [--citizens 500] [--database URL]

The world (:mod:`borderpost.sim.issuance`) is run through the real services into a fresh
SQLite file (or ``--database``): registry import, booklet stock, every application enrolled,
screened by the integrity rules and the 1:N duplicate search, decided by honest or corrupt
supervisors and collected; then a stock count after a theft and a border inspection of forged
passports on the stolen blanks and of genuine ones. Prints precision and recall per fraud kind,
the stock balance, and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import machine

from borderpost.config import Settings
from borderpost.issuance.quality import score_run
from borderpost.issuance.simulation import run_world
from borderpost.issuance.stock import balance
from borderpost.sim.issuance import IssuanceSpec, build_world
from borderpost.store import UnitOfWork, open_store


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--citizens", type=int, default=500)
    parser.add_argument("--database", help="a database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    console = Console()
    console.print(f"machine: {machine()}")
    spec = IssuanceSpec(seed=args.seed, citizens=args.citizens)
    world = build_world(spec)
    frauds = sum(1 for a in world.applications if a.fraud)
    console.print(
        f"world: seed {spec.seed}, {len(world.applications)} applications ({frauds} fraudulent), "
        f"{len(world.registry)} registry records, {sum(len(s) for s in world.stock.values())} "
        f"booklets, {len(world.stolen)} stolen, corrupt officer {world.corrupt_officer}"
    )
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'issuance.db'}"
        settings = Settings(database_url=url)
        store = open_store(settings, auto_migrate=True)
        started = time.perf_counter()
        run = run_world(store, world, settings=settings)
        elapsed = time.perf_counter() - started
        with UnitOfWork(store) as uow:
            scores = score_run(uow.session, world, run)
            stock = balance(uow.session)
            uow.commit()
        store.dispose()
    table = Table(title="Detection against the simulator's truth")
    for column in ("fraud kind", "truth", "flagged", "true pos.", "precision", "recall"):
        table.add_column(column, justify="left" if column == "fraud kind" else "right")
    for score in scores:
        table.add_row(
            score.kind,
            str(score.truth),
            str(score.flagged),
            str(score.true_positives),
            _pct(score.precision),
            _pct(score.recall),
        )
    console.print(table)
    console.print(f"stock: {stock.describe()}")
    console.print(f"reported missing at the stock count: {len(run.missing)}")
    per = elapsed / max(1, len(world.applications))
    console.print(
        f"time: {elapsed:.1f} s for the whole run ({per * 1000:.0f} ms per application, "
        "enrolment to collection, audit included)"
    )


if __name__ == "__main__":
    main()
