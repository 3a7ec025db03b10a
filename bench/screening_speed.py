"""Watchlist screening speed: latency, throughput, index build and memory; nomenklatura beside us.

    .venv/bin/python bench/screening_speed.py [--queries N] [--sizes 100000] [--million]
                                             [--compare N] [--no-nomenklatura] [--json PATH]

Everything runs in this one process pinned to one core (``os.sched_setaffinity``). Latency
and throughput are given in wall time and in the thread's CPU time (``cpu``, ``per_cpu_s``):
on a shared machine the CPU time is what the figures would be on a core of our own.

1. OFAC+UN: parse, index build time and memory (RSS growth and tracemalloc peak), then the
   latency of ``Screener.screen`` per traveller (p50/p95/p99, after a warm-up) over a mix of
   list-name variants (borderpost.sim noise, half with a date of birth) and clean travellers,
   and batch throughput (``Query.parse`` + ``screen`` over a batch of raw records): first
   cold (list names prepared on first use, as a one-off CLI run), then, with new travellers,
   after ``Screener.warm()`` (as an API worker is from its start).
2. Generated lists of 100,000 (and with ``--million`` 1,000,000) borderpost.sim persons:
   generation time, build time, RSS growth, and latency for the same kind of mix.
3. OpenSanctions nomenklatura's logic-v1 scorer on the *same candidates*: for each traveller,
   the entries our index nominates, as FollowTheMoney Person entities with the names the
   index returned, dates of birth and nationalities; run in bench/.venv-nomenklatura (made
   here on first use, never a project dependency) in a subprocess (bench/nk_logic_v1.py).
   Reported: per-traveller scoring time ours vs theirs, and how each scores the expected entry.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from screening_data import (
    Lists,
    engine_fingerprint,
    key,
    load_lists,
    natural,
    random_birth_date,
    travellers,
)
from speed_nomenklatura import compare_nomenklatura

from borderpost.screening.engine import Screener
from borderpost.screening.model import Alias, BirthDate, ListEntry, PartialDate
from borderpost.screening.query import Query
from borderpost.sim import NOISES, applicable, generate

console = Console(width=None if sys.stdout.isatty() else 160)
WARM_UP = 200
SLOWEST = 5


def rss_bytes() -> int:
    """Resident set size of this process (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def percentiles(samples_ns: Sequence[int]) -> dict[str, float]:
    """p50/p95/p99/mean/max in milliseconds."""
    ms = sorted(s / 1e6 for s in samples_ns)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "n": len(ms),
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "max_ms": round(ms[-1], 3),
    }


def build(entries: list[ListEntry], *, trace: bool) -> tuple[Screener, dict[str, float]]:
    """Build a screener, timing it and measuring the memory it took (RSS growth; with
    ``trace``, also the tracemalloc peak of a second, untimed build)."""
    gc.collect()
    before = rss_bytes()
    start = time.perf_counter()
    screener = Screener(entries)
    seconds = time.perf_counter() - start
    gc.collect()
    figures = {
        "entries": len(entries),
        "names": len(screener.index),
        "build_s": round(seconds, 2),
        "rss_growth_mb": round((rss_bytes() - before) / 2**20, 1),
        "index_estimate_mb": round(screener.index.memory_bytes() / 2**20, 1),
        "index_keys": screener.index.key_count,
    }
    if trace:
        tracemalloc.start()
        Screener(entries)
        figures["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
        gc.collect()
    return screener, figures


def variant_queries(
    entries: Sequence[ListEntry], rng: random.Random, count: int
) -> list[tuple[Query, str]]:
    """List-name variants (exact, typo, swap, respell, ...), half with the listed DOB."""
    persons = [e for e in entries if e.kind == "person"]
    found: list[tuple[Query, str]] = []
    while len(found) < count:
        entry = rng.choice(persons)
        name = natural(entry)
        kinds = [k for k in NOISES if applicable(k, name)] + ["exact"]
        kind = rng.choice(kinds)
        text = name if kind == "exact" else NOISES[kind](name, rng)
        dob = entry.birth_dates[0].start if entry.birth_dates and rng.random() < 0.5 else None
        found.append((Query(text, birth_date=dob), key(entry)))
    return found


def query_mix(entries: Sequence[ListEntry], seed: int, count: int) -> list[tuple[Query, str]]:
    """Half list-name variants (with the expected entry), half clean travellers (expect "")."""
    rng = random.Random(seed)
    mix = variant_queries(entries, rng, count // 2)
    mix += [(t.query(), "") for t in travellers(seed + 1, count - len(mix))]
    rng.shuffle(mix)
    return mix


def latency(screener: Screener, queries: Sequence[tuple[Query, str]]) -> dict[str, object]:
    """Per-traveller ``screen`` latency after a warm-up on the first queries; the slowest."""
    for query, _expected in queries[:WARM_UP]:
        screener.screen(query)
    samples: list[int] = []
    cpu_samples: list[int] = []
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    for query, _expected in queries:
        start, cpu_start = clock(), cpu()
        screener.screen(query)
        cpu_samples.append(cpu() - cpu_start)
        samples.append(clock() - start)
    slowest = sorted(zip(samples, queries, strict=True), key=lambda item: -item[0])[:SLOWEST]
    return {
        **percentiles(samples),
        # CPU time of this thread: what the figures would be on a core of our own
        "cpu": percentiles(cpu_samples),
        "slowest": [f"{ns / 1e6:.0f} ms {q.name!r}" for ns, (q, _e) in slowest],
    }


def throughput(screener: Screener, seed: int, count: int) -> dict[str, object]:
    """Batch: raw records (name, dob, nationality) parsed and screened one after another."""
    records = [(t.name, t.dob, t.nationality) for t in travellers(seed, count)]
    start, cpu_start = time.perf_counter(), time.thread_time()
    for name, dob, nationality in records:
        screener.screen(Query.parse(name, dob=dob, nationality=nationality))
    seconds = time.perf_counter() - start
    cpu_seconds = time.thread_time() - cpu_start
    return {
        "travellers": count,
        "seconds": round(seconds, 2),
        "per_s": round(count / seconds),
        "cpu_seconds": round(cpu_seconds, 2),
        "per_cpu_s": round(count / cpu_seconds),
    }


def generated_list(seed: int, size: int) -> list[ListEntry]:
    """``size`` sim persons as list entries: passport name, for a third an alias (a noisy
    variant), for non-Latin names half the time the native form, a date of birth, nationality."""
    rng = random.Random(seed)
    entries: list[ListEntry] = []
    noises = list(NOISES.values())
    for number in range(size):
        person = generate(rng)
        aliases: tuple[Alias, ...] = ()
        if rng.random() < 0.33:
            aliases = (Alias(rng.choice(noises)(person.latin_given_first, rng)),)
        native = (person.native,) if person.script != "Latin" and rng.random() < 0.5 else ()
        born = random_birth_date(rng)
        entries.append(
            ListEntry(
                list_name="SIM",
                entry_id=str(number),
                kind="person",
                name=person.latin_given_first,
                aliases=aliases,
                original_script_names=native,
                birth_dates=(BirthDate(PartialDate(born.year, born.month, born.day)),),
                nationalities=(person.nationality,),
                gender=person.gender,
            )
        )
    return entries


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core} of {os.cpu_count()}"
    return "not pinned (no sched_setaffinity)"


def _step(label: str, figures: dict[str, object]) -> dict[str, object]:
    console.print(f"  {label}: {figures}", soft_wrap=True, markup=False)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--queries", type=int, default=2000, help="latency queries per list")
    parser.add_argument("--batch", type=int, default=2000, help="travellers in the batch run")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000], help="generated lists")
    parser.add_argument("--million", action="store_true", help="also a 1,000,000-entry list")
    parser.add_argument("--compare", type=int, default=300, help="travellers for nomenklatura")
    parser.add_argument("--no-nomenklatura", action="store_true", help="skip the comparison")
    parser.add_argument("--nomenklatura-version", default="4.17.4")
    parser.add_argument("--seed", type=int, default=20260227)
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    report: dict[str, object] = {
        "machine": f"{os.cpu_count()} cores",
        "pinning": _pin_one_core(),
        "engine_fingerprint": engine_fingerprint(),
    }
    console.print(
        f"[bold]screening speed[/] ({report['pinning']}; engine sources fingerprint "
        f"{report['engine_fingerprint']})"
    )

    lists: Lists = load_lists()
    console.print(f"OFAC+UN: {len(lists.entries)} entries parsed in {lists.seconds:.2f} s")
    screener, built = build(list(lists.entries), trace=True)
    console.print(f"  index: {built}", markup=False)
    mix = query_mix(lists.entries, args.seed, args.queries)
    ofac_un: dict[str, object] = {
        "parse_s": round(lists.seconds, 2),
        "index": built,
        "latency": _step("latency per traveller (cold)", latency(screener, mix)),
        "batch": _step("batch throughput (cold)", throughput(screener, args.seed, args.batch)),
    }
    # What an API worker serves: it prepares every list name once at start (Screener.warm).
    start = time.perf_counter()
    prepared = screener.warm()
    report["ofac_un"] = ofac_un
    ofac_un["warm"] = _step(
        "warm (every list name prepared, as the API does at start)",
        {"names": prepared, "seconds": round(time.perf_counter() - start, 2)},
    )
    warmed_mix = query_mix(lists.entries, args.seed + 11, args.queries)
    ofac_un["latency_warmed"] = _step(
        "latency per traveller (warmed server)", latency(screener, warmed_mix)
    )
    ofac_un["batch_warmed"] = _step(
        "batch throughput (warmed server)", throughput(screener, args.seed + 13, args.batch)
    )

    if not args.no_nomenklatura:
        compare_mix = query_mix(lists.entries, args.seed + 3, args.compare)
        report["nomenklatura"] = compare_nomenklatura(
            screener, compare_mix, version=args.nomenklatura_version, console=console
        )
    sizes = sorted(set(args.sizes + ([1_000_000] if args.million else [])))
    for size in sizes:
        console.print(f"generated list of {size:,} entries")
        start = time.perf_counter()
        entries = generated_list(args.seed + size, size)
        made = round(time.perf_counter() - start, 1)
        big, figures = build(entries, trace=False)
        console.print(f"  generated in {made} s; index: {figures}", markup=False)
        generated_mix = query_mix(entries, args.seed + 7, min(args.queries, 1000))
        report[f"generated_{size}"] = {
            "generate_s": made,
            "index": figures,
            "latency": _step("latency per traveller", latency(big, generated_mix)),
        }
        del big, entries, generated_mix
        gc.collect()

    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
        console.print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
