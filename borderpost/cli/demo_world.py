"""The demo's synthetic world: generated, its lists loaded, the booth scored against its truth."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from borderpost.cli.sim import show_score
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import Store, UnitOfWork
from borderpost.worldgen import write_world
from borderpost.worldgen.evaluate import score_world
from borderpost.worldgen.load import LOST_STOLEN_LIST, WATCHLIST, load_lists

DEMO_WORLD = WorldSpec(seed=7, travellers=5_000, days=14)


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
