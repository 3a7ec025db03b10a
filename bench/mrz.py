"""Throughput of MRZ parse + validate, side by side with the `mrz` package's checker.

    .venv/bin/python bench/mrz.py [--count 100000] [--runs 3] [--damaged 0.1]

The `mrz` package (GPL-3.0) is installed into its own environment, bench/.venv-mrz, never
into the project's. Both engines read the same generated MRZs in the same run; the figure
is the median of several runs. Verdicts are compared, and disagreements on the ICAO
specimens in ../shared/data are listed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from peers import machine, peer_python
from rich.console import Console
from rich.progress import track
from rich.table import Table

from borderpost.documents import MrzFields, make_mrz, parse
from borderpost.documents.countries import countries

ROOT = Path(__file__).resolve().parents[1]
SPECIMENS = ROOT.parent / "shared" / "data" / "icao" / "icao_specimens.jsonl"
AT = dt.date(2026, 11, 29)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"

PEER_SCRIPT = r"""
import json, sys, time
from mrz.checker.td1 import TD1CodeChecker
from mrz.checker.td2 import TD2CodeChecker
from mrz.checker.td3 import TD3CodeChecker
from mrz.checker.mrva import MRVACodeChecker
from mrz.checker.mrvb import MRVBCodeChecker

def checker(text):
    lines = text.split("\n")
    n = len(lines[0])
    if len(lines) == 3:
        return TD1CodeChecker
    if n == 44:
        return MRVACodeChecker if text[0] == "V" else TD3CodeChecker
    return MRVBCodeChecker if text[0] == "V" else TD2CodeChecker

texts = json.load(open(sys.argv[1]))
verdicts = []
start = time.perf_counter()
for text in texts:
    try:
        verdicts.append(bool(checker(text)(text)))
    except Exception:
        verdicts.append(False)
elapsed = time.perf_counter() - start
reasons = {}
if len(sys.argv) > 2:  # explain the rejections (outside the timed loop)
    for index, (text, ok) in enumerate(zip(texts, verdicts)):
        if not ok:
            try:
                reasons[index] = "; ".join(checker(text)(text).report.errors)
            except Exception as exc:
                reasons[index] = f"raised {type(exc).__name__}"
print(json.dumps({"seconds": elapsed, "verdicts": verdicts, "reasons": reasons}))
"""


def generate(count: int, damaged: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    codes = sorted(code for code, c in countries().items() if c.kind != "deprecated")
    layouts = [("TD3", "P"), ("TD1", "I"), ("TD2", "I"), ("MRVA", "V"), ("MRVB", "V")]
    texts = []
    for _ in track(range(count), description="generating MRZs", transient=True):
        layout, code = rng.choice(layouts)
        number_length = rng.randint(6, 9)
        fields = MrzFields(
            type=layout,
            document_code=code,
            issuing_state=rng.choice(codes),
            surname="".join(rng.choices(LETTERS, k=rng.randint(3, 12))),
            given_names=" ".join(
                "".join(rng.choices(LETTERS, k=rng.randint(2, 9))) for _ in range(rng.randint(1, 2))
            ),
            document_number="".join(rng.choices(ALNUM, k=number_length)),
            nationality=rng.choice(codes),
            birth_date=AT - dt.timedelta(days=rng.randint(365, 36500)),
            sex=rng.choice("MF"),
            expiry_date=AT + dt.timedelta(days=rng.randint(-2000, 3600)),
        )
        text = make_mrz(fields)
        if rng.random() < damaged:
            chars = list(text)
            index = rng.choice([i for i, c in enumerate(chars) if c != "\n"])
            chars[index] = rng.choice(ALNUM + "<")
            text = "".join(chars)
        texts.append(text)
    return texts


def run_peer(
    python: Path, texts: list[str], *, explain: bool = False
) -> tuple[float, list[bool], dict[int, str]]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(texts, handle)
        path = handle.name
    try:
        out = subprocess.run(
            [str(python), "-c", PEER_SCRIPT, path, *(["explain"] if explain else [])],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(path)
    data = json.loads(out.stdout)
    reasons = {int(k): str(v) for k, v in data["reasons"].items()}
    return float(data["seconds"]), [bool(v) for v in data["verdicts"]], reasons


def run_ours(texts: list[str], *, repair: bool = False) -> tuple[float, list[bool]]:
    """Parse + validate every text; with ``repair``, also search OCR repairs for failures."""
    start = time.perf_counter()
    verdicts = [parse(text, at=AT, propose_repair=repair).valid for text in texts]
    return time.perf_counter() - start, verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--damaged", type=float, default=0.1, help="share with one char changed")
    parser.add_argument("--seed", type=int, default=9303)
    args = parser.parse_args()
    console = Console()
    console.print(f"machine: {machine()}")
    texts = generate(args.count, args.damaged, args.seed)
    valid_only = [t for t in texts if parse(t, at=AT, propose_repair=False).valid]
    peer = peer_python("mrz")
    table = Table(title=f"MRZ parse + validate, {len(texts):,} generated MRZs")
    for column in ("engine", "set", "median s", "documents/s", "runs"):
        table.add_column(column)
    figures: dict[tuple[str, str], float] = {}
    for label, batch in (("mixed", texts), ("valid only", valid_only)):
        ours = [run_ours(batch)[0] for _ in range(args.runs)]
        figures[("borderpost", label)] = len(batch) / statistics.median(ours)
        table.add_row(
            "borderpost",
            label,
            f"{statistics.median(ours):.2f}",
            f"{figures[('borderpost', label)]:,.0f}",
            str(args.runs),
        )
        if label == "mixed":
            repaired = [run_ours(batch, repair=True)[0] for _ in range(args.runs)]
            table.add_row(
                "borderpost + OCR repair proposals",
                label,
                f"{statistics.median(repaired):.2f}",
                f"{len(batch) / statistics.median(repaired):,.0f}",
                str(args.runs),
            )
        if peer is not None:
            theirs = [run_peer(peer, batch)[0] for _ in range(args.runs)]
            figures[("mrz", label)] = len(batch) / statistics.median(theirs)
            table.add_row(
                "mrz 0.6.2 checker",
                label,
                f"{statistics.median(theirs):.2f}",
                f"{figures[('mrz', label)]:,.0f}",
                str(args.runs),
            )
    console.print(table)
    if peer is None:
        console.print("[yellow]the mrz package could not be installed: no peer figure[/]")
        return
    for label in ("mixed", "valid only"):
        ratio = figures[("borderpost", label)] / figures[("mrz", label)]
        console.print(f"speed-up over mrz ({label}): {ratio:.1f}x")
    _, ours_verdicts = run_ours(texts)
    _, peer_verdicts, peer_reasons = run_peer(peer, texts, explain=True)
    disagree = [
        i for i, (a, b) in enumerate(zip(ours_verdicts, peer_verdicts, strict=True)) if a != b
    ]
    console.print(f"verdicts differ on {len(disagree):,} of {len(texts):,} generated MRZs")
    reasons: dict[str, int] = {}
    for index in disagree:
        result = parse(texts[index], at=AT, propose_repair=False)
        if result.valid:
            key = f"mrz rejects, borderpost accepts: mrz says {peer_reasons.get(index, '?')!r}"
        else:
            codes = ",".join(sorted({f.code for f in result.errors}))
            key = f"borderpost rejects ({codes}), mrz accepts"
        reasons[key] = reasons.get(key, 0) + 1
    for key, count in sorted(reasons.items(), key=lambda item: -item[1])[:8]:
        console.print(f"  {count:6,}  {key}")
    if SPECIMENS.is_file():
        cases = [json.loads(line) for line in SPECIMENS.read_text().splitlines() if line.strip()]
        mrzs = [case["mrz"] for case in cases]
        _, peer_specimen, _ = run_peer(peer, mrzs)
        ours_right = theirs_right = 0
        for case, peer_verdict in zip(cases, peer_specimen, strict=True):
            verdict = parse(case["mrz"], at=AT).valid
            ours_right += verdict == case["valid"]
            theirs_right += peer_verdict == case["valid"]
            if peer_verdict != case["valid"]:
                console.print(
                    f"  mrz package wrong on {case['id']}: says {peer_verdict}, "
                    f"expected {case['valid']} ({', '.join(case['tags'])})"
                )
        console.print(
            f"ICAO specimens judged right: borderpost {ours_right}/{len(cases)}, "
            f"mrz {theirs_right}/{len(cases)}"
        )


if __name__ == "__main__":
    main()
