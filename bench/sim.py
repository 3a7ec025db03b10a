"""Synthetic world generation: speed and peak memory as the world grows.

    .venv/bin/python bench/sim.py [--sizes 10000,100000,1000000] [--days 30] [--seed 7]
                                  [--json PATH]

Each size runs in a subprocess of its own (so peak memory is that run's alone): it writes the
world to a temporary folder with ``borderpost.worldgen.write_world`` and reports the wall time,
travellers per second, the peak resident memory (``resource.getrusage`` maxrss of the child)
and the bytes written. The target: a million travellers with 30 days of movement in under 10
minutes on 2 cores, with memory flat as the world grows.

Then one world (``--screen``, default 20,000 travellers) is scored against its truth with
``borderpost.worldgen.evaluate.score_world``: every traveller/document pair that crosses is
read by the documents engine, screened against the world's watchlist and looked up in its
lost/stolen list, and the answers are compared with what the truth planted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world
from borderpost.worldgen.evaluate import score_world

console = Console(width=None if sys.stdout.isatty() else 160)

_CHILD = """
import json, sys, time
from pathlib import Path
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world
seed, travellers, days, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
summary = write_world(WorldSpec(seed, travellers, days), Path(out))
size = sum(p.stat().st_size for p in Path(out).iterdir())
print(json.dumps({"seconds": summary.seconds, "bytes": size, "counts": summary.counts}))
"""


def run(seed: int, travellers: int, days: int) -> dict[str, object]:
    """Generate one world in a child process; its time, peak memory and output size."""
    with tempfile.TemporaryDirectory(prefix="bench-sim-") as folder:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(seed), str(travellers), str(days), folder],
            check=True,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "travellers": travellers,
        "days": days,
        "seconds": round(wall, 1),
        "write_seconds": round(result["seconds"], 1),
        "travellers_per_second": round(travellers / result["seconds"]),
        # ru_maxrss of children is the largest child so far: sizes run smallest first.
        "peak_mib": round(max(peak, before) / 1024),
        "output_mib": round(result["bytes"] / 2**20),
        "crossings": result["counts"]["crossings.jsonl"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="travellers, comma-separated"
    )
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--screen", type=int, default=20_000, help="travellers to score (0: skip)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    table = Table(title=f"borderpost sim world, {args.days} days of movement")
    for column in ("travellers", "crossings", "seconds", "travellers/s", "peak MiB", "output MiB"):
        table.add_column(column, justify="right")
    figures = []
    for size in sizes:
        found = run(args.seed, size, args.days)
        figures.append(found)
        console.print(found)
        table.add_row(
            f"{size:,}",
            f"{found['crossings']:,}",
            str(found["write_seconds"]),
            f"{found['travellers_per_second']:,}",
            str(found["peak_mib"]),
            str(found["output_mib"]),
        )
    console.print(table)
    report: dict[str, object] = {"generation": figures}
    if args.screen:
        report["screening"] = screening(args.seed, args.screen, args.days)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    return 0


def screening(seed: int, travellers: int, days: int) -> dict[str, object]:
    """Generate one world and score the booth's screening against its truth."""
    with tempfile.TemporaryDirectory(prefix="bench-sim-screen-") as folder:
        write_world(WorldSpec(seed, travellers, days), Path(folder))
        score = score_world(Path(folder)).to_dict()
    console.print(f"screening a world of {travellers:,} travellers against its truth:")
    for key in ("screened", "watchlist", "false_alerts_per_1000", "lost_stolen", "forged"):
        console.print(f"  {key}: {score[key]}")
    console.print(f"  {score['seconds']} s; caught for example:")
    for example in score["examples"]:  # type: ignore[attr-defined]
        console.print(f"    {example}", markup=False)
    return score


if __name__ == "__main__":
    sys.exit(main())
