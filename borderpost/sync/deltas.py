"""Lists flow from HQ to posts as deltas against the version the post holds.

* **Watchlists** (national lookouts included): the post says which HQ version number it holds
  of each list; HQ answers, for each list with newer versions, the entries changed or
  re-listed since (their current content) and the entries removed since. However many
  versions the post missed, one delta brings it to HQ's newest; the post stores it as one
  new local version of the list (``source_format`` ``sync``).
* **Lost/stolen lists** are replaced whole at HQ and have no versions: the post sends the
  SHA-256 of each list's records and HQ sends a list whose digest differs, whole.
* **Arrival lookouts** for the post's port: the post says the highest HQ lookout id it holds,
  HQ sends the newer ones.

Targeting rules are files shipped with the software, not data: they reach a post with the
software update that carries them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from borderpost.screening.lost_stolen import LostStolenRecord
from borderpost.screening.model import ListSnapshot
from borderpost.screening.report import ImportReport
from borderpost.screening.serialize import entry_from_dict
from borderpost.store import UnitOfWork
from borderpost.store.models import (
    ArrivalLookout,
    LostStolenDocument,
    SyncListState,
    Watchlist,
    WatchlistEntry,
    WatchlistVersion,
)
from borderpost.sync.errors import SyncApplyError
from borderpost.watchlists.errors import UnknownListError
from borderpost.watchlists.service import (
    import_lost_stolen,
    import_snapshot,
    load_entries,
    lost_stolen_records,
)

__all__ = [
    "AppliedDeltas",
    "apply_deltas",
    "held_versions",
    "list_deltas",
    "lost_stolen_digest",
]

WATCHLIST, LOST_STOLEN, LOOKOUTS = "watchlist", "lost_stolen", "lookouts"


def _record_dict(record: LostStolenRecord) -> dict[str, Any]:
    return {
        "country": record.country,
        "number": record.number,
        "document_type": record.document_type,
        "status": record.status,
        "reported_on": None if record.reported_on is None else record.reported_on.isoformat(),
        "reference": record.reference,
    }


def lost_stolen_digest(records: list[LostStolenRecord]) -> str:
    """SHA-256 over a lost/stolen list's records, in a canonical order."""
    rows = sorted(json.dumps(_record_dict(r), sort_keys=True) for r in records)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _watchlist_deltas(session: Session, held: Mapping[str, int]) -> list[dict[str, Any]]:
    changed = aliased(WatchlistVersion)
    removed = aliased(WatchlistVersion)
    newest = (
        select(WatchlistVersion.watchlist_id, func.max(WatchlistVersion.number).label("number"))
        .group_by(WatchlistVersion.watchlist_id)
        .subquery()
    )
    lists = session.execute(
        select(Watchlist.id, Watchlist.name, newest.c.number, WatchlistVersion.label)
        .join(newest, newest.c.watchlist_id == Watchlist.id)
        .join(
            WatchlistVersion,
            and_(
                WatchlistVersion.watchlist_id == Watchlist.id,
                WatchlistVersion.number == newest.c.number,
            ),
        )
        .order_by(Watchlist.name)
    ).all()
    deltas = []
    for list_id, name, number, label in lists:
        since = held.get(name, 0)
        if number <= since:
            continue
        query = (
            select(WatchlistEntry.entry_id, WatchlistEntry.data, removed.number)
            .join(changed, changed.id == WatchlistEntry.last_changed_version_id)
            .outerjoin(removed, removed.id == WatchlistEntry.removed_in_version_id)
            .where(WatchlistEntry.watchlist_id == list_id)
            .where(or_(changed.number > since, removed.number > since))
            .order_by(WatchlistEntry.id)
        )
        upserts: list[dict[str, Any]] = []
        gone: list[str] = []
        for entry_id, data, removed_number in session.execute(query):
            if removed_number is None:
                upserts.append(data)
            elif since > 0:
                gone.append(entry_id)
        deltas.append(
            {
                "name": name,
                "version": number,
                "since": since,
                "label": label,
                "upserts": upserts,
                "removed": gone,
            }
        )
    return deltas


def list_deltas(
    session: Session,
    *,
    port: str,
    watchlists: Mapping[str, int],
    lost_stolen: Mapping[str, str],
    lookouts_after: int,
    now: dt.datetime,
) -> dict[str, Any]:
    """What a post holding these versions lacks (HQ side). Read-only."""
    lost: list[dict[str, Any]] = []
    names = session.scalars(select(LostStolenDocument.list_name).distinct()).all()
    for name in sorted(names):
        records = lost_stolen_records(session, [name])
        digest = lost_stolen_digest(records)
        if lost_stolen.get(name) != digest:
            lost.append(
                {"name": name, "digest": digest, "records": [_record_dict(r) for r in records]}
            )
    lookouts = [
        {
            "id": row.id,
            "port": row.port,
            "flight": row.flight,
            "scheduled": None if row.scheduled is None else row.scheduled.isoformat(),
            "surname": row.surname,
            "given_names": row.given_names,
            "document_number": row.document_number,
            "reason": row.reason,
            "created_by": row.created_by,
            "created_at": row.created_at.isoformat(),
        }
        for row in session.scalars(
            select(ArrivalLookout)
            .where(ArrivalLookout.port == port, ArrivalLookout.id > lookouts_after)
            .order_by(ArrivalLookout.id)
        )
    ]
    return {
        "hq_time": now.isoformat(),
        "watchlists": _watchlist_deltas(session, watchlists),
        "lost_stolen": lost,
        "lookouts": lookouts,
    }


def held_versions(session: Session) -> dict[str, Any]:
    """What the post holds, as the pull request states it (post side)."""
    rows = session.scalars(select(SyncListState)).all()
    watchlists = {r.name: int(r.version) for r in rows if r.kind == WATCHLIST}
    lost = {r.name: r.version for r in rows if r.kind == LOST_STOLEN}
    after = max((int(r.version) for r in rows if r.kind == LOOKOUTS), default=0)
    return {"watchlists": watchlists, "lost_stolen": lost, "lookouts_after": after}


@dataclass(frozen=True, slots=True)
class AppliedDeltas:
    """What a pull changed at the post."""

    watchlists: tuple[tuple[str, int, int, int], ...]
    """(list, HQ version now held, entries upserted, entries removed)"""
    lost_stolen: tuple[tuple[str, int], ...]
    """(list, records now held)"""
    lookouts: int

    @property
    def changed(self) -> bool:
        return bool(self.watchlists or self.lost_stolen or self.lookouts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "watchlists": [
                {"name": n, "version": v, "upserted": u, "removed": r}
                for n, v, u, r in self.watchlists
            ],
            "lost_stolen": [{"name": n, "records": c} for n, c in self.lost_stolen],
            "lookouts": self.lookouts,
        }


def _held(session: Session, kind: str, name: str, version: str, now: dt.datetime) -> None:
    state = session.get(SyncListState, (kind, name))
    if state is None:
        session.add(SyncListState(kind=kind, name=name, version=version, pulled_at=now))
    else:
        state.version, state.pulled_at = version, now


def _apply_watchlist(
    uow: UnitOfWork, delta: Mapping[str, Any], now: dt.datetime
) -> tuple[str, int, int, int]:
    name, version, label = str(delta["name"]), int(delta["version"]), delta.get("label")
    try:
        current = {e.entry_id: e for e in load_entries(uow.session, [name])}
    except UnknownListError:
        current = {}
    for entry_id in delta.get("removed", []):
        current.pop(str(entry_id), None)
    for data in delta.get("upserts", []):
        payload = {**data, "list_name": name}
        payload.setdefault("list_version", label)
        try:
            entry = entry_from_dict(payload)
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncApplyError(f"list {name}: an entry from HQ cannot be read: {exc}") from exc
        current[entry.entry_id] = entry
    entries = tuple(current.values())
    report = ImportReport(name, (), read=len(entries), kept=len(entries), skipped=0)
    import_snapshot(
        uow,
        ListSnapshot(name, label, entries),
        report,
        source_format="sync",
        files=[f"hq:{name}#{version}"],
        allow_empty=True,
        now=now,
    )
    _held(uow.session, WATCHLIST, name, str(version), now)
    return name, version, len(delta.get("upserts", [])), len(delta.get("removed", []))


def _store_lookouts(session: Session, items: list[dict[str, Any]]) -> tuple[int, int | None]:
    last: int | None = None
    for item in items:
        try:
            scheduled = item.get("scheduled")
            session.add(
                ArrivalLookout(
                    hit_id=None,
                    port=str(item["port"]),
                    flight=str(item["flight"]),
                    scheduled=None if scheduled is None else dt.datetime.fromisoformat(scheduled),
                    surname=str(item["surname"]),
                    given_names=str(item["given_names"]),
                    document_number=item.get("document_number"),
                    reason=str(item["reason"]),
                    created_by=str(item["created_by"]),
                    created_at=dt.datetime.fromisoformat(item["created_at"]),
                )
            )
            last = max(last or 0, int(item["id"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncApplyError(f"an arrival lookout from HQ cannot be read: {exc}") from exc
    return len(items), last


def apply_deltas(uow: UnitOfWork, deltas: Mapping[str, Any], now: dt.datetime) -> AppliedDeltas:
    """Store what HQ sent, in the caller's unit of work (post side; the caller commits).

    Raises:
        SyncApplyError: a list or record HQ sent cannot be read.
    """
    watchlists = tuple(_apply_watchlist(uow, d, now) for d in deltas.get("watchlists", []))
    lost: list[tuple[str, int]] = []
    for item in deltas.get("lost_stolen", []):
        try:
            records = [
                LostStolenRecord(
                    country=r["country"],
                    number=r["number"],
                    document_type=r["document_type"],
                    status=r["status"],
                    reported_on=None
                    if r.get("reported_on") is None
                    else dt.date.fromisoformat(r["reported_on"]),
                    reference=r.get("reference"),
                )
                for r in item["records"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncApplyError(f"lost/stolen list from HQ cannot be read: {exc}") from exc
        summary = import_lost_stolen(uow, str(item["name"]), records, allow_empty=True)
        _held(uow.session, LOST_STOLEN, str(item["name"]), str(item["digest"]), now)
        lost.append((summary.list_name, summary.stored))
    count, last_id = _store_lookouts(uow.session, deltas.get("lookouts", []))
    if last_id is not None:
        _held(uow.session, LOOKOUTS, "arrival", str(last_id), now)
    return AppliedDeltas(watchlists, tuple(lost), count)
