"""How well a ranking finds a generated world's organisers, judged against its truth file.

Organisers of the synthetic networks live abroad and never cross, so no record names them.
What the records can show is what they use: the network's boss line and the organiser's
bank account (truth.json ``shares``). An organiser counts as *found* when a node standing
for them (``person:<their id>``, or ``phone:``/``account:`` of something only they and their
contacts use, per the truth) is among the top key players; and *visible* when such a node is
in the evidence graph at all. The truth is read here only, never when the graph is built.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borderpost.intel.ranking import KeyPlayer

__all__ = ["NetworkScore", "organiser_nodes", "score_networks"]


@dataclass(frozen=True, slots=True)
class NetworkScore:
    """One network's organisers: how many, how many visible, found in the top N overall and
    within the network's own community."""

    network: str
    organisers: int
    visible: int
    top: int
    top_in_community: int
    community: int | None


def organiser_nodes(network: dict[str, Any], person_id: str) -> set[str]:
    """The evidence-graph nodes that stand for one organiser of a truth network."""
    things = network["shares"].get(person_id, [])
    nodes = {f"person:{person_id}"}
    nodes |= {f"phone:{t}" for t in things if t in network["phones"]}
    nodes |= {f"account:{t}" for t in things if t in network["accounts"]}
    return nodes


def _member_nodes(network: dict[str, Any]) -> set[str]:
    nodes = {f"person:{m['person_id']}" for m in network["members"]}
    nodes |= {f"phone:{p}" for p in network["phones"]}
    nodes |= {f"account:{a}" for a in network["accounts"]}
    return nodes


def score_networks(
    truth_path: Path, players: Sequence[KeyPlayer], *, top: int = 10
) -> list[NetworkScore]:
    """Score every truth network's organisers against the ranking ``players``."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    by_node = {p.node: p for p in players}
    best = {p.node for p in players if p.rank <= top}
    found: list[NetworkScore] = []
    for network in truth["networks"]["networks"]:
        seen = [by_node[n] for n in sorted(_member_nodes(network)) if n in by_node]
        votes = Counter(p.community for p in seen)
        community = votes.most_common(1)[0][0] if votes else None
        in_community = [p.node for p in players if p.community == community][:top]
        organisers = [m for m in network["members"] if m["role"] == "organiser"]
        visible = hits = local = 0
        for member in organisers:
            nodes = organiser_nodes(network, member["person_id"])
            visible += bool(nodes & by_node.keys())
            hits += bool(nodes & best)
            local += bool(nodes & set(in_community))
        found.append(NetworkScore(network["id"], len(organisers), visible, hits, local, community))
    return found
