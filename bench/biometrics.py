"""Face biometrics: seconds per face, genuine/impostor distances, 1:N search over 100,000.

No public labelled face benchmark is available offline, so this measures what can be:
distances between synthetic variations of one public-domain portrait (genuine) and between
two different people's portraits and their variations (impostor). These are NOT error rates
and the threshold has NOT been validated against EES/NIST targets.

Run: ``.venv/bin/python bench/biometrics.py``
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from peers import machine
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderpost.biometrics import DEFAULT_THRESHOLD, Gallery, analyse_face
from tests.biometrics.portraits import (
    astronaut,
    encode,
    grace_hopper_bytes,
    variations,
)


def main() -> None:
    print(machine())
    analyse_face(encode(astronaut()))  # loads the models once
    collins = {"original": encode(astronaut()), **variations(astronaut())}
    hopper_image = np.asarray(Image.open(io.BytesIO(grace_hopper_bytes())).convert("RGB"))
    hopper = {"original": grace_hopper_bytes(), **variations(np.ascontiguousarray(hopper_image))}
    templates: dict[str, list[np.ndarray]] = {"collins": [], "hopper": []}
    seconds: list[float] = []
    for person, images in (("collins", collins), ("hopper", hopper)):
        for name, data in images.items():
            start = time.perf_counter()
            analysis = analyse_face(data)
            seconds.append(time.perf_counter() - start)
            if analysis.template is None:
                print(f"  {person} {name}: {analysis.reason}")
                continue
            templates[person].append(analysis.template)
    print(
        f"seconds per face (decode, detect, align, embed, quality; {len(seconds)} images): "
        f"median {statistics.median(seconds):.2f}, max {max(seconds):.2f}"
    )
    genuine = [
        float(np.linalg.norm(a - b))
        for person in templates.values()
        for i, a in enumerate(person)
        for b in person[i + 1 :]
    ]
    impostor = [
        float(np.linalg.norm(a - b)) for a in templates["collins"] for b in templates["hopper"]
    ]
    for label, values in (("genuine", genuine), ("impostor", impostor)):
        over = sum(1 for v in values if (v > DEFAULT_THRESHOLD) == (label == "genuine"))
        print(
            f"{label:8} distances ({len(values)} pairs): min {min(values):.3f} "
            f"median {statistics.median(values):.3f} max {max(values):.3f}; "
            f"on the wrong side of {DEFAULT_THRESHOLD}: {over}"
        )

    rng = np.random.default_rng(15)
    matrix = rng.normal(size=(100_000, 128)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    gallery = Gallery([f"t{i}" for i in range(len(matrix))], matrix)
    probe = templates["collins"][0]
    gallery.search(probe)
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        gallery.search(probe, limit=10)
        runs.append(time.perf_counter() - start)
    print(
        f"1:N search over {len(gallery):,} random unit-norm templates: "
        f"median {statistics.median(runs) * 1000:.1f} ms (20 runs)"
    )
    print("operating points NOT validated against EES/NIST targets (FNMR <= 1% at FMR 0.05%)")


if __name__ == "__main__":
    main()
