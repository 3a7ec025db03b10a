"""Lookout fingerprints searched 1:N at inspection: the gallery's refresh and one print's search.

Stores N lookout fingerprints on SQLite: one synthetic finger (borderpost.sim) and N - 1
random minutiae sets (as ``bench/fingerprints.py`` pads its gallery: they cost about what a
non-mate costs), then times, in CPU seconds (``time.process_time``; the machine is shared):

* the first refresh (reads and parses every template, packs the bozorth3 gallery),
* a refresh with nothing changed (the per-inspection cost: one query of ids and labels),
* ``check_fingers`` for one print of the enrolled finger (extraction + refresh + search),
  and whether the finger was found.

Run: ``.venv/bin/python bench/lookout_fingers.py [N ...]`` (default 100 1000)
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
import tempfile
from pathlib import Path

from fingerprints import random_record
from lookout_faces import cpu, seed_lookouts
from peers import machine
from PIL import Image
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borderpost.biometrics.fingerprint import analyse_finger_image, encode_fmr
from borderpost.config import Settings
from borderpost.inspection.fingers import FingerChecks, FingerprintProbe, check_fingers
from borderpost.sim.fingerprints import impression, master_finger
from borderpost.store import UnitOfWork, open_store
from borderpost.store.models import LookoutFingerprint
from borderpost.watchlists.finger_gallery import LookoutFingers

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def _row(row_id: int, record: bytes) -> LookoutFingerprint:
    return LookoutFingerprint(
        entry_row_id=row_id,
        finger=2,
        record=record,
        sha256="0" * 64,
        minutiae=0,
        reason="bench",
        added_by="bench",
        added_at=NOW,
    )


def run(count: int, folder: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{folder / f'f{count}.db'}", secret_key=SecretStr("s" * 40)
    )
    store = open_store(settings, auto_migrate=True)
    master = master_finger(3)
    enrolled = analyse_finger_image(impression(master, random.Random(3000))).record
    probe = impression(master, random.Random(3002))
    assert enrolled is not None
    rng = random.Random(15)
    with UnitOfWork(store) as uow:
        rows = seed_lookouts(uow, count)
        uow.session.add(_row(rows[0], encode_fmr(enrolled)))
        for row_id in rows[1:]:
            uow.session.add(_row(row_id, encode_fmr(random_record(rng))))
        uow.commit()

    buffer = io.BytesIO()
    Image.fromarray(probe).save(buffer, "PNG")
    prints = [FingerprintProbe(2, buffer.getvalue())]
    gallery = LookoutFingers()
    found: list[FingerChecks] = []
    with UnitOfWork(store) as uow:
        first = cpu(lambda: gallery.refresh(uow.session, actor="bench", now=NOW))
        same = [cpu(lambda: gallery.refresh(uow.session, actor="bench", now=NOW)) for _ in range(5)]
        search = [
            cpu(
                lambda: found.append(
                    check_fingers(
                        uow.session, prints, gallery=gallery, threshold=40, actor="b", now=NOW
                    )
                )
            )
            for _ in range(3)
        ]
        uow.rollback()
    store.dispose()
    hits = [c.entry_id for c in found[-1].candidates]
    print(
        f"{count:>7} lookout prints: first refresh {first * 1000:7.1f} ms CPU, unchanged "
        f"{min(same) * 1000:6.1f} ms, one print checked (extraction, refresh, search) "
        f"{min(search) * 1000:7.1f} ms; candidates {hits}"
    )


def main() -> None:
    print(machine())
    counts = [int(a) for a in sys.argv[1:]] or [100, 1000]
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            run(count, Path(folder))


if __name__ == "__main__":
    main()
