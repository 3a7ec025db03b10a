"""How many leads raised on a generated world point to true network links (evaluation).

Every record of the world (:func:`~borderpost.intel.world_facts.world_facts`) arrives in date
order and raises leads against the records before it, as the leads service does. A lead is
*true* when both of its records belong to one network per truth.json. Precision is given at
the top ``k`` leads by score and overall; *non-trivial* leaves out the arrest made at the
seizure it names (the arrest record already says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from borderpost.intel.leads import FactsIndex, Lead, NetworkContext, find_leads
from borderpost.intel.ranking import KeyPlayer
from borderpost.intel.world import _lines
from borderpost.intel.world_facts import record_networks, world_facts

__all__ = ["LeadPrecision", "lead_precision", "world_leads"]


@dataclass(frozen=True, slots=True)
class LeadPrecision:
    """Precision of the leads of one world."""

    records: int
    leads: int
    at_k: dict[int, float | None]
    overall: float
    nontrivial_leads: int
    nontrivial: float
    nontrivial_at_k: dict[int, float | None]


def world_leads(folder: Path, players: Sequence[KeyPlayer] | None = None) -> tuple[int, list[Lead]]:
    """How many records the world holds, and every lead they raise in date order."""
    index = FactsIndex()
    network = NetworkContext.from_players(players) if players else None
    found: list[Lead] = []
    records = world_facts(folder)
    for facts in records:
        found += find_leads(facts, index, network=network)
        index.add(facts)
    return len(records), found


def lead_precision(
    folder: Path, players: Sequence[KeyPlayer] | None = None, *, top_k: Sequence[int] = (10,)
) -> LeadPrecision:
    """Raise the world's leads and judge them against its truth."""
    count, leads = world_leads(folder, players)
    networks = record_networks(folder / "truth.json")
    own = {(a["id"], a["seizure_id"]) for a in _lines(folder / "arrests.jsonl") if a["seizure_id"]}
    leads.sort(key=lambda lead: (-lead.score, lead.record, lead.other))

    def true(lead: Lead) -> bool:
        mine = networks.get(lead.record)
        return mine is not None and mine == networks.get(lead.other)

    hits = [true(lead) for lead in leads]
    kept = [
        hit
        for lead, hit in zip(leads, hits, strict=True)
        if (lead.record, lead.other) not in own and (lead.other, lead.record) not in own
    ]
    return LeadPrecision(
        records=count,
        leads=len(leads),
        at_k={k: (sum(hits[:k]) / k if len(hits) >= k else None) for k in top_k},
        overall=sum(hits) / max(len(hits), 1),
        nontrivial_leads=len(kept),
        nontrivial=sum(kept) / max(len(kept), 1),
        nontrivial_at_k={k: (sum(kept[:k]) / k if len(kept) >= k else None) for k in top_k},
    )
