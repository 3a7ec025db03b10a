"""Face biometrics: seconds per face, genuine/impostor distances, 1:N search over 100,000,
and the issuance duplicate-identity face search over N enrolled templates in the store.

No public labelled face benchmark is available offline, so this measures what can be:
distances between synthetic variations of one public-domain portrait (genuine) and between
two different people's portraits and their variations (impostor). These are NOT error rates
and the threshold has NOT been validated against EES/NIST targets.

Run: ``.venv/bin/python bench/biometrics.py [--store-sizes 1000,10000,100000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from peers import machine
from PIL import Image
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderpost.biometrics import DEFAULT_THRESHOLD, Gallery, analyse_face, template_to_bytes
from borderpost.config import Settings
from borderpost.issuance.faces import StoredFaceMatcher, face_ref
from borderpost.store import UnitOfWork, open_store
from borderpost.store.models import ApplicationFace, IssuanceApplication
from tests.biometrics.portraits import (
    astronaut,
    encode,
    grace_hopper_bytes,
    variations,
)

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def _application(number: int, status: str) -> dict[str, object]:
    return {
        "id": number,
        "kind": "first",
        "status": status,
        "surname": f"S{number}",
        "given_names": "G",
        "sex": "F",
        "birth_date": dt.date(1980, 1, 1) + dt.timedelta(days=number % 9000),
        "nationality": "UTO",
        "national_id": f"N{number}",
        "vip": False,
        "office": "CAPITAL",
        "officer": "bench",
        "created_at": NOW,
    }


def stored_search(sizes: list[int], probe: np.ndarray, twin: np.ndarray) -> None:
    """StoredFaceMatcher.search (one query, decode, Gallery, search, audit) over N enrolled
    templates in a SQLite file: N-1 random unit-norm templates and the probe's face under
    another identity (``twin``, planted at a random position)."""
    rng = np.random.default_rng(29)
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(
                Settings(database_url=f"sqlite:///{Path(folder) / 'faces.db'}"),
                auto_migrate=True,
            )
            matrix = rng.normal(size=(size, 128)).astype(np.float32)
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            planted = int(rng.integers(size))
            matrix[planted] = twin
            probe_id = size + 1
            with store.engine.begin() as connection:
                for start in range(0, size + 1, 5000):
                    numbers = range(start + 1, min(start + 5000, size + 1) + 1)
                    connection.execute(
                        insert(IssuanceApplication),
                        [
                            _application(n, "draft" if n == probe_id else "submitted")
                            for n in numbers
                        ],
                    )
                    connection.execute(
                        insert(ApplicationFace),
                        [
                            {
                                "application_id": n,
                                "photo": b"-",
                                "photo_sha256": "0" * 64,
                                "template": template_to_bytes(
                                    probe if n == probe_id else matrix[n - 1]
                                ),
                                "reason": "bench",
                                "enrolled_by": "bench",
                                "enrolled_at": NOW,
                            }
                            for n in numbers
                        ],
                    )
            cpu: list[float] = []
            wall: list[float] = []
            for _ in range(5):
                with UnitOfWork(store) as uow:
                    matcher = StoredFaceMatcher(uow.session, actor="bench", now=NOW)
                    started, started_cpu = time.perf_counter(), time.process_time()
                    hits = matcher.search(face_ref(probe_id))
                    cpu.append(time.process_time() - started_cpu)
                    wall.append(time.perf_counter() - started)
                    uow.rollback()
            found = [hit.ref for hit in hits] == [face_ref(planted + 1)]
            store.dispose()
        print(
            f"issuance face duplicate search over {size:,} enrolled templates (SQLite, "
            f"query + decode + Gallery + audit): CPU median {statistics.median(cpu) * 1000:.0f} "
            f"ms, wall median {statistics.median(wall) * 1000:.0f} ms (5 runs); planted twin "
            f"found alone: {found}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store-sizes",
        default="1000,10000,100000",
        help="enrolled templates for the stored issuance face search (comma-separated)",
    )
    args = parser.parse_args()
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
    sizes = [int(n) for n in args.store_sizes.split(",") if n.strip()]
    stored_search(sizes, templates["collins"][0], templates["collins"][1])
    print("operating points NOT validated against EES/NIST targets (FNMR <= 1% at FMR 0.05%)")


if __name__ == "__main__":
    main()
