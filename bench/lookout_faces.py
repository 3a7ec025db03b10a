"""Lookout photos searched 1:N at inspection: the gallery's refresh and search, on SQLite.

Stores N lookout photos' templates (random unit-norm vectors stand in for faces: only the
storage and numpy work are measured, not face analysis, which ``bench/biometrics.py``
measures), then times, in CPU seconds (``time.process_time``; the machine is shared):

* the first refresh (reads every template, builds the gallery),
* a refresh with nothing changed (the per-inspection cost: one query of ids and labels),
* a refresh after one photo was added (loads one template, rebuilds the matrix),
* one search.

Run: ``.venv/bin/python bench/lookout_faces.py [N ...]`` (default 1000 10000)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from peers import machine
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderpost.biometrics.templates import template_to_bytes
from borderpost.config import Settings
from borderpost.screening.model import ListEntry, ListSnapshot
from borderpost.screening.report import ImportReport
from borderpost.store import UnitOfWork, open_store
from borderpost.store.models import LookoutPhoto, WatchlistEntry
from borderpost.watchlists.face_gallery import LookoutFaces
from borderpost.watchlists.service import import_snapshot

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def cpu(step: object) -> float:
    start = time.process_time()
    step()  # type: ignore[operator]
    return time.process_time() - start


def seed_lookouts(uow: UnitOfWork, count: int) -> list[int]:
    """``count`` entries of a ``lookouts`` list; their row ids, in order."""
    entries = tuple(
        ListEntry(list_name="lookouts", entry_id=f"L{i}", kind="person", name=f"Person {i}")
        for i in range(count)
    )
    report = ImportReport("lookouts", (), read=len(entries), kept=len(entries), skipped=0)
    import_snapshot(
        uow,
        ListSnapshot("lookouts", "b", entries),
        report,
        source_format="bench",
        files=[],
        now=NOW,
    )
    return [
        row_id for (row_id,) in uow.session.query(WatchlistEntry.id).order_by(WatchlistEntry.id)
    ]


def run(count: int, folder: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{folder / f'b{count}.db'}", secret_key=SecretStr("s" * 40)
    )
    store = open_store(settings, auto_migrate=True)
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(count + 1, 128)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) * 2
    with UnitOfWork(store) as uow:
        rows = seed_lookouts(uow, count + 1)
        for row_id, vector in zip(rows[:count], vectors[:count], strict=True):
            uow.session.add(_photo(row_id, vector))
        uow.commit()
    gallery = LookoutFaces()
    with UnitOfWork(store) as uow:
        first = cpu(lambda: gallery.refresh(uow.session, actor="bench", now=NOW))
        same = [cpu(lambda: gallery.refresh(uow.session, actor="bench", now=NOW)) for _ in range(5)]
        uow.session.add(_photo(rows[count], vectors[count]))
        uow.session.flush()
        added = cpu(lambda: gallery.refresh(uow.session, actor="bench", now=NOW))
        probe = vectors[3] + 0.01
        search = [
            cpu(
                lambda: gallery.search(
                    uow.session, probe, min_score=0.5, probe_name="p", actor="bench", now=NOW
                )
            )
            for _ in range(5)
        ]
        uow.rollback()
    store.dispose()
    print(
        f"{count:>7} photos: first refresh {first * 1000:7.1f} ms CPU, unchanged "
        f"{min(same) * 1000:6.1f} ms, one added {added * 1000:7.1f} ms, search (with its "
        f"refresh) {min(search) * 1000:6.1f} ms"
    )


def _photo(row_id: int, vector: np.ndarray) -> LookoutPhoto:
    return LookoutPhoto(
        entry_row_id=row_id,
        media_type="image/jpeg",
        image=b"\xff\xd8 bench",
        sha256="0" * 64,
        template=template_to_bytes(vector),
        analysis={},
        added_by="bench",
        added_at=NOW,
    )


def main() -> None:
    print(machine())
    counts = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            run(count, Path(folder))


if __name__ == "__main__":
    main()
