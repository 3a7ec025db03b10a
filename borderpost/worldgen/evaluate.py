"""Score the booth against a generated world's truth: every crossing screened as an officer would.

For each distinct (traveller, document) pair that crosses, the document's MRZ is read with the
documents engine, the name, date of birth, nationality and sex it prints are screened against
the world's watchlist, and its number is looked up in the world's lost/stolen list. The truth
then says which of those answers were right:

- watchlist: a listed traveller is *recalled* when a hit names their own entry; a traveller
  with a hit on an entry that is not theirs is a *false alert*;
- lost/stolen: a crossing with a document the truth says was reported lost or stolen (the
  holder's own, one an impostor carries, or a booklet taken blank) is
  *caught* when the lookup finds it; a hit on any other document is a false hit;
- forged documents: *caught* when the documents engine reports the finding the planted
  defect must raise (read on the day of the crossing); a genuine, unexpired document with an
  error finding is a false one.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderpost.documents import parse
from borderpost.screening.countries import to_alpha3
from borderpost.screening.engine import Screener
from borderpost.screening.query import Query
from borderpost.watchlists.files import read_lost_stolen, read_watchlist
from borderpost.worldgen.sinks import records

__all__ = ["Catch", "WorldScore", "score_world"]

EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Catch:
    """Detections of one kind against the truth."""

    planted: int = 0  # how many the truth says there are among the screened
    caught: int = 0
    false: int = 0  # answers the truth does not support

    @property
    def recall(self) -> float:
        return self.caught / self.planted if self.planted else 1.0


@dataclass(slots=True)
class WorldScore:
    """How screening at the booth fared on a world, with a few caught cases to show."""

    screened: int = 0
    watchlist: Catch = field(default_factory=Catch)
    lost_stolen: Catch = field(default_factory=Catch)
    forged: Catch = field(default_factory=Catch)
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def false_alerts_per_1000(self) -> float:
        return 1000 * self.watchlist.false / self.screened if self.screened else 0.0

    def to_dict(self) -> dict[str, object]:
        def figures(catch: Catch) -> dict[str, object]:
            return {
                "planted": catch.planted,
                "caught": catch.caught,
                "false": catch.false,
                "recall": round(catch.recall, 4),
            }

        return {
            "screened": self.screened,
            "watchlist": figures(self.watchlist),
            "false_alerts_per_1000": round(self.false_alerts_per_1000, 2),
            "lost_stolen": figures(self.lost_stolen),
            "forged": figures(self.forged),
            "seconds": round(self.seconds, 2),
            "examples": self.examples,
        }


def _query(document: dict[str, Any]) -> Query:
    return Query.parse(
        f"{document['given_names']} {document['surname']}".strip(),
        dob=document["birth_date"],
        nationality=to_alpha3(document["nationality"]) or None,
        gender=document["sex"] if document["sex"] in ("M", "F") else None,
    )


def score_world(folder: Path, *, progress: Callable[[int, int], None] | None = None) -> WorldScore:
    """Screen every distinct traveller/document pair that crosses in the world at ``folder``.

    Args:
        folder: a world written by ``borderpost sim world``.
        progress: called with (done, total) now and then.

    Raises:
        ListInputError, ListContentError: the world's list files are missing or malformed.
        FileNotFoundError: another file of the world is missing.
    """
    started = time.perf_counter()
    entries = read_watchlist("csv", [folder / "watchlist.csv"], list_name="sim-watchlist")
    stolen = read_lost_stolen([folder / "lost_stolen.csv"])
    screener = Screener(entries.snapshot.entries, lost_stolen=stolen.records)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    refers = {t["entry_id"]: t["traveller_id"] for t in truth["watchlist"]}
    listed = {t for t in refers.values() if t is not None}
    status = {d["document_id"]: d["status"] for d in truth["documents"]}
    planted = {d["document_id"]: d.get("finding") for d in truth["documents"]}
    was_reported = {d["document_id"] for d in truth["documents"] if d.get("reported")}
    documents = {d["id"]: d for d in records(folder / "documents.jsonl")}
    first: dict[tuple[str, str], str] = {}
    for crossing in records(folder / "crossings.jsonl"):
        first.setdefault((crossing["traveller_id"], crossing["document_id"]), crossing["time"])
    pairs = sorted(first)
    score = WorldScore()
    watch = {"planted": 0, "caught": 0, "false": 0}
    lost = {"planted": 0, "caught": 0, "false": 0}
    forged = {"planted": 0, "caught": 0, "false": 0}
    seen_listed: set[str] = set()
    for done, pair in enumerate(pairs):
        traveller, document_id = pair
        if progress is not None and done % 500 == 0:
            progress(done, len(pairs))
        document = documents[document_id]
        screening = screener.screen(_query(document))
        own = [h for h in screening.hits if refers.get(h.entry_id) == traveller]
        if traveller in listed and traveller not in seen_listed:
            seen_listed.add(traveller)
            watch["planted"] += 1
            if own:
                watch["caught"] += 1
                if len(score.examples) < EXAMPLES:
                    hit = own[0]
                    score.examples.append(
                        f"{hit.query_name} ~ listed {hit.name!r} [{hit.entry_id}] {hit.score:.2f}"
                    )
        if len(own) < len(screening.hits):
            watch["false"] += 1
        reported = document_id in was_reported
        found = screener.lost_stolen.lookup(document["number"], document["issuing_state"])
        lost["planted"] += reported
        lost["caught"] += reported and bool(found)
        lost["false"] += (not reported) and bool(found)
        read = parse(document["mrz"], at=dt.date.fromisoformat(first[pair][:10]))
        if status.get(document_id) == "forged":
            forged["planted"] += 1
            forged["caught"] += any(f.code == planted[document_id] for f in read.findings)
        elif any(f.code != "expired" for f in read.errors):
            forged["false"] += 1
        score.screened += 1
    if progress is not None:
        progress(len(pairs), len(pairs))
    score.watchlist = Catch(**watch)
    score.lost_stolen = Catch(**lost)
    score.forged = Catch(**forged)
    score.seconds = time.perf_counter() - started
    return score
