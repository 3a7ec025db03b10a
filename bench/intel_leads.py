"""Leads as a service: a generated world's records arriving one by one in a store, and the
pictures of them.

    .venv/bin/python bench/intel_leads.py [--world 5000x365] [--seed 7] [--cache DIR]
                                          [--out DIR] [--database URL]

Every record of the world (:func:`borderpost.intel.world_facts.world_facts`) goes through
:func:`borderpost.leads.record_arrived` in date order (SQLite file by default; one commit per
record, as a record service would), then the console's network view (ranking and layout of
the stored records) is built, and the map, the timeline and the FtM export are written to
``--out``. Prints records per second, leads raised, the network view's time and the sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from peers import machine
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from borderpost.config import Settings
from borderpost.intel.ftm import record_entities
from borderpost.intel.maps import map_svg
from borderpost.intel.record_network import facts_network, network_view
from borderpost.intel.timelines import timeline_svg
from borderpost.intel.world_facts import world_facts
from borderpost.leads import all_facts, lead_queue, record_arrived
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import UnitOfWork, open_store
from borderpost.worldgen import write_world

console = Console(width=None if sys.stdout.isatty() else 160)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", default="5000x365")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=None, help="Keep generated worlds here.")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "intel-leads")
    parser.add_argument("--database", default=None, help="SQLAlchemy URL (default: SQLite).")
    args = parser.parse_args()
    travellers, days = (int(x) for x in args.world.split("x"))
    base = args.cache or Path(tempfile.mkdtemp(prefix="bench-leads-"))
    folder = base / f"w{args.seed}_{travellers}_{days}"
    if not (folder / "truth.json").exists():
        write_world(WorldSpec(args.seed, travellers, days), folder)
    args.out.mkdir(parents=True, exist_ok=True)
    url = args.database or f"sqlite:///{args.out / 'leads.db'}"
    if args.database is None:
        for name in ("leads.db", "leads.db-wal", "leads.db-shm"):
            (args.out / name).unlink(missing_ok=True)
    records = world_facts(folder)
    store = open_store(Settings(database_url=url), auto_migrate=True)
    now = dt.datetime.now(dt.UTC)
    raised = 0
    started = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("records arriving", total=len(records))
        for facts in records:
            with UnitOfWork(store) as uow:
                raised += len(record_arrived(uow.session, facts, now=now))
                uow.commit()
            progress.advance(task)
    arrival = time.perf_counter() - started
    with UnitOfWork(store) as uow:
        started = time.perf_counter()
        stored = all_facts(uow.session)
        built = facts_network(stored)
        view = network_view(built.network, built.rank(), records=built.records, limit=150)
        network_seconds = time.perf_counter() - started
        best = lead_queue(uow.session, limit=3)
    started = time.perf_counter()
    (args.out / "map.svg").write_text(map_svg(stored, title=folder.name), encoding="utf-8")
    (args.out / "timeline.svg").write_text(
        timeline_svg(
            [f for f in stored if f.kind != "crossing"],
            title=f"{folder.name}: seizures, arrests, declarations per week",
        ),
        encoding="utf-8",
    )
    with (args.out / "records.ftm.jsonl").open("w", encoding="utf-8") as handle:
        entities = 0
        for entity in record_entities(stored):
            handle.write(json.dumps(entity.to_dict(), sort_keys=True) + "\n")
            entities += 1
    pictures = time.perf_counter() - started
    store.dispose()
    table = Table(title=f"leads service on {folder.name} ({url.split(':', 1)[0]}) · {machine()}")
    for column in (
        "records",
        "leads",
        "arrival s",
        "records/s",
        "network view s",
        "graph",
        "pictures + FtM s",
        "FtM entities",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        f"{len(records):,}",
        f"{raised:,}",
        f"{arrival:.1f}",
        f"{len(records) / arrival:.0f}",
        f"{network_seconds:.1f}",
        f"{built.network.size:,} n / {built.network.links:,} l ({view['shown']} shown)",
        f"{pictures:.1f}",
        f"{entities:,}",
    )
    console.print(table)
    for lead in best:
        console.print(f"{lead['score']:.3f}  {lead['headline']}")
    console.print(f"pictures and export in {args.out}")


if __name__ == "__main__":
    main()
