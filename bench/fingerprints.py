"""Fingerprints: seconds per extraction and comparison, genuine/impostor bozorth3 scores, 1:N.

No labelled fingerprint data set is available offline, so the fingers are synthetic
(``borderpost.sim.fingerprints``, SFinGe-style): impressions of one master finger differ by
rotation, translation, partial contact, pressure, elastic distortion and noise. Synthetic
prints are easier than real ones; these are NOT error rates and the threshold has NOT been
validated against NIST/EES targets. The 1:N gallery is padded with random minutiae sets (40-70
minutiae inside a fingertip-sized ellipse): their cost per comparison is like a non-mate's,
their scores say nothing about real impostors.

Run: ``.venv/bin/python bench/fingerprints.py [--fingers 30] [--impressions 3] [--gallery 10000]``
CPU seconds (time.process_time), one process; the machine is shared, so figures are noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from peers import machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderpost.biometrics.fingerprint import (
    DEFAULT_FINGER_THRESHOLD,
    FingerGallery,
    FingerMinutiaeRecord,
    FingerView,
    Minutia,
    MinutiaKind,
    analyse_finger_image,
    compare_records,
)
from borderpost.biometrics.fingerprint.record import ANGLE_UNIT
from borderpost.sim.fingerprints import HEIGHT, WIDTH, impression, master_finger


def _summary(values: list[float], unit: str = "", digits: int = 1) -> str:
    return (
        f"min {min(values):.{digits}f}{unit}, median {statistics.median(values):.{digits}f}{unit}, "
        f"max {max(values):.{digits}f}{unit}"
    )


def random_record(rng: random.Random) -> FingerMinutiaeRecord:
    minutiae = []
    for _ in range(rng.randint(40, 70)):
        while True:
            x, y = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)
            if ((x - WIDTH / 2) / (0.42 * WIDTH)) ** 2 + (
                (y - HEIGHT / 2) / (0.46 * HEIGHT)
            ) ** 2 < 1:
                break
        minutiae.append(
            Minutia(
                int(x), int(y), rng.randrange(256) * ANGLE_UNIT,
                rng.choice([MinutiaKind.ENDING, MinutiaKind.BIFURCATION]), rng.randint(20, 90),
            )
        )  # fmt: skip
    return FingerMinutiaeRecord(WIDTH, HEIGHT, 197, 197, (FingerView(tuple(minutiae)),))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fingers", type=int, default=30)
    parser.add_argument("--impressions", type=int, default=3)
    parser.add_argument("--gallery", type=int, default=10_000)
    args = parser.parse_args()
    print(machine())
    threshold = DEFAULT_FINGER_THRESHOLD

    start = time.process_time()
    masters = [master_finger(seed) for seed in range(1, args.fingers + 1)]
    patterns = sorted({m.pattern for m in masters})
    tally = ", ".join(f"{p} {sum(m.pattern == p for m in masters)}" for p in patterns)
    seconds = time.process_time() - start
    print(f"synthetic master fingers: {len(masters)} in {seconds:.1f} s CPU ({tally})")
    analyse_finger_image(impression(masters[0], random.Random(0)))  # loads the native library
    records: dict[tuple[int, int], FingerMinutiaeRecord] = {}
    extract_seconds: list[float] = []
    unusable = 0
    counts: list[float] = []
    scores: list[float] = []
    for master in masters:
        for occasion in range(args.impressions):
            image = impression(master, random.Random(master.seed * 1000 + occasion))
            start = time.process_time()
            analysis = analyse_finger_image(image)
            extract_seconds.append(time.process_time() - start)
            if analysis.record is None or analysis.quality is None:
                unusable += 1
                print(f"  finger {master.seed} impression {occasion}: {analysis.reason}")
                continue
            records[(master.seed, occasion)] = analysis.record
            counts.append(len(analysis.minutiae))
            scores.append(analysis.quality.score)
    print(
        f"seconds per extraction (ridge map, mindtct, quality; {len(extract_seconds)} images "
        f"{WIDTH}x{HEIGHT} at 500 ppi): {_summary(extract_seconds, ' s', 3)}; unusable {unusable}"
    )
    print(f"minutiae per template: {_summary(counts, '', 0)}")
    print(f"NFIQ2-style quality (not certified): {_summary(scores, '', 0)}")

    genuine: list[float] = []
    impostor: list[float] = []
    compare_seconds: dict[bool, list[float]] = {True: [], False: []}
    keys = sorted(records)
    for index, first in enumerate(keys):
        for second in keys[index + 1 :]:
            if first[0] != second[0] and not (first[1] == 0 and second[1] == 0):
                continue  # impostors: first impressions of different fingers (FVC protocol)
            start = time.process_time()
            score = compare_records(records[first], records[second])
            compare_seconds[first[0] == second[0]].append(time.process_time() - start)
            (genuine if first[0] == second[0] else impostor).append(score)
    false_non_match = sum(1 for s in genuine if s < threshold)
    false_match = sum(1 for s in impostor if s >= threshold)
    print(
        f"genuine  scores ({len(genuine)} pairs): {_summary(genuine, '', 0)}; "
        f"below {threshold}: {false_non_match}"
    )
    print(
        f"impostor scores ({len(impostor)} pairs): {_summary(impostor, '', 0)}; "
        f"at or above {threshold}: {false_match}"
    )
    for mated, label in ((True, "genuine"), (False, "impostor")):
        times = [t * 1000 for t in compare_seconds[mated]]
        print(
            f"ms per 1:1 comparison, {label} (bozorth3 incl. packing, {len(times)} pairs): "
            f"{_summary(times, ' ms', 2)}"
        )

    rng = random.Random(15)
    filler = [random_record(rng) for _ in range(max(args.gallery - args.fingers, 0))]
    enrolled = [(f"finger-{seed}", records[(seed, 0)]) for seed, _ in keys if (seed, 0) in records]
    enrolled = list(dict(enrolled).items())
    gallery_keys = [f"random-{i}" for i in range(len(filler))] + [k for k, _ in enrolled]
    start = time.process_time()
    gallery = FingerGallery(gallery_keys, filler + [r for _, r in enrolled])
    seconds = time.process_time() - start
    print(f"1:N gallery of {len(gallery):,} templates packed in {seconds:.1f} s CPU")
    runs: list[float] = []
    hits = 0
    probes = [(seed, occ) for seed, occ in keys if occ == 1][:5]
    for seed, occasion in probes:
        start = time.process_time()
        candidates = gallery.search(records[(seed, occasion)], threshold=threshold)
        runs.append(time.process_time() - start)
        hits += bool(candidates) and candidates[0].key == f"finger-{seed}"
    median = statistics.median(runs)
    print(
        f"1:N search over {len(gallery):,} templates ({len(runs)} probes): median {median:.2f} s "
        f"CPU, {len(gallery) / median:,.0f} comparisons/s; right finger first: {hits}/{len(runs)}"
    )
    print(
        "operating points NOT validated against NIST/EES targets (fingerprint FNMR <= 1% at "
        "FMR 0.01%); quality is NFIQ2-style, not certified"
    )


if __name__ == "__main__":
    main()
