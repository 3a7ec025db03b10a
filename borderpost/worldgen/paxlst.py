"""A world's flights as the PAXLST messages airlines send: one file per day in ``paxlst/``.

Read back from manifests.jsonl once it is written (one flight at a time, so memory stays
flat): each flight-day becomes two interchanges, the passenger list (``BGM+745``) and the
crew list (``BGM+250``), prepared an hour before the scheduled time, with control
references numbered through the world. ``borderpost api parse`` reads the files.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from borderpost.passengers import manifest_from_sim, write_paxlst
from borderpost.passengers.manifest import Role
from borderpost.worldgen.sinks import records

__all__ = ["PAXLST_FOLDER", "write_paxlst_folder"]

PAXLST_FOLDER = "paxlst"
KINDS: tuple[Role, ...] = ("passenger", "crew")
SENT_BEFORE = timedelta(hours=1)


def write_paxlst_folder(manifests: Path, folder: Path, recipient: str) -> int:
    """Write ``folder/<date>.edi`` for every day of ``manifests`` (a world's manifests.jsonl,
    in day order); returns the number of interchanges written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for day, flights in groupby(records(manifests), key=itemgetter("date")):
        with (folder / f"{day}.edi").open("w", encoding="utf-8", newline="\n") as out:
            for record in flights:
                prepared = datetime.fromisoformat(record["scheduled"]) - SENT_BEFORE
                for kind in KINDS:
                    manifest = manifest_from_sim(record, kind=kind)
                    if not manifest.persons:
                        continue
                    written += 1
                    out.write(
                        write_paxlst(
                            [manifest],
                            sender=record["airline"],
                            recipient=recipient,
                            prepared=prepared,
                            control=str(written),
                        )
                    )
    return written
