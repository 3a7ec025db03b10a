"""Name matching accuracy and speed on public data (prints figures; run from the repo root).

    .venv/bin/python bench/names_accuracy.py [--train]

Data (read-only, never copied into the repo): ../shared/data/names (ar2en from
github.com/google/transliteration, Apache-2.0; putin_names.txt from the nomenklatura test
fixtures, MIT), ../shared/data/lists (UN consolidated list; OFAC SDN, public domain).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

from borderpost.names import compare, name_score, prepare
from borderpost.names.compare import NameKey

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
THRESHOLDS = (0.7, 0.8, 0.85, 0.9)


def rates(scores: Sequence[float]) -> str:
    return "  ".join(f">={t}: {sum(s >= t for s in scores) / len(scores):6.1%}" for t in THRESHOLDS)


def ar2en(path: Path, show: int) -> None:
    pairs = [tuple(line.split("\t")) for line in path.read_text("utf-8").splitlines() if line]
    positives = [name_score(ar, en) for ar, en in pairs]
    rng = random.Random(7)
    shuffled = [en for _ar, en in pairs]
    rng.shuffle(shuffled)
    negatives = [
        name_score(ar, other)
        for (ar, en), other in zip(pairs, shuffled, strict=True)
        if other.lower() != en.lower()
    ]
    print(f"{path.name}: {len(pairs)} Arabic tokens vs their English spelling")
    print(f"  true pairs      {rates(positives)}")
    print(f"  shuffled pairs  {rates(negatives)}")
    sample = rng.sample(pairs, min(300, len(pairs)))
    keys = [prepare(en) for _ar, en in pairs]
    top1 = 0
    for ar, en in sample:
        query = prepare(ar)
        best = max(keys, key=lambda k: name_score(query, k))
        top1 += best.original.lower() == en.lower() or name_score(query, best) == name_score(
            query, en
        )
    print(f"  top-1 retrieval among all {len(keys)} English spellings: {top1 / len(sample):.1%}")
    misses = sorted(zip(positives, pairs, strict=True))[:show]
    for score, (ar, en) in misses:
        print(f"    miss {score:.2f} {ar} {en} -> {compare(ar, en).reason}")


def putin(show: bool, negatives: list[str]) -> None:
    forms = [
        line.strip()
        for line in (DATA / "names" / "putin_names.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    scores = [name_score(form, "VLADIMIR PUTIN") for form in forms]
    print(f"putin_names.txt: {len(forms)} forms vs 'VLADIMIR PUTIN'")
    print(f"  {rates(scores)}")
    for form, score in zip(forms, scores, strict=True):
        if show and score < 0.8:
            print(f"    {score:.2f} {form} -> {compare(form, 'VLADIMIR PUTIN').reason}")
    alarms = 0
    worst: list[tuple[float, str, str]] = []
    keys = [prepare(n) for n in negatives]
    for form in forms:
        query = prepare(form)
        best = max(keys, key=lambda k: name_score(query, k))
        best_score = name_score(query, best)
        alarms += best_score >= 0.8
        worst.append((best_score, form, best.original))
    print(f"  best score of each form against {len(keys)} OFAC individuals (not Putin):")
    print(f"  {rates([w[0] for w in worst])}")
    for score, form, other in sorted(worst, reverse=True)[:5]:
        print(f"    {score:.2f} {form} ~ {other}")


def un_original_script() -> tuple[list[tuple[str, str]], list[str]]:
    root = ET.parse(DATA / "lists" / "un_consolidated_2026-02-27" / "consolidated.xml").getroot()
    pairs: list[tuple[str, str]] = []
    for person in root.iter("INDIVIDUAL"):
        original = person.findtext("NAME_ORIGINAL_SCRIPT")
        fields = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        latin = " ".join(person.findtext(f) or "" for f in fields).strip()
        if original and latin:
            pairs.append((original.strip(), latin))
    return pairs, [latin for _o, latin in pairs]


def ofac_individuals() -> tuple[list[str], list[tuple[str, str]]]:
    folder = DATA / "lists" / "ofac_sdn_2021-07-07"
    names: dict[str, str] = {}
    with (folder / "sdn.csv").open(encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if len(row) > 2 and row[2].strip() == "individual":
                names[row[0]] = _ofac_name(row[1])
    aliases: list[tuple[str, str]] = []
    with (folder / "alt.csv").open(encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[0] in names and row[2].strip() == "aka":
                aliases.append((names[row[0]], _ofac_name(row[3])))
    return list(names.values()), aliases


def _ofac_name(raw: str) -> str:
    last, _, first = raw.partition(",")
    return f"{first.strip()} {last.strip()}".strip()


def timed(label: str, func: Callable[[], object], repeat: int) -> None:
    start = time.perf_counter()
    for _ in range(repeat):
        func()
    micro = (time.perf_counter() - start) / repeat * 1e6
    print(f"  {label}: {micro:8.1f} us")


def speed(names: list[str]) -> None:
    print("speed (2-core machine):")
    start = time.perf_counter()
    keys = [prepare.__wrapped__(n) for n in names[:2000]]
    per = (time.perf_counter() - start) / len(keys) * 1e6
    print(f"  prepare, name cache bypassed (part caches fill): {per:8.1f} us/name")
    query: NameKey = prepare("Mohammed Abdul Rahman al-Rashid")
    rng = random.Random(3)
    sample = rng.sample(keys, 500)
    start = time.perf_counter()
    for key in sample:
        name_score(query, key)
    per = (time.perf_counter() - start) / len(sample) * 1e6
    print(f"  compare prepared, first time (part-pair cache cold): {per:8.1f} us/pair")
    start = time.perf_counter()
    for key in sample * 4:
        name_score(query, key)
    per = (time.perf_counter() - start) / (4 * len(sample)) * 1e6
    print(f"  compare prepared, repeated (caches warm): {per:8.1f} us/pair")
    durations = []
    for key in sample[:100]:
        t0 = time.perf_counter()
        compare(query, key).reason  # noqa: B018 - measuring the explanation too
        durations.append((time.perf_counter() - t0) * 1e6)
    print(f"  compare + reason text, median: {statistics.median(durations):8.1f} us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", action="store_true", help="also run on ar2en-train")
    parser.add_argument("--show", type=int, default=10, help="misses to print")
    args = parser.parse_args()
    ofac, aliases = ofac_individuals()
    speed(ofac)
    ar2en(DATA / "names" / "ar2en-eval.txt", args.show)
    if args.train:
        ar2en(DATA / "names" / "ar2en-train.txt", args.show)
    putin(args.show > 0, [n for n in ofac if "PUTIN" not in n.upper()])
    un_pairs, un_latin = un_original_script()
    scores = [name_score(o, latin) for o, latin in un_pairs]
    rng = random.Random(11)
    others = un_latin[:]
    rng.shuffle(others)
    negative = [
        name_score(o, x) for (o, latin), x in zip(un_pairs, others, strict=True) if x != latin
    ]
    print(f"UN list: {len(un_pairs)} original-script names vs the list's Latin name")
    print(f"  true pairs      {rates(scores)}")
    print(f"  shuffled pairs  {rates(negative)}")
    for score, (o, latin) in sorted(zip(scores, un_pairs, strict=True))[: args.show]:
        print(f"    miss {score:.2f} {compare(o, latin).reason}")
    alias_scores = [name_score(a, b) for a, b in aliases]
    print(f"OFAC: {len(aliases)} 'aka' aliases vs the primary name (many are other names)")
    print(f"  {rates(alias_scores)}")
    pairs = [(rng.choice(ofac), rng.choice(ofac)) for _ in range(20000)]
    negative = [name_score(a, b) for a, b in pairs if a != b]
    print(f"OFAC: {len(negative)} random pairs of different individuals (false alarms)")
    print(f"  {rates(negative)}")
    top = sorted(((name_score(a, b), a, b) for a, b in pairs if a != b), reverse=True)[:8]
    for score, a, b in top:
        print(f"    {score:.2f} {a} ~ {b}")


if __name__ == "__main__":
    main()
