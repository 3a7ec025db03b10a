"""The evidence graph of the stored casework, for ranking and resolution: the same node
naming as :mod:`borderpost.intel.world` (``person:NAME|DATE``, ``phone:+E164``,
``account:IBAN``, ``vehicle:CC:PLATE``, ``document:NUMBER``, ``address:…``,
``organisation:…``, ``seizure:REF``, ``arrest:REF``), one edge per stored link (parallel
links add weight), and the record evidence the key-player ranking reads: roles in seizures
(``organiser``, ``payer``), ``seizures``, ``arrests``, ``found`` (a thing found in a
record) and ``repeat`` (named in two or more records).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.intel.edges import Edge
from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer, rank
from borderpost.store.models import CaseArrest, CaseEntity, CaseLink, CaseSeizure

__all__ = ["ACTORS", "CaseGraph", "case_graph"]

#: Kinds of node ranked as key players.
ACTORS = ("person:", "organisation:", "phone:", "account:")
#: Roles that count as record evidence of a node (the ranking's reasons name them).
_EVIDENCE_ROLES = {"organiser": "organiser", "payer": "payer", "payment": "payer"}


@dataclass(frozen=True, eq=False)
class CaseGraph:
    """The network of stored links and the record evidence per node."""

    network: Network
    evidence: dict[str, dict[str, int]]

    def rank(self) -> list[KeyPlayer]:
        """Persons, organisations, phones and accounts ranked as key players, with reasons."""
        return rank(self.network, evidence=self.evidence, eligible=lambda n: n.startswith(ACTORS))

    def edges(self) -> list[Edge]:
        """The links as an edge list (``borderpost intel rank`` reads the same CSV)."""
        net = self.network
        return [
            Edge(net.labels[int(s)], net.labels[int(t)], float(w))
            for s, t, w in zip(net.sources, net.targets, net.weights, strict=True)
        ]


def case_graph(session: Session) -> CaseGraph:
    """Build the evidence graph of every stored seizure, arrest, entity and link."""
    names: dict[tuple[str, int], str] = {}
    for row in session.scalars(select(CaseEntity)):
        names[(row.kind, row.id)] = f"{row.kind}:{row.key}"
    for sid, ref in session.execute(select(CaseSeizure.id, CaseSeizure.ref)):
        names[("seizure", sid)] = f"seizure:{ref}"
    for aid, ref in session.execute(select(CaseArrest.id, CaseArrest.ref)):
        names[("arrest", aid)] = f"arrest:{ref}"
    links: Counter[tuple[str, str]] = Counter()
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    records: dict[str, set[str]] = defaultdict(set)
    for link in session.scalars(select(CaseLink).order_by(CaseLink.id)):
        left = names.get((link.left_kind, link.left_id))
        right = names.get((link.right_kind, link.right_id))
        if left is None or right is None or left == right:
            continue
        links[(left, right) if left < right else (right, left)] += 1
        for record, other in ((left, right), (right, left)):
            if record.startswith(("seizure:", "arrest:")) and not other.startswith(
                ("seizure:", "arrest:")
            ):
                records[other].add(record)
                if not other.startswith(("person:", "organisation:")):
                    kind = "found"  # a phone, account, document, vehicle or address
                elif record.startswith("seizure:"):
                    kind = "seizures"
                else:
                    kind = "arrests" if link.role == "arrested" else "found"
                evidence[other][kind] += 1
                role = _EVIDENCE_ROLES.get(link.role)
                if role is not None:
                    evidence[other][role] += 1
    result: dict[str, dict[str, int]] = {}
    for node, counts in evidence.items():
        found = dict(counts)
        if len(records[node]) >= 2:
            found["repeat"] = len(records[node])
        result[node] = found
    edges = [Edge(a, b, float(w)) for (a, b), w in sorted(links.items())]
    network = Network.from_edges(edges, nodes=sorted(set(names.values())))
    return CaseGraph(network, result)
