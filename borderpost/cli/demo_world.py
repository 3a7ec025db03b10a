"""The demo's synthetic world: generated, its lists loaded, the booth scored against its truth."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console
from rich.table import Table

from borderpost.audit.anomalies import officer_indicators
from borderpost.cli.sim import show_score
from borderpost.config import Settings
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import Store, UnitOfWork
from borderpost.watchlists.screener import build_screener
from borderpost.worldgen import write_world
from borderpost.worldgen.booth import BoothDay, run_day, staff_world
from borderpost.worldgen.evaluate import score_world
from borderpost.worldgen.load import LOST_STOLEN_LIST, WATCHLIST, load_lists

DEMO_WORLD = WorldSpec(seed=7, travellers=5_000, days=14)
BOOTH_DAY = 3  # a weekday with the traffic of an ordinary day
SHOWN = 5


def run_world(store: Store, data_dir: Path, console: Console) -> Path:
    """Generate the demo world under ``data_dir``, load its lists into ``store``, score it."""
    spec = DEMO_WORLD
    folder = data_dir / "demo-world"
    summary = write_world(spec, folder)
    console.print(
        f"Generated a world (seed {spec.seed}, {spec.travellers:,} travellers, {spec.days} days) "
        f"in {summary.seconds:.1f} s into {folder}: "
        + ", ".join(f"{count:,} {name.split('.')[0]}" for name, count in summary.counts.items())
    )
    with UnitOfWork(store) as uow:
        loaded = load_lists(uow, folder, label=f"demo seed {spec.seed}")
        uow.commit()
    console.print(
        f"Loaded {WATCHLIST!r} version {loaded.watchlist.version} "
        f"({loaded.watchlist.kept:,} entries) and {LOST_STOLEN_LIST!r} "
        f"({loaded.lost_stolen.stored:,} documents) into {store.url}."
    )
    show_score(score_world(folder))
    return folder


def run_booth(store: Store, settings: Settings, folder: Path, console: Console) -> BoothDay:
    """Staff the world's ports, run one day of its crossings through primary inspection
    (screening with the configured thresholds), and show what the booth stopped against the
    truth, and the officer indicators."""
    start = dt.datetime.combine(DEMO_WORLD.start, dt.time(), tzinfo=dt.UTC)
    staff_world(store, folder, start)
    with UnitOfWork(store) as uow:
        screener = build_screener(uow.session, settings)
    day = run_day(store, folder, screener, day=BOOTH_DAY)
    table = Table(title=f"Primary inspection on {day.day}: {day.inspected:,} crossings")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("crossings the truth says should be stopped", str(day.suspect))
    table.add_row("  of them stopped (suggested refer, refuse or detain)", str(day.stopped))
    table.add_row("innocent crossings stopped", str(day.false_stops))
    for outcome, count in sorted(day.decisions.items()):
        table.add_row(f"decision {outcome}", str(count))
    console.print(table)
    for line in day.caught[:SHOWN]:
        console.print(f"  stopped: {line}", markup=False)
    for line in day.missed[:SHOWN]:
        console.print(f"  missed: {line}", markup=False)
    with UnitOfWork(store) as uow:
        found = officer_indicators(uow.session, since=start)
    if not found:
        console.print("  officer indicators: none fired on this day")
    for indicator in found[:SHOWN]:
        console.print(
            f"  indicator: {indicator.officer} at {indicator.port}: {indicator.reason}",
            markup=False,
        )
    return day
