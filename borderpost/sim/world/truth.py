"""The ground truth of a world: every planted fact, as JSON-ready data.

truth.json is a JSON object with the sections of :data:`SECTIONS`, in that order. The small
ones (``world``, ``defects``, ``batches``, ``officers``, ``networks``, ``enforcement``) are
dictionaries built here at once; the per-traveller ones (``documents``, ``watchlist``,
``overstayers``, ``network_crossings``) are lists whose items the writer streams while it
generates travellers, one function here per item. Nothing in truth.json is needed to read the
other files; everything in it is what a test or an evaluation compares them with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from borderpost.sim.world import tables
from borderpost.sim.world.documents import Batch, TravelDocument
from borderpost.sim.world.model import Officer
from borderpost.sim.world.movement import Crossing
from borderpost.sim.world.spec import WorldSpec

__all__ = [
    "LISTS",
    "SECTIONS",
    "batches",
    "corrupt_officers",
    "defects",
    "document",
    "network_crossing",
    "overstayer",
    "world",
]

#: truth.json's sections in file order; those in LISTS are streamed item by item.
SECTIONS = (
    "world",
    "defects",
    "documents",
    "batches",
    "watchlist",
    "overstayers",
    "network_crossings",
    "officers",
    "networks",
    "enforcement",
)
LISTS = frozenset({"documents", "watchlist", "overstayers", "network_crossings"})


def world(spec: WorldSpec, counts: dict[str, int]) -> dict[str, Any]:
    """The parameters of the world and how many records each file holds."""
    return {
        "seed": spec.seed,
        "travellers": spec.travellers,
        "days": spec.days,
        "start": spec.start.isoformat(),
        "end": spec.end.isoformat(),
        "counts": dict(sorted(counts.items())),
    }


def defects() -> dict[str, Any]:
    """Each defect kind of a forged document and the finding the documents engine raises."""
    return {
        d.kind: {"finding": d.finding, "field": d.field, "summary": d.summary}
        for d in tables.defects()
    }


def document(doc: TravelDocument) -> dict[str, Any] | None:
    """The truth about a document that is not simply genuine (None for a genuine one)."""
    if doc.status == "genuine" and not doc.reported:
        return None
    found: dict[str, Any] = {
        "document_id": doc.id,
        "number": doc.number,
        "issuing_state": doc.issuing_state,
        "status": doc.status,
        "holder_id": doc.holder_id,
        "bearer_id": doc.bearer_id or None,
        "reported": doc.reported or None,
        "reported_on": None if doc.reported_on is None else doc.reported_on.isoformat(),
    }
    if doc.status == "forged":
        kind = next(d for d in tables.defects() if d.kind == doc.defect)
        found.update(defect=kind.kind, finding=kind.finding, field=kind.field)
    if doc.status == "blank_stolen":
        found["batch"] = doc.defect
    return found


def batches(found: Sequence[Batch]) -> dict[str, Any]:
    """The stolen blank booklet batches (their numbers are all in lost_stolen.csv)."""
    return {
        b.id: {
            "country": b.country,
            "first": b.numbers[0],
            "last": b.numbers[-1],
            "booklets": len(b.numbers),
            "reported_on": b.reported_on.isoformat(),
        }
        for b in found
    }


def overstayer(crossings: Sequence[Crossing]) -> dict[str, Any] | None:
    """A traveller's overstay: the entry, the permitted date, and the late exit (if seen)."""
    for number, crossing in enumerate(crossings):
        if not crossing.overstay:
            continue
        assert crossing.permitted_until is not None
        later = crossings[number + 1] if number + 1 < len(crossings) else None
        return {
            "traveller_id": crossing.traveller_id,
            "entry_id": crossing.id,
            "permitted_until": crossing.permitted_until.isoformat(),
            "exit_id": None if later is None else later.id,
            "exit_time": None if later is None else later.when.isoformat(timespec="minutes"),
        }
    return None


def network_crossing(crossing: Crossing) -> dict[str, Any] | None:
    """Which network planned a crossing, and what it carried (None for an ordinary one)."""
    if not crossing.network_id:
        return None
    return {
        "crossing_id": crossing.id,
        "planned_id": crossing.planned_id,
        "network_id": crossing.network_id,
        "commodity": crossing.commodity,
        "concealment": crossing.concealment or None,
    }


def corrupt_officers(roster: Iterable[Officer]) -> dict[str, Any]:
    """The corrupt officers and the network paying each (officers.jsonl does not say)."""
    return {o.id: {"network_id": o.network_id, "port": o.port} for o in roster if o.corrupt}
