"""A day of a generated world's crossings run through the real primary-inspection workflow.

The world's ports are registered and its officers become user accounts (one supervisor per
port besides); each crossing of the chosen day is then inspected with the document the
traveller presented, by the officer the world put at the booth, at the time it happened, and
decided the way that officer behaves in the world: an officer the world says *cleared* a
traveller tries to admit them (clearing any hits), one who *referred* refers, one who
*refused* refuses. The workflow's own rules apply: a hit cannot be cleared without a reason,
and leniency the rules do not allow waits for a supervisor. The truth then says which
crossings the booth should have stopped and which it did.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderpost.identity.service import create_user
from borderpost.inspection import InspectionError, decide, inspect
from borderpost.inspection.ports import add_port
from borderpost.screening.engine import Screener
from borderpost.sim.world.geography import geography
from borderpost.store import Store, UnitOfWork
from borderpost.store.repos.ports import PortRepo
from borderpost.store.repos.users import UserRepo
from borderpost.worldgen.sinks import records

__all__ = ["BoothDay", "run_day", "staff_world"]

ACTOR = "sim:booth"
# What the booth should stop, from the truth: document statuses and why they matter.
SUSPECT_DOCUMENTS = {
    "forged": "forged document",
    "lost_stolen": "document reported lost or stolen",
    "blank_stolen": "blank stolen booklet",
    "impostor": "impostor on another's document",
    "replaced": "document reported stolen, since replaced",
}
ACTIONS = {"cleared": "admit", "referred": "refer", "refused": "refuse"}


@dataclass(slots=True)
class BoothDay:
    """What happened at the booths on one day, against the truth."""

    day: dt.date
    inspected: int = 0
    suspect: int = 0  # crossings the truth says the booth should stop
    stopped: int = 0  # of those, suggested anything but admit
    false_stops: int = 0  # innocent crossings suggested anything but admit
    suggestions: Counter[str] = field(default_factory=Counter)
    decisions: Counter[str] = field(default_factory=Counter)  # decision / approval state
    refused_by_rules: Counter[str] = field(default_factory=Counter)  # workflow errors, by kind
    missed: list[str] = field(default_factory=list)  # suspect crossings admitted as suggested
    caught: list[str] = field(default_factory=list)


def staff_world(store: Store, folder: Path, now: dt.datetime) -> int:
    """Register the world's ports and its officers (plus a supervisor per port) as accounts;
    what already exists is left alone. Returns the accounts created."""
    created = 0
    with UnitOfWork(store) as uow:
        ports = PortRepo(uow.session)
        for port in geography().ports:
            if ports.by_code(port.code) is None:
                add_port(
                    uow.session,
                    code=port.code,
                    name=port.name,
                    kind=port.kind,
                    country=geography().home.code,
                    remote=port.remote,
                    actor=ACTOR,
                    now=now,
                )
        users = UserRepo(uow.session)
        accounts = [
            (o["id"].lower(), "officer", o["port"]) for o in records(folder / "officers.jsonl")
        ]
        accounts += [(f"sup-{p.code.lower()}", "supervisor", p.code) for p in geography().ports]
        for username, role, port in accounts:
            if users.by_username(username) is None:
                # Generated accounts never log in: a random password nobody knows.
                create_user(
                    uow.session,
                    username=username,
                    password=secrets.token_urlsafe(24),
                    role=role,
                    port_code=port,
                    actor=ACTOR,
                    now=now,
                )
                created += 1
        uow.commit()
    return created


def _suspicion(crossing: dict[str, Any], truth: dict[str, Any]) -> str | None:
    reasons = []
    if crossing["traveller_id"] in truth["listed"]:
        reasons.append("watchlisted traveller")
    status = truth["documents"].get(crossing["document_id"])
    if status in SUSPECT_DOCUMENTS:
        reasons.append(SUSPECT_DOCUMENTS[status])
    return "; ".join(reasons) or None


def _truth(folder: Path) -> dict[str, Any]:
    raw = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return {
        "start": dt.date.fromisoformat(raw["world"]["start"]),
        "listed": {t["traveller_id"] for t in raw["watchlist"] if t["traveller_id"]},
        "documents": {d["document_id"]: d["status"] for d in raw["documents"]},
    }


def run_day(
    store: Store,
    folder: Path,
    screener: Screener,
    *,
    day: int = 0,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BoothDay:
    """Inspect and decide every crossing of day ``day`` of the world at ``folder``.

    The world must be staffed first (:func:`staff_world`).
    """
    truth = _truth(folder)
    when: dt.date = truth["start"] + dt.timedelta(days=day)
    crossings = sorted(
        (c for c in records(folder / "crossings.jsonl") if c["time"].startswith(when.isoformat())),
        key=lambda c: (c["time"], c["id"]),
    )[:limit]
    wanted = {c["document_id"] for c in crossings}
    documents = {
        d["id"]: d["mrz"] for d in records(folder / "documents.jsonl") if d["id"] in wanted
    }
    result = BoothDay(when)
    for number, crossing in enumerate(crossings):
        if progress is not None:
            progress(number, len(crossings))
        _one(store, screener, crossing, documents[crossing["document_id"]], truth, result)
    if progress is not None:
        progress(len(crossings), len(crossings))
    return result


def processing_time(crossing_id: str, suggested: str) -> dt.timedelta:
    """How long the officer takes over a traveller: 20-60 s, a minute more when the system
    suggests anything but admit (hits to read). Stable for a crossing id."""
    seconds = 20 + zlib.crc32(crossing_id.encode("utf-8")) % 41
    return dt.timedelta(seconds=seconds + (0 if suggested == "admit" else 60))


def _one(
    store: Store,
    screener: Screener,
    crossing: dict[str, Any],
    mrz: str,
    truth: dict[str, Any],
    result: BoothDay,
) -> None:
    now = dt.datetime.fromisoformat(crossing["time"]).replace(tzinfo=dt.UTC)
    suspicion = _suspicion(crossing, truth)
    with UnitOfWork(store) as uow:
        officer = UserRepo(uow.session).by_username(crossing["officer_id"].lower())
        if officer is None:
            raise LookupError(f"officer {crossing['officer_id']} has no account: staff the world")
        inspected = inspect(
            uow, screener, officer, mrz, crossing["port"], crossing["direction"], now
        )
        action = inspected.suggestion.action
        result.inspected += 1
        result.suggestions[action] += 1
        label = f"{crossing['id']} {inspected.document.surname} {inspected.document.given_names}"
        if suspicion is not None:
            result.suspect += 1
            if action != "admit":
                result.stopped += 1
                result.caught.append(f"{label}: {suspicion} -> {action}")
            else:
                result.missed.append(f"{label}: {suspicion}, suggested admit")
        elif action != "admit":
            result.false_stops += 1
        choice = ACTIONS.get(crossing["decision"], "refer")
        if action == "admit":
            choice = "admit"
        cleared = {hit.id: "officer judged it a different person" for hit in inspected.hits}
        decided_at = now + processing_time(crossing["id"], action)
        try:
            decision = decide(
                uow,
                inspected.inspection_id,
                officer,
                choice,
                f"primary inspection: {choice} as the officer saw fit",
                cleared if choice == "admit" else None,
                decided_at,
            )
            result.decisions[f"{decision.decision} ({decision.approval})"] += 1
        except InspectionError as exc:
            result.refused_by_rules[type(exc).__name__] += 1
            refer = "refer" if action != "admit" else "admit"
            decision = decide(
                uow,
                inspected.inspection_id,
                officer,
                refer,
                f"{refer}: workflow rules applied",
                None,
                decided_at,
            )
            result.decisions[f"{decision.decision} ({decision.approval})"] += 1
        uow.commit()
