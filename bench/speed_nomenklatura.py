"""Side by side with OpenSanctions nomenklatura's logic-v1 scorer, on our index's candidates.

nomenklatura is a peer to measure against, never a project dependency: it is installed into
``bench/.venv-nomenklatura`` (created here on first use, git-ignored) and run in a subprocess
(the script :data:`WORKER`). For each traveller, our index nominates candidate entries; both
scorers score the traveller against exactly those entries, with the names the index returned
for each entry, the entry's dates of birth and nationalities. Our scoring time is
``score_candidates`` less the index lookup it starts with (``shortlist``, timed separately
on its second call for the traveller; until round 7 this was ``candidates``, which also
builds a Python object per candidate, some 25 us more than ``score_candidates`` spends on
the lookup, so earlier figures flattered ours by that much), every
candidate scored, and also as ``screen`` runs it, with the exact score bound that skips
entries which cannot reach the threshold (the same hits at the threshold). The bounded run
comes first for each traveller, as in service; the every-candidate run after it finds the
part pairs the first compared already remembered, so it flatters ours a little; both sides run
with Python's cyclic garbage collector off while timed, and both are timed in CPU time of
the thread (``time.thread_time_ns``: the machine may be shared, and waiting for a core is
not work). The index lookup is timed on its second call for the traveller, as warm as the
one inside ``score_candidates`` (the index caches what it found for each name part).
logic-v1 is invoked as its own API does:
``LogicV1.compare(query_entity, candidate_entity, LogicV1.default_config())`` on
FollowTheMoney ``Person`` entities (nomenklatura 4.17.4 on Python 3.11; the class is in
``nomenklatura.matching.logic_v1.model``).
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from screening_data import key

from borderpost.screening.countries import country
from borderpost.screening.engine import DEFAULT_THRESHOLD, Screener
from borderpost.screening.model import ListEntry
from borderpost.screening.query import Query

VENV = Path(__file__).resolve().parent / ".venv-nomenklatura"
THEIR_THRESHOLD = 0.7  # yente's default match threshold
WARM_UP = 20

WORKER = r"""
import json, sys, time
import importlib.metadata as md
from followthemoney import model
from nomenklatura.matching import LogicV1

def person(item, eid):
    entity = model.make_entity("Person")
    entity.id = eid
    for name in item["names"]:
        entity.add("name", name)
    for prop in ("birthDate", "nationality", "gender"):
        for value in item.get(prop, []):
            entity.add(prop, value, quiet=True)
    return entity

import gc
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
warm = int(sys.argv[2])
config = LogicV1.default_config()
for row in rows:
    row["entities"] = [person(c, c["id"]) for c in row["candidates"]]
results = []
gc.collect()
gc.disable()
for index, row in enumerate(rows):
    start = time.thread_time_ns()
    query = person(row["query"], "query")
    scores = {e.id: LogicV1.compare(query, e, config).score for e in row["entities"]}
    elapsed = time.thread_time_ns() - start
    if index >= warm:
        results.append({"id": row["id"], "ns": elapsed, "scores": scores})
print(json.dumps({"version": md.version("nomenklatura"), "results": results}))
"""


def ensure_venv(version: str, console: Console) -> tuple[Path | None, str]:
    """The bench venv's python with nomenklatura ``version`` installed, or None and why not."""
    python = VENV / "bin" / "python"
    check = [str(python), "-c", "import importlib.metadata as m; print(m.version('nomenklatura'))"]
    if python.exists():
        found = subprocess.run(check, capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.strip() == version:
            return python, f"nomenklatura {version} in {VENV.name}"
    else:
        console.print(f"creating {VENV} (first run only)")
        made = subprocess.run(
            [sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True, check=False
        )
        if made.returncode != 0:
            return None, f"python -m venv failed: {made.stderr.strip()[-500:]}"
    console.print(f"installing nomenklatura=={version} into {VENV.name} (about a minute)")
    pip = [str(python), "-m", "pip", "install", "--quiet", f"nomenklatura=={version}"]
    installed = subprocess.run(pip, capture_output=True, text=True, check=False, timeout=1800)
    if installed.returncode != 0:
        return None, f"pip install nomenklatura=={version} failed: {installed.stderr[-800:]}"
    return python, f"nomenklatura {version} installed in {VENV.name}"


def _ftm(entry: ListEntry, names: Sequence[str]) -> dict[str, object]:
    dates = sorted(
        {str(d.start) for d in entry.birth_dates} | {str(d.end) for d in entry.birth_dates if d.end}
    )
    nationalities = [
        row.alpha2.lower()
        for code in entry.nationalities
        if (row := country(code)) is not None and row.alpha2
    ]
    gender = [entry.gender] if entry.gender else []
    return {
        "id": key(entry),
        "names": list(names),
        "birthDate": dates,
        "nationality": nationalities,
        "gender": gender,
    }


def _query(query: Query) -> dict[str, object]:
    row = country(query.nationality) if query.nationality else None
    return {
        "names": [query.name],
        "birthDate": [str(query.birth_date)] if query.birth_date else [],
        "nationality": [row.alpha2.lower()] if row is not None and row.alpha2 else [],
        "gender": [query.gender] if query.gender else [],
    }


def _stats(samples_ns: Sequence[float]) -> dict[str, float]:
    ms = sorted(s / 1e6 for s in samples_ns)
    cuts = statistics.quantiles(ms, n=20, method="inclusive")
    return {
        "mean_ms": round(statistics.fmean(ms), 3),
        "p50_ms": round(statistics.median(ms), 3),
        "p95_ms": round(cuts[18], 3),
    }


def compare_nomenklatura(
    screener: Screener,
    queries: Sequence[tuple[Query, str]],
    *,
    version: str,
    console: Console,
) -> dict[str, object]:
    """Score the same candidates with ours and logic-v1; times and agreement."""
    python, status = ensure_venv(version, console)
    console.print(f"nomenklatura logic-v1: {status}", markup=False)
    if python is None:
        return {"status": status}
    limit = screener.config.candidates
    rows: list[dict[str, object]] = []
    ours_ns: list[float] = []
    retrieval_ns: list[float] = []
    ours_bounded_ns: list[float] = []  # scoring as screen() does: the exact bound first
    our_scores: list[dict[str, float]] = []
    entries_per_traveller: list[int] = []
    gc.collect()
    gc.disable()  # both sides time with the cyclic collector off (its pauses: see latency)
    clock = time.thread_time_ns
    for number, (query, expected) in enumerate(queries):
        candidates = screener.index.candidates(query.name, limit=limit)
        start = clock()
        screener.index.shortlist(query.name, limit=limit)  # the lookup score_candidates makes
        found = clock()
        # as screen() runs it first, while nothing of this traveller's is cached yet; every
        # candidate scored after it (that run finds the part pairs of the first remembered)
        screener.score_candidates(query, floor=DEFAULT_THRESHOLD)
        bounded = clock()
        hits = screener.score_candidates(query)
        done = clock()
        if number >= WARM_UP:
            retrieval_ns.append(found - start)
            ours_bounded_ns.append(max(0, (bounded - found) - (found - start)))
            ours_ns.append(max(0, (done - bounded) - (found - start)))
        names: dict[int, list[str]] = defaultdict(list)
        for candidate in candidates:
            names[candidate.entry].append(candidate.name)
        rows.append(
            {
                "id": number,
                "expected": expected,
                "query": _query(query),
                "candidates": [_ftm(screener.entries[e], n) for e, n in names.items()],
            }
        )
        our_scores.append({key(h.entry): h.score for h in hits})
        entries_per_traveller.append(len(names))
    gc.enable()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    run = subprocess.run(
        [str(python), "-c", WORKER, f.name, str(WARM_UP)],
        capture_output=True,
        text=True,
        check=False,
    )
    Path(f.name).unlink()
    if run.returncode != 0:
        return {"status": f"logic-v1 run failed: {run.stderr[-800:]}"}
    theirs = json.loads(run.stdout)
    their_ns = [r["ns"] for r in theirs["results"]]
    their_scores = {r["id"]: r["scores"] for r in theirs["results"]}
    timed = rows[WARM_UP:]
    pairs = sum(entries_per_traveller[WARM_UP:])
    agreement = _agreement(timed, our_scores, their_scores)
    result: dict[str, object] = {
        "status": status,
        "version": theirs["version"],
        "travellers": len(timed),
        "candidate_entries_per_traveller": round(pairs / max(1, len(timed)), 1),
        "ours_scoring": _stats(ours_ns),
        "ours_retrieval": _stats(retrieval_ns),
        "theirs_scoring": _stats(their_ns),
        "theirs_over_ours_mean": round(statistics.fmean(their_ns) / statistics.fmean(ours_ns), 2),
        "theirs_over_ours_median": round(
            statistics.median(their_ns) / statistics.median(ours_ns), 2
        ),
        # screen() at the threshold: entries whose best possible score is below it are not
        # compared (the same hits; logic-v1 has no such bound and scores every candidate)
        "ours_at_threshold": _stats(ours_bounded_ns),
        "theirs_over_ours_at_threshold_mean": round(
            statistics.fmean(their_ns) / max(1.0, statistics.fmean(ours_bounded_ns)), 2
        ),
        **agreement,
    }
    console.print(f"  {result}", soft_wrap=True, markup=False)
    return result


def _agreement(
    rows: Sequence[dict[str, object]],
    ours: Sequence[dict[str, float]],
    theirs: dict[int, dict[str, float]],
) -> dict[str, object]:
    """Expected entry found (variant queries) and false alerts (clean travellers), each side at
    its own default threshold (ours 0.80, logic-v1 0.70 as yente uses) and both at 0.80."""
    found = {"ours": 0, "theirs_0.7": 0, "theirs_0.8": 0}
    alerts = {"ours": 0, "theirs_0.7": 0, "theirs_0.8": 0}
    variants = clean = 0
    for row in rows:
        number = int(row["id"])  # type: ignore[call-overload]
        mine, other = ours[number], theirs.get(number, {})
        expected = str(row["expected"])
        if expected:
            variants += 1
            found["ours"] += mine.get(expected, 0.0) >= DEFAULT_THRESHOLD
            found["theirs_0.7"] += other.get(expected, 0.0) >= THEIR_THRESHOLD
            found["theirs_0.8"] += other.get(expected, 0.0) >= DEFAULT_THRESHOLD
        else:
            clean += 1
            alerts["ours"] += any(s >= DEFAULT_THRESHOLD for s in mine.values())
            alerts["theirs_0.7"] += any(s >= THEIR_THRESHOLD for s in other.values())
            alerts["theirs_0.8"] += any(s >= DEFAULT_THRESHOLD for s in other.values())
    return {
        "variant_queries": variants,
        "expected_found": found,
        "clean_travellers": clean,
        "clean_with_alert": alerts,
    }
