"""Flight manifests, grouped per flight without holding the world's crossings in memory.

While travellers stream by, each air crossing's passenger line goes into a bucket file of its
flight's day (:class:`DayBuckets`, small buffers flushed to disk). Once every traveller is
written, each day's bucket is read back on its own and its flights written in schedule order,
passengers by crossing id: memory holds one day of one world's flights at a time, as the JSON
text of each passenger line (a few hundred bytes each) rather than as parsed records.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from borderpost.sim.world.flights import crew, schedule
from borderpost.sim.world.movement import Crossing
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen.sinks import JsonLines, dumps

__all__ = ["DayBuckets", "passenger", "write_manifests"]

FLUSH_LINES = 20_000


def passenger(crossing: Crossing) -> dict[str, Any]:
    """A passenger line of a manifest: what the airline sends from the passport."""
    document = crossing.document
    return {
        "crossing_id": crossing.id,
        "traveller_id": crossing.traveller_id,
        "surname": document.surname,
        "given_names": document.given_names,
        "birth_date": document.birth_date.isoformat(),
        "sex": document.sex,
        "nationality": document.nationality,
        "document_number": document.number,
        "document_country": document.issuing_state,
    }


class DayBuckets:
    """Passenger lines by flight day, buffered and appended to one file per day."""

    def __init__(self, folder: Path, days: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.days = days
        self._buffers: dict[int, list[str]] = {}
        self._buffered = 0

    def _path(self, offset: int) -> Path:
        return self.folder / f"day-{offset:05d}.jsonl"

    def add(self, offset: int, flight: str, line: dict[str, Any]) -> None:
        """Keep a passenger of ``flight`` on day ``offset`` (days outside the window are
        dropped: their manifests are not in the world)."""
        if not 0 <= offset < self.days:
            return
        self._buffers.setdefault(offset, []).append(f"{flight}\t{dumps(line)}\n")
        self._buffered += 1
        if self._buffered >= FLUSH_LINES:
            self.flush()

    def flush(self) -> None:
        """Append every buffered line to its day's file."""
        for offset, lines in sorted(self._buffers.items()):
            with self._path(offset).open("a", encoding="utf-8", newline="\n") as file:
                file.writelines(lines)
        self._buffers.clear()
        self._buffered = 0

    def read(self, offset: int) -> dict[str, list[str]]:
        """Day ``offset``'s passenger lines (JSON text) by flight number."""
        found: dict[str, list[str]] = {}
        path = self._path(offset)
        if not path.exists():
            return found
        with path.open(encoding="utf-8") as file:
            for text in file:
                flight, line = text.rstrip("\n").split("\t", 1)
                found.setdefault(flight, []).append(line)
        return found


def write_manifests(
    spec: WorldSpec,
    buckets: DayBuckets,
    sink: JsonLines,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """One manifest per scheduled flight per day, passengers and crew, in day order."""
    buckets.flush()
    flights = schedule(spec)
    for offset in range(spec.days):
        day: date = spec.day(offset)
        passengers = buckets.read(offset)
        for flight in flights:
            # Every passenger line starts {"crossing_id":"C...": their text sorts by crossing.
            on_board = ",".join(sorted(passengers.get(flight.number, ())))
            head = dumps(
                {
                    "flight": flight.number,
                    "airline": flight.airline,
                    "date": day.isoformat(),
                    "origin": flight.origin,
                    "destination": flight.destination,
                    "direction": flight.leg,
                    "port": flight.port,
                    "scheduled": flight.at(day).isoformat(timespec="minutes"),
                }
            )
            crew_text = dumps([member.to_record() for member in crew(spec, flight, day)])
            sink.write_text(f'{head[:-1]},"passengers":[{on_board}],"crew":{crew_text}}}')
        if progress is not None:
            progress(offset + 1, spec.days)
