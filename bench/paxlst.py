"""Throughput of reading PAXLST/PNRGOV files, side by side with `pydifact`'s tokenizer.

    .venv/bin/python bench/paxlst.py [--runs 5] [--passengers 500] [--travellers 3000]

pydifact is installed into its own environment, bench/.venv-pydifact, never into the
project's. Both read the same files in the same run, runs interleaved. Each figure is the
best of ``--runs`` runs, in CPU time (``time.process_time``, the least disturbed by other
work on a shared machine; the load average is printed). Our figures are the whole reading
(tokenize, envelope and count checks, PAXLST/PNRGOV interpretation) and the tokenizer alone;
pydifact's is tokenizing only (and, where it manages, its segment parser).

Inputs: a 500-passenger manifest written by our writer (names with apostrophes, plus signs
and accents, so release characters are exercised); a generated world's flights as one
interchange of many messages (passenger and crew lists); and the five development samples
in ../shared/data/paxlst, each read many times over.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from peers import machine, peer_python
from rich.console import Console
from rich.table import Table

from borderpost.passengers import read
from borderpost.passengers.edifact import tokenize
from borderpost.passengers.manifest import Flight, Leg, Manifest, Person, TravelDocument
from borderpost.passengers.simflights import manifest_from_sim
from borderpost.passengers.writer import write_paxlst
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "data" / "paxlst"
PREPARED = datetime(2026, 3, 1, 9, 30)
SURNAMES = ["O'BRIEN", "SMITH+JONES", "MÜLLER", "NGUYEN", "GARCÍA", "KOWALSKI", "D'ANGELO"]
GIVEN = ["ANNE MARIE", "JOHN", "ŁUKASZ", "MARÍA JOSÉ", "WEI", "SEAN:PAUL", "ZOË"]

PEER_SCRIPT = r"""
import json, sys, time
from pydifact.control.characters import Characters
from pydifact.parser import Parser
from pydifact.tokenizer import Tokenizer

def split_una(text):
    body = text.lstrip()
    if body.startswith("UNA"):
        return Characters.from_str(body[:9]), body[9:]
    return Characters(), body

files = json.load(open(sys.argv[1]))
repeat = int(sys.argv[2])
out = {}
for name, text in files.items():
    result = {}
    for label, work in (
        ("tokenize", lambda t: list(Tokenizer().get_tokens(*reversed(split_una(t))))),
        ("parse", lambda t: list(Parser().parse(t))),
    ):
        try:
            start = time.process_time()
            for _ in range(repeat if len(text) < 100_000 else 1):
                items = work(text)
            result[label] = {"seconds": time.process_time() - start, "items": len(items)}
        except Exception as exc:
            result[label] = {"error": f"{type(exc).__name__}: {str(exc)[:80]}"}
    out[name] = result
print(json.dumps(out))
"""


def big_manifest(count: int, seed: int) -> str:
    """One PAXLST message listing ``count`` passengers."""
    rng = random.Random(seed)
    flight = Flight(
        "XX123",
        "XX",
        (Leg("LHR", "UCP", datetime(2026, 3, 2, 8, 0), datetime(2026, 3, 2, 14, 5)),),
    )
    persons = tuple(
        Person(
            role="passenger",
            role_code="FL",
            surname=rng.choice(SURNAMES),
            given_names=rng.choice(GIVEN),
            sex=rng.choice("MF"),
            birth_date=date(1950, 1, 1) + timedelta(days=rng.randint(0, 20000)),
            nationality=rng.choice(["GBR", "FRA", "DEU", "UTO"]),
            residence="GBR",
            documents=(
                TravelDocument(
                    "P",
                    f"{rng.randint(10**8, 10**9 - 1)}",
                    "GBR",
                    date(2030, 1, 1) + timedelta(days=rng.randint(0, 3000)),
                ),
            ),
            seat=f"{rng.randint(1, 40)}{rng.choice('ABCDEF')}",
            references=(("AVF", f"PNR{rng.randint(1000, 9999)}"),),
        )
        for _ in range(count)
    )
    manifest = Manifest("passenger", (flight,), persons, "745", "REF1", "XX AIRLINE")
    return write_paxlst([manifest], prepared=PREPARED)


def world_messages(travellers: int) -> str:
    """A generated world's flights, passengers and crew, as one interchange."""
    with tempfile.TemporaryDirectory() as folder:
        write_world(WorldSpec(seed=11, travellers=travellers, days=7), Path(folder))
        lines = (Path(folder) / "manifests.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    manifests = [manifest_from_sim(r, kind=k) for r in records for k in ("passenger", "crew")]
    return write_paxlst(manifests, prepared=PREPARED)


PeerResult = dict[str, dict[str, object]]  # per job ("tokenize", "parse"): seconds or error


def run_peer(python: Path, files: dict[str, str], repeat: int) -> dict[str, PeerResult]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(files, handle)
        path = handle.name
    try:
        out = subprocess.run(
            [str(python), "-c", PEER_SCRIPT, path, str(repeat)],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(path)
    found: dict[str, PeerResult] = json.loads(out.stdout)
    return found


def run_ours(text: str, repeat: int, *, whole: bool = True) -> float:
    data = text.encode("utf-8")
    start = time.process_time()
    for _ in range(repeat if len(text) < 100_000 else 1):
        if whole:
            read(data)
        else:
            tokenize(data)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--passengers", type=int, default=500)
    parser.add_argument("--travellers", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=200, help="reads of each small sample")
    args = parser.parse_args()
    console = Console(width=180)
    console.print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    files = {
        f"manifest of {args.passengers} passengers": big_manifest(args.passengers, 745),
        "world flights, one interchange": world_messages(args.travellers),
    }
    if SAMPLES.is_dir():
        for path in sorted(SAMPLES.glob("*.edi")):
            files[path.name] = path.read_bytes().decode("utf-8")
    peer = peer_python("pydifact")
    ours: dict[str, list[float]] = {name: [] for name in files}
    tokens_only: dict[str, list[float]] = {name: [] for name in files}
    theirs: dict[str, list[PeerResult]] = {name: [] for name in files}
    for _ in range(args.runs):
        for name, text in files.items():
            ours[name].append(run_ours(text, args.repeat))
            tokens_only[name].append(run_ours(text, args.repeat, whole=False))
        if peer is not None:
            for name, result in run_peer(peer, files, args.repeat).items():
                theirs[name].append(result)
    table = Table(title=f"reading airline messages (best of {args.runs} runs, seconds)")
    for column in (
        "file",
        "chars",
        "reads",
        "ours: read",
        "ours: tokenize",
        "pydifact: tokenize",
        "speed-up read",
        "speed-up tokenize",
        "pydifact: parse",
        "read vs parse",
    ):
        table.add_column(column)
    read_ratios: list[float] = []
    token_ratios: list[float] = []
    parse_ratios: list[float] = []
    for name, text in files.items():
        reads = args.repeat if len(text) < 100_000 else 1
        mine = min(ours[name])
        tokens = min(tokens_only[name])
        peer_seconds = peer_read = read_up = token_up = parse_up = "-"
        if theirs[name]:
            first, parse = theirs[name][0]["tokenize"], theirs[name][0]["parse"]
            if "error" in first:
                peer_seconds = f"fails: {str(first['error'])[:40]}"
            else:
                seconds = min(float(str(run["tokenize"]["seconds"])) for run in theirs[name])
                read_ratios.append(seconds / mine)
                token_ratios.append(seconds / tokens)
                peer_seconds = f"{seconds:.4f}"
                read_up, token_up = f"{seconds / mine:.1f}x", f"{seconds / tokens:.1f}x"
            if "error" in parse:
                peer_read = f"fails: {str(parse['error'])[:40]}"
            else:
                parsed = min(float(str(run["parse"]["seconds"])) for run in theirs[name])
                parse_ratios.append(parsed / mine)
                peer_read, parse_up = f"{parsed:.4f}", f"{parsed / mine:.1f}x"
        table.add_row(
            name,
            f"{len(text):,}",
            str(reads),
            f"{mine:.4f}",
            f"{tokens:.4f}",
            peer_seconds,
            read_up,
            token_up,
            peer_read,
            parse_up,
        )
    console.print(table)
    console.print(f"load average {os.getloadavg()[0]:.1f} at the end")
    if read_ratios:
        console.print(
            "against pydifact's tokenizer on the files it can read: our whole reading is "
            f"{statistics.median(read_ratios):.1f}x faster (median; "
            f"{min(read_ratios):.1f}x to {max(read_ratios):.1f}x), our tokenizer "
            f"{statistics.median(token_ratios):.1f}x ({min(token_ratios):.1f}x to "
            f"{max(token_ratios):.1f}x)"
        )
    if parse_ratios:
        console.print(
            "against pydifact's parser (tokens to segments, the same work as our reading's "
            f"first half) on the files it can parse: our whole reading is "
            f"{statistics.median(parse_ratios):.1f}x faster (median; "
            f"{min(parse_ratios):.1f}x to {max(parse_ratios):.1f}x)"
        )
    if not read_ratios:
        console.print("[yellow]pydifact could not be installed or read nothing: no peer figure[/]")


if __name__ == "__main__":
    main()
