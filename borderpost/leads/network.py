"""The network the leads service scores with: communities and key players of the stored index.

A lead earns a bonus, with a reason, when both records sit in one community of the network
or when a key player links them or is the subject of the new record
(:func:`borderpost.intel.leads.find_leads`). The network is every indexed record linked to the
identifiers it names (:func:`borderpost.intel.record_network.facts_network`), ranked with
communities (Leiden) and key players (structure and record evidence).

Ranking the whole network for every arriving record would cost more than the record itself,
so the ranking is a **snapshot**, cached per database (per engine, in this process) and built
again only when the index has changed enough: more than :data:`REFRESH_GROWTH` more records
than the snapshot holds (at least one more while it is smaller than :data:`SMALL`), or fewer
(records removed, a database reset). A record arriving between two snapshots is placed in
the network by the identifiers it names, which the snapshot mostly knows already; each
network reason names the snapshot it came from. :func:`refresh` builds one on demand (a
periodic job, after a bulk import).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from borderpost.intel.leads import NetworkContext
from borderpost.intel.record_network import facts_network
from borderpost.leads.stored import all_facts
from borderpost.store.models import IntelRecord

__all__ = ["REFRESH_GROWTH", "SMALL", "Snapshot", "network_context", "refresh"]

#: A snapshot is built again once the index holds this share more records than it did.
REFRESH_GROWTH = 0.10
#: Below this many records every new record rebuilds the snapshot (it is cheap).
SMALL = 50


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A ranked network of the index as it was: ``records`` records, the last of id
    ``last_id``."""

    records: int
    last_id: int
    context: NetworkContext

    def stale(self, records: int, last_id: int) -> bool:
        """Whether an index of ``records`` records (last id ``last_id``) needs a new one."""
        if records < self.records or last_id < self.last_id:
            return True
        if self.records < SMALL:
            return records != self.records
        return records > self.records * (1 + REFRESH_GROWTH)


_snapshots: weakref.WeakKeyDictionary[Engine, Snapshot] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _size(session: Session) -> tuple[int, int]:
    count, last = session.execute(select(func.count(), func.max(IntelRecord.id))).one()
    return int(count or 0), int(last or 0)


def refresh(session: Session) -> Snapshot:
    """Rank the network of the whole index now and keep it as the current snapshot."""
    records, last_id = _size(session)
    players = facts_network(all_facts(session)).rank()
    context = NetworkContext.from_players(players, snapshot=f"network of {records} records")
    snapshot = Snapshot(records, last_id, context)
    with _lock:
        _snapshots[_engine(session)] = snapshot
    return snapshot


def network_context(session: Session) -> NetworkContext | None:
    """The current snapshot's context (built again when stale), or None for an empty index."""
    records, last_id = _size(session)
    if records == 0:
        return None
    with _lock:
        held = _snapshots.get(_engine(session))
    if held is None or held.stale(records, last_id):
        held = refresh(session)
    return held.context
