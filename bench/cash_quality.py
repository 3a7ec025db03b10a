"""Cash-courier detection against the simulator's truth.

    .venv/bin/python bench/cash_quality.py [--worlds 5000x180,20000x365] [--seed 7]
                                           [--profile EU] [--json PATH]

For each world (travellers x days) the network plan is generated (``borderpost.sim.world``),
its cash traffic built (``borderpost.sim.world.cash``: the money couriers of the world's cash
networks, most structuring just under the threshold, among honest declarants who now and then
declare just under it, trade often, travel with relatives or pay the same business), every
declaration valued under the profile at the world's dated rates, and courier detection run
(``borderpost.cash.couriers.detect``). A carrier named by a structuring, shared-party or
linked-couriers alert counts as flagged; the truth says who the couriers are. Printed per
world: declarations, couriers, flagged, precision, recall and F1 (overall and per indicator),
purpose-mismatch alerts, and the time detection took.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from peers import machine
from rich.console import Console
from rich.table import Table

from borderpost.cash.couriers import ALERT_KINDS, COURIER_KINDS, Valued, detect
from borderpost.cash.profiles import profile
from borderpost.cash.rules import assess_one
from borderpost.sim.world import networks, officers
from borderpost.sim.world.cash import cash_traffic, world_rates
from borderpost.sim.world.spec import WorldSpec

console = Console(width=None if sys.stdout.isatty() else 160)


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _shown(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "-"


def score(travellers: int, days: int, seed: int, code: str) -> dict[str, object]:
    """One world's figures."""
    chosen = profile(code)
    spec = WorldSpec(seed, travellers, days)
    started = time.perf_counter()
    plan = networks.plan(spec, officers.roster(spec))
    rates = world_rates(spec, chosen)
    traffic = cash_traffic(spec, plan, chosen, rates)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    items = [Valued(d, assess_one(chosen, d, rates).total) for d in traffic.declarations]
    alerts = detect(chosen, items)
    detection = time.perf_counter() - started
    truth = set(traffic.couriers)
    flagged = {s for a in alerts if a.kind in COURIER_KINDS for s in a.subjects}
    hits = len(flagged & truth)
    precision, recall = _ratio(hits, len(flagged)), _ratio(hits, len(truth))
    f1 = None
    if precision and recall:
        f1 = 2 * precision * recall / (precision + recall)
    per_kind: dict[str, dict[str, object]] = {}
    for kind in ALERT_KINDS:
        named = {s for a in alerts if a.kind == kind for s in a.subjects}
        per_kind[kind] = {
            "alerts": sum(1 for a in alerts if a.kind == kind),
            "flagged": len(named),
            "precision": _ratio(len(named & truth), len(named)),
            "recall": _ratio(len(named & truth), len(truth)),
        }
    return {
        "world": f"{travellers}x{days}",
        "seed": seed,
        "profile": chosen.code,
        "declarations": len(traffic.declarations),
        "couriers": len(truth),
        "networks": len(set(traffic.couriers.values())),
        "flagged": len(flagged),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "per_kind": per_kind,
        "generate_s": round(generated, 2),
        "detect_s": round(detection, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", default="5000x180,20000x365,50000x365")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", default="EU")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    console.print(machine())
    results = []
    for item in args.worlds.split(","):
        travellers, _, days = item.partition("x")
        results.append(score(int(travellers), int(days), args.seed, args.profile))
    table = Table(title=f"cash-courier detection against the simulator's truth ({args.profile})")
    for column in (
        "world",
        "declarations",
        "networks",
        "couriers",
        "flagged",
        "precision",
        "recall",
        "F1",
        "detect s",
    ):
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            str(r["world"]),
            str(r["declarations"]),
            str(r["networks"]),
            str(r["couriers"]),
            str(r["flagged"]),
            _shown(r["precision"]),
            _shown(r["recall"]),
            _shown(r["f1"]),
            str(r["detect_s"]),
        )
    console.print(table)
    kinds = Table(title="per indicator (carriers named; purpose mismatch is no courier finding)")
    for column in ("world", "indicator", "alerts", "named", "precision", "recall"):
        kinds.add_column(column, justify="right")
    for r in results:
        per_kind = r["per_kind"]
        assert isinstance(per_kind, dict)
        for kind, figures in per_kind.items():
            kinds.add_row(
                str(r["world"]),
                kind,
                str(figures["alerts"]),
                str(figures["flagged"]),
                _shown(figures["precision"]),
                _shown(figures["recall"]),
            )
    console.print(kinds)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
