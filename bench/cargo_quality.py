"""Container targeting quality on generated cargo: lift over random examination, and the share
of planted contraband containers selected at a fixed examination rate.

    .venv/bin/python bench/cargo_quality.py [--seeds 1,2,3] [--voyages 20] [--rates 0.02,0.05]

Each seed's voyages (``borderpost.sim.cargo``) are written as CUSCAR by our writer and read
back by our reader (so the figures include what the reader recovers), then every container is
assessed with the packaged indicator profile and the records' consignee history and seizure
parties. At an examination rate r, *targeted* examines the r share of containers with the
highest scores; *random* examines r of them at random (its expected hit rate is the base
rate, so lift = targeted hit rate / base rate). The profile's own selection (combination of
indicators over the threshold) is reported at the rate it chooses. A last line measures the
stolen-vehicle lookup on generated land-border traffic.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import machine

from borderpost.conveyances.cuscar import read_cuscar
from borderpost.conveyances.cuscar_writer import write_cuscar
from borderpost.conveyances.indicators import (
    ContainerAssessment,
    TargetingContext,
    assess,
)
from borderpost.conveyances.stolen import StolenIndex
from borderpost.sim.cargo import generate_cargo
from borderpost.sim.vehicles import generate_vehicle_traffic


def _ranked(results: list[ContainerAssessment], seed: int) -> list[ContainerAssessment]:
    rng = random.Random(seed)
    keyed = [(r.score, rng.random(), r) for r in results]  # ties broken at random
    keyed.sort(key=lambda item: (-item[0], item[1]))
    return [item[2] for item in keyed]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--voyages", type=int, default=20)
    parser.add_argument("--consignments", type=int, default=150)
    parser.add_argument("--rates", default="0.02,0.05")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    rates = [float(r) for r in args.rates.split(",")]
    print(f"machine: {machine()}")
    totals: dict[str, float] = {}
    read_seconds = assess_seconds = 0.0
    containers = planted_total = 0
    per_rate: dict[float, list[tuple[int, int, int]]] = {r: [] for r in rates}
    rule = [0, 0]  # selected, of which planted
    by_how: dict[str, list[int]] = {}
    for seed in seeds:
        world = generate_cargo(seed, voyages=args.voyages, consignments=args.consignments)
        text = write_cuscar(world.manifests)
        t0 = time.perf_counter()
        reading = read_cuscar(text)
        read_seconds += time.perf_counter() - t0
        context = TargetingContext(world.consignee_history, world.seizure_parties)
        t0 = time.perf_counter()
        results = [a for m in reading.manifests for a in assess(m, context)]
        assess_seconds += time.perf_counter() - t0
        containers += len(results)
        planted = world.planted
        planted_total += len(planted)
        ranked = _ranked(results, seed)
        for rate in rates:
            k = max(1, round(rate * len(ranked)))
            hits = sum(r.container in planted for r in ranked[:k])
            per_rate[rate].append((k, hits, len(planted)))
        for r in results:
            if r.selected:
                rule[0] += 1
                rule[1] += r.container in planted
        chosen = {r.container for r in results if r.selected}
        for box, truth in planted.items():
            got = by_how.setdefault(truth.how, [0, 0])
            got[0] += 1
            got[1] += box in chosen
    base = planted_total / containers
    print(
        f"cargo: {len(seeds)} seeds x {args.voyages} voyages, {containers} containers, "
        f"{planted_total} planted (base rate {base:.2%})"
    )
    print(
        f"speed: CUSCAR read {containers / read_seconds:,.0f} containers/s, "
        f"assessment {containers / assess_seconds:,.0f} containers/s"
    )
    print("rate  examined  hits  hit rate  random hit rate  lift  planted selected")
    for rate in rates:
        k = sum(x[0] for x in per_rate[rate])
        found = sum(x[1] for x in per_rate[rate])
        hit_rate = found / k
        totals[f"lift@{rate}"] = hit_rate / base
        print(
            f"{rate:>4.0%}  {k:>8}  {found:>4}  {hit_rate:>8.1%}  {base:>15.2%}  "
            f"{hit_rate / base:>4.1f}  {found / planted_total:>16.1%}"
        )
    chosen_count, caught = rule
    print(
        f"profile selection (combination over threshold): {chosen_count} containers "
        f"({chosen_count / containers:.1%} examined), {caught} planted: hit rate "
        f"{caught / max(chosen_count, 1):.1%}, lift {caught / max(chosen_count, 1) / base:.1f}, "
        f"{caught / planted_total:.1%} of planted selected"
    )
    for how, (count, taken) in sorted(by_how.items()):
        print(f"  {how}: {taken}/{count} selected by the profile ({taken / count:.0%})")
    vehicles = generate_vehicle_traffic(seeds[0], crossings=5000)
    index = StolenIndex(vehicles.stolen_list)
    tp = fp = fn = loose = 0
    for crossing in vehicles.crossings:
        met = index.lookup(vin=crossing.vin_read, engine_number=crossing.engine_read)
        if crossing.stolen and met:
            tp += 1
            vin_hits = [h for h in met if h.field == "vin"]
            loose += bool(vin_hits) and not any(h.exact for h in vin_hits)
        elif crossing.stolen:
            fn += 1
        elif met:
            fp += 1
    print(
        f"stolen vehicles: {tp + fn} stolen among {len(vehicles.crossings)} crossings; "
        f"found {tp} ({loose} by VIN only through OCR-tolerant keys), missed {fn}, "
        f"false hits {fp}"
    )


if __name__ == "__main__":
    main()
