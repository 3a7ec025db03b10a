"""Write a synthetic world to a folder, traveller by traveller, in flat memory.

``write_world(spec, out_dir)`` builds the officer roster and the network plan (small: they
never hold the population), then streams travellers 0 .. n-1: each one's documents, crossings,
watchlist entry, lost/stolen rows and truth go straight to their files. Flight manifests are
grouped per flight through day bucket files (:mod:`.manifests`), truth.json through section
files (:mod:`.truthfile`). Everything is written into a hidden working folder inside
``out_dir`` and moved into place only when complete: a failure leaves no half-written file
that looks finished.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from borderpost.sim.world import enforcement, networks, officers, truth
from borderpost.sim.world.documents import TravelDocument, batches, papers
from borderpost.sim.world.geography import geography
from borderpost.sim.world.interceptions import events
from borderpost.sim.world.lists import (
    LOST_STOLEN_HEADER,
    WATCHLIST_HEADER,
    batch_rows,
    entry,
    lost_stolen_row,
    outsiders,
    watchlisted,
)
from borderpost.sim.world.model import Officer, Plan
from borderpost.sim.world.movement import Context, Crossing, crossings
from borderpost.sim.world.people import traveller
from borderpost.sim.world.rota import staff
from borderpost.sim.world.spec import WorldSpec
from borderpost.sim.world.trades import currencies
from borderpost.worldgen.manifests import DayBuckets, passenger, write_manifests
from borderpost.worldgen.paxlst import PAXLST_FOLDER, write_paxlst_folder
from borderpost.worldgen.readme import write_readme
from borderpost.worldgen.sinks import CsvSink, JsonLines
from borderpost.worldgen.truthfile import TruthFile

__all__ = ["FILES", "Progress", "Summary", "WorldOutputError", "write_world"]

#: ``progress(phase, done, total)``: phases "travellers", "manifests", "records".
Progress = Callable[[str, int, int], None]
FILES = (
    "travellers.jsonl",
    "documents.jsonl",
    "crossings.jsonl",
    "manifests.jsonl",
    "paxlst",
    "watchlist.csv",
    "lost_stolen.csv",
    "declarations.jsonl",
    "seizures.jsonl",
    "arrests.jsonl",
    "officers.jsonl",
    "truth.json",
    "README.md",
)
PROGRESS_EVERY = 1000


class WorldOutputError(OSError):
    """The output folder cannot be used (it is a file, or cannot be written)."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What was written: records per file, and how long it took."""

    out_dir: Path
    spec: WorldSpec
    counts: dict[str, int]
    seconds: float
    files: tuple[str, ...] = field(default=FILES)


def _prepare(out_dir: Path) -> Path:
    if out_dir.exists() and not out_dir.is_dir():
        raise WorldOutputError(f"{out_dir} is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = out_dir / f".world-{os.getpid()}.partial"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir()
    except OSError as exc:
        raise WorldOutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return work


def _officer_record(officer: Officer) -> dict[str, object]:
    name = officer.name
    return {
        "id": officer.id,
        "name": name.latin_given_first,
        "surname": name.primary,
        "given_names": name.secondary,
        "port": officer.port,
        "shift": officer.shift,
        "birth_date": None if officer.birth_date is None else officer.birth_date.isoformat(),
    }


def _intercepted(spec: WorldSpec, plan: Plan) -> frozenset[str]:
    """The planned crossings the border intercepts (their crossings end in secondary)."""
    return frozenset(p.crossing_id for e in events(spec, plan) for p in e.persons if p.crossing_id)


class _World:
    """The open files of a world being written, and the per-traveller step."""

    def __init__(self, spec: WorldSpec, work: Path) -> None:
        self.spec = spec
        self.work = work
        self.roster = officers.roster(spec)
        self.plan = networks.plan(spec, self.roster)
        self.staff = staff(self.roster)
        self.intercepted = _intercepted(spec, self.plan)
        self.travellers = JsonLines(work / "travellers.jsonl")
        self.documents = JsonLines(work / "documents.jsonl")
        self.crossings = JsonLines(work / "crossings.jsonl")
        self.declarations = JsonLines(work / "declarations.jsonl")
        self.watchlist = CsvSink(work / "watchlist.csv", WATCHLIST_HEADER)
        self.lost_stolen = CsvSink(work / "lost_stolen.csv", LOST_STOLEN_HEADER)
        self.buckets = DayBuckets(work / "days", spec.days)
        self.truth = TruthFile(work / "truth-parts")
        self.batches = batches(spec)
        for batch in self.batches:
            for row in batch_rows(batch):
                self.lost_stolen.write(row)

    def add(self, index: int) -> None:
        """Generate traveller ``index`` and write everything about them."""
        spec = self.spec
        person = traveller(spec, index)
        held = papers(spec, person)
        member = bool(self.plan.memberships(index))
        listed = watchlisted(spec, index, member)
        context = Context(self.staff, listed, self.plan.trips_of(index), self.intercepted)
        passages = crossings(spec, context, person, held[0])
        record = {
            "id": person.id,
            "name": person.name.latin,
            "native_name": person.name.native,
            "surname": person.name.primary,
            "given_names": person.name.secondary,
            "culture": person.name.culture,
            "script": str(person.name.script),
            "birth_date": person.birth_date.isoformat(),
            "gender": person.gender,
            "nationality": person.nationality,
            "residence": person.residence,
            "phone": person.phone,
            "address": person.address,
            "document_ids": [d.id for d in held],
        }
        self.travellers.write(record)
        for document in held:
            self.documents.write(document.to_record())
            self.truth.add("documents", truth.document(document))
            if document.reported in ("lost", "stolen"):
                self.lost_stolen.write(lost_stolen_row(document))
        if listed:
            listing = entry(spec, person, held[0])
            self.watchlist.write(listing.row())
            self.truth.add("watchlist", listing.truth())
        for crossing in passages:
            self.crossings.write(crossing.to_record())
            self.truth.add("network_crossings", truth.network_crossing(crossing))
            if crossing.flight is not None and crossing.flight_date is not None:
                offset = (crossing.flight_date - spec.start).days
                self.buckets.add(offset, crossing.flight.number, passenger(crossing))
            if crossing.declaration is not None:
                self.declarations.write(_declaration(crossing, held[0]))
        self.truth.add("overstayers", truth.overstayer(passages))

    def finish(self, progress: Progress | None) -> dict[str, int]:
        """Write what comes after the travellers; return the record count of every file."""
        spec = self.spec
        for listing in outsiders(spec):
            self.watchlist.write(listing.row())
            self.truth.add("watchlist", listing.truth())
        counts: dict[str, int] = {}
        with JsonLines(self.work / "manifests.jsonl") as manifests:
            write_manifests(
                spec,
                self.buckets,
                manifests,
                None if progress is None else lambda d, t: progress("manifests", d, t),
            )
            counts["manifests.jsonl"] = manifests.count
        shutil.rmtree(self.buckets.folder)
        if progress is not None:
            progress("paxlst", 0, 1)
        counts[PAXLST_FOLDER] = write_paxlst_folder(
            self.work / "manifests.jsonl", self.work / PAXLST_FOLDER, geography().home.code
        )
        if progress is not None:
            progress("records", 0, 1)
        self.declarations.write_all(enforcement.courier_declarations(spec, self.plan))
        with JsonLines(self.work / "seizures.jsonl") as seizures:
            seizures.write_all(enforcement.seizures(spec, self.plan, self.roster))
            counts["seizures.jsonl"] = seizures.count
        with JsonLines(self.work / "arrests.jsonl") as arrests:
            arrests.write_all(enforcement.arrests(spec, self.plan))
            counts["arrests.jsonl"] = arrests.count
        with JsonLines(self.work / "officers.jsonl") as roster:
            roster.write_all(_officer_record(o) for o in self.roster)
            counts["officers.jsonl"] = roster.count
        for sink in (self.travellers, self.documents, self.crossings, self.declarations):
            sink.close()
            counts[sink.path.name] = sink.count
        for table in (self.watchlist, self.lost_stolen):
            table.close()
            counts[table.path.name] = table.count
        self.truth.set("world", truth.world(spec, counts))
        self.truth.set("defects", truth.defects())
        self.truth.set("batches", truth.batches(self.batches))
        self.truth.set("officers", truth.corrupt_officers(self.roster))
        self.truth.set("networks", networks.truth(self.plan))
        self.truth.set("enforcement", enforcement.truth(spec, self.plan))
        self.truth.finish(self.work / "truth.json")
        shutil.rmtree(self.work / "truth-parts")
        counts = {name: counts[name] for name in FILES if name in counts}
        write_readme(self.work / "README.md", spec, counts)
        if progress is not None:
            progress("records", 1, 1)
        return counts


def _declaration(crossing: Crossing, document: TravelDocument) -> dict[str, object]:
    """An honest traveller's currency declaration (the fields of enforcement's declarations)."""
    declared = crossing.declaration
    assert declared is not None
    rate = currencies()[declared.currency]
    amount = round(declared.usd / rate / 10) * 10
    return {
        "id": f"DH{crossing.id[1:]}",
        "traveller_id": crossing.traveller_id,
        "name": f"{document.given_names} {document.surname}".strip(),
        "birth_date": document.birth_date.isoformat(),
        "nationality": document.nationality,
        "date": crossing.when.date().isoformat(),
        "time": crossing.when.strftime("%H:%M"),
        "port": crossing.port,
        "direction": crossing.direction,
        "currency": declared.currency,
        "amount": amount,
        "amount_usd": int(amount * rate),
        "source": declared.source,
        "purpose": declared.purpose,
    }


def write_world(spec: WorldSpec, out_dir: Path, progress: Progress | None = None) -> Summary:
    """Generate the world ``spec`` into ``out_dir`` (created if missing; files replaced).

    Raises:
        WorldOutputError: ``out_dir`` is a file or cannot be written.
    """
    started = time.perf_counter()
    work = _prepare(out_dir)
    try:
        world = _World(spec, work)
        for index in range(spec.travellers):
            world.add(index)
            if progress is not None and (index + 1) % PROGRESS_EVERY == 0:
                progress("travellers", index + 1, spec.travellers)
        if progress is not None:
            progress("travellers", spec.travellers, spec.travellers)
        counts = world.finish(progress)
        for name in FILES:
            if (out_dir / name).is_dir():
                shutil.rmtree(out_dir / name)  # a folder (paxlst/) is replaced whole
            os.replace(work / name, out_dir / name)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise WorldOutputError(f"cannot write the world to {out_dir}: {exc}") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    work.rmdir()
    return Summary(out_dir, spec, counts, time.perf_counter() - started)
