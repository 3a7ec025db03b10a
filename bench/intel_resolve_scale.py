"""Entity resolution at scale: a generated world's person mentions resolved with DuckDB.

    .venv/bin/python bench/intel_resolve_scale.py [--travellers 250000] [--days 90]
                                                  [--seed 7] [--cache DIR] [--limit N]
                                                  [--max-comparisons N]

A world of 250,000 travellers over 90 days holds about a million person mentions (the
register, land and sea crossings, air manifests, enforcement records, the watchlist). Prints
the time of each step (world, mentions, derived columns, Splink training + prediction +
clustering), peak memory of the process (ru_maxrss, which includes DuckDB's native memory),
its CPU time, and pairwise precision/recall/F1 against the world's truth. ``--limit`` keeps
the first N mentions' worth of persons (every k-th person with all their mentions), to
measure a smaller run and extrapolate. Blocking rules whose pairs exceed
``--max-comparisons`` in all are tightened or dropped
(:mod:`borderpost.intel.resolve.budget`); each change is printed with its counts. DuckDB
runs under ``BORDERPOST_DUCKDB_MEMORY`` (default 4GB) and spills to disk.
"""

from __future__ import annotations

import argparse
import logging
import math
import resource
import tempfile
import time
from pathlib import Path

from borderpost.intel.resolve import Phones, derive_frame, resolve
from borderpost.intel.resolve.budget import MAX_COMPARISONS
from borderpost.intel.resolve.mentions import FIELDS, mentions, truth
from borderpost.intel.resolve.quality import pairwise
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu() -> float:
    """CPU seconds of this process so far, user and system (a loaded machine's wall time says
    little)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--travellers", type=int, default=250_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=None, help="Keep the world here.")
    parser.add_argument("--limit", type=int, default=None, help="About N mentions (whole persons).")
    parser.add_argument(
        "--max-comparisons", type=int, default=MAX_COMPARISONS, help="Blocking budget (pairs)."
    )
    args = parser.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)
    base = args.cache or Path(tempfile.mkdtemp(prefix="bench-er-scale-"))
    folder = base / f"w{args.seed}_{args.travellers}x{args.days}"
    start = time.perf_counter()
    if not (folder / "truth.json").exists():
        write_world(WorldSpec(args.seed, args.travellers, args.days), folder)
    print(f"world: {time.perf_counter() - start:.1f} s ({folder})", flush=True)
    start = time.perf_counter()
    found = mentions(folder)
    people = truth(folder, found)
    if args.limit is not None and args.limit < len(found):  # whole persons, every k-th one
        persons = sorted(set(people.values()))
        keep = set(persons[:: math.ceil(len(found) / args.limit)])
        found = [m for m in found if people[m.id] in keep]
    print(f"mentions: {len(found):,} in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    ids = [m.id for m in found]
    rows = ({f: getattr(m, f) or None for f in FIELDS} for m in found)  # streamed, in chunks
    frame = derive_frame(rows, ids, Phones(home_code="999"))
    del rows, found, ids  # the frame holds what resolution needs
    derived = time.perf_counter() - start
    print(f"derived columns: {derived:.1f} s; peak {peak_mb():,.0f} MB", flush=True)
    start = time.perf_counter()
    result = resolve(frame, max_comparisons=args.max_comparisons)
    resolved = time.perf_counter() - start
    score = pairwise(result.clusters, people)
    print(f"resolve (count pairs, train, predict, cluster): {resolved:.1f} s")
    for note in result.notes:
        print(f"  {note}")
    print(f"scored pairs kept (p >= 0.5): {len(result.pairs):,}")
    print(
        f"total for {len(frame):,} mentions: {derived + resolved:.1f} s; peak {peak_mb():,.0f} MB"
    )
    print(f"precision {score.precision:.4f} recall {score.recall:.4f} F1 {score.f1:.4f}")
    print(f"CPU time of the whole run (this process and DuckDB's threads): {cpu():,.0f} s")


if __name__ == "__main__":
    main()
