"""Pre-arrival targeting speed: parse + fully assess a 500-passenger manifest, and a day of
travellers in batch.

    .venv/bin/python bench/targeting.py [--day 100000] [--runs 3]

Lists: OFAC SDN and the UN consolidated list from ../shared/data/lists, plus the watchlist of
a generated world (seed 7). The 500-passenger manifest is the world's travellers (listed ones
among them), written as PAXLST by our writer; "fully assessed" is reading the file, screening
every traveller (names and lost/stolen documents), document checks and the shipped rules.
The day is the world's flights, repeated until the number of travellers is reached, each
flight one PAXLST file read and assessed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from borderpost.passengers import Manifest, manifest_from_sim, read, write_paxlst
from borderpost.screening.engine import Screener
from borderpost.sim.world.spec import WorldSpec
from borderpost.targeting import assess_reading
from borderpost.watchlists.files import read_watchlist
from borderpost.worldgen import write_world

LISTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists"
TODAY = date(2026, 1, 2)


def _screener(world: Path) -> Screener:
    ofac = LISTS / "ofac_sdn_2021-07-07"
    entries = [
        *read_watchlist("ofac", sorted(ofac.glob("*.csv"))).snapshot.entries,
        *read_watchlist(
            "un", [LISTS / "un_consolidated_2026-02-27/consolidated.xml"]
        ).snapshot.entries,
        *read_watchlist("csv", [world / "watchlist.csv"], list_name="sim").snapshot.entries,
    ]
    screener = Screener(entries)
    screener.warm()
    return screener


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--day", type=int, default=100_000, help="travellers in the day")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        world = Path(folder)
        write_world(WorldSpec(seed=7, travellers=20_000, days=7), world)
        started = time.perf_counter()
        screener = _screener(world)
        build = time.perf_counter() - started
        flights = [
            json.loads(line) for line in (world / "manifests.jsonl").read_text("utf-8").splitlines()
        ]
    passengers = [p for record in flights for p in record["passengers"]][:500]
    big = manifest_from_sim({**flights[0], "passengers": passengers})
    data = write_paxlst([big], prepared=datetime(2026, 1, 1)).encode()
    times = []
    hits = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        (result,) = assess_reading(read(data), screener, today=TODAY)
        times.append(time.perf_counter() - started)
        hits = sum(1 for a in result.assessments if a.hits)
    print(
        f"lists: {len(screener.entries):,} screened entries (OFAC + UN + world), "
        f"index built in {build:.1f} s"
    )
    print(
        f"500-passenger manifest parsed and fully assessed: "
        f"median {statistics.median(times):.2f} s "
        f"(best {min(times):.2f} s over {args.runs} runs); {hits} traveller(s) with list hits"
    )
    files: list[bytes] = []
    count = 0
    while count < args.day:
        for record in flights:
            if not record["passengers"] or count >= args.day:
                continue
            manifest: Manifest = manifest_from_sim(record)
            files.append(write_paxlst([manifest], prepared=datetime(2026, 1, 1)).encode())
            count += len(manifest.persons)
    started = time.perf_counter()
    assessed = 0
    for text in files:
        for item in assess_reading(read(text), screener, today=TODAY):
            assessed += len(item.assessments)
    elapsed = time.perf_counter() - started
    print(
        f"a day in batch: {assessed:,} travellers on {len(files):,} manifests in {elapsed:.0f} s "
        f"({assessed / elapsed:,.0f} travellers/s, one process)"
    )


if __name__ == "__main__":
    main()
