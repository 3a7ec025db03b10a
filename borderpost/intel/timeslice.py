"""Time slicing: how a network changed, after a date or after people were taken out of it.

:func:`changes` compares the links seen before a moment with those seen from it on;
:func:`removal` compares a network with itself minus some nodes (say, the arrested). Either
way the :class:`Change` says which nodes went or came, which components broke apart, and
who the new brokers are (top betweenness after, not before).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from scipy.sparse import csgraph

from borderpost.intel.edges import Edge
from borderpost.intel.measures import betweenness
from borderpost.intel.network import Network

__all__ = ["BROKERS", "Change", "changes", "removal"]

BROKERS = 10  # the top betweenness nodes counted as brokers


@dataclass(frozen=True, slots=True)
class Change:
    """What differs between two states of a network."""

    removed: tuple[str, ...]  # nodes before, not after
    added: tuple[str, ...]  # nodes after, not before
    components_before: int
    components_after: int
    split: tuple[tuple[int, ...], ...]  # per component that broke: sizes of its pieces after
    new_brokers: tuple[str, ...]  # top-betweenness nodes after that were not before

    def summary(self) -> list[str]:
        """The change in sentences."""
        lines = [
            f"{len(self.removed)} nodes gone, {len(self.added)} new",
            f"components: {self.components_before} before, {self.components_after} after",
        ]
        lines += [
            f"a component split into {len(sizes)} parts of {', '.join(map(str, sizes))} nodes"
            for sizes in self.split
        ]
        if self.new_brokers:
            lines.append(f"new brokers: {', '.join(self.new_brokers)}")
        return lines


def _components(network: Network) -> dict[str, int]:
    _count, labels = csgraph.connected_components(network.undirected_adjacency, directed=False)
    return dict(zip(network.labels, labels.tolist(), strict=True))


def _brokers(network: Network, top: int) -> list[str]:
    values = betweenness(network).values
    order = sorted(range(network.size), key=lambda i: (-values[i], network.labels[i]))
    return [network.labels[i] for i in order[:top] if values[i] > 0]


def _compare(before: Network, after: Network, top: int) -> Change:
    old, new = _components(before), _components(after)
    pieces: dict[int, dict[int, int]] = {}
    for label, component in old.items():
        if label in new:
            parts = pieces.setdefault(component, {})
            parts[new[label]] = parts.get(new[label], 0) + 1
    split = tuple(
        tuple(sorted(parts.values(), reverse=True))
        for _component, parts in sorted(pieces.items())
        if len(parts) > 1
    )
    earlier = set(_brokers(before, top))
    return Change(
        removed=tuple(label for label in before.labels if label not in new),
        added=tuple(label for label in after.labels if label not in old),
        components_before=len(set(old.values())),
        components_after=len(set(new.values())),
        split=split,
        new_brokers=tuple(b for b in _brokers(after, top) if b not in earlier),
    )


def removal(network: Network, removed: Iterable[str], *, top: int = BROKERS) -> Change:
    """How ``network`` changes when the ``removed`` nodes (and their links) are taken out."""
    return _compare(network, network.without(removed), top)


def changes(
    edges: Sequence[Edge], at: datetime, *, directed: bool = False, top: int = BROKERS
) -> Change:
    """Links seen before ``at`` against links seen from ``at`` on (every edge needs a time)."""
    if any(edge.time is None for edge in edges):
        raise ValueError("time slicing needs a time on every edge (a 'time' column)")
    early = [e for e in edges if e.time is not None and e.time < at]
    late = [e for e in edges if e.time is not None and e.time >= at]
    return _compare(
        Network.from_edges(early, directed=directed),
        Network.from_edges(late, directed=directed),
        top,
    )
