"""Leads: a new record ties to earlier ones through the identifiers they share.

Given a new :class:`~borderpost.intel.facts.RecordFacts` and a :class:`Corpus` of earlier
ones (an in-memory :class:`FactsIndex`, or the leads service's table), :func:`find_leads`
finds every earlier record that shares an identifier with it, directly or through one record
in between, and scores each pair by how telling the links are (a phone or a passport named in
few records is strong, an address named in many is weak: IDF-like), how many independent
links there are, how recent and how serious the two records are, and, when a ranked network is
given, whether both records sit in one community and whether a key player links them. Every
factor is written into the lead's reasons; the weights live in ``data/leads.toml``.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol

from borderpost.intel.facts import RecordFacts
from borderpost.intel.ranking import KeyPlayer

__all__ = [
    "Corpus",
    "FactsIndex",
    "Lead",
    "LeadWeights",
    "Link",
    "NetworkContext",
    "find_leads",
    "lead_weights",
    "node_label",
]

Identifier = tuple[str, str]


def node_label(identifier: Identifier) -> str:
    """The network node of an identifier: ``phone:+22990000000`` (as in the evidence graph)."""
    return f"{identifier[0]}:{identifier[1]}"


@dataclass(frozen=True, slots=True)
class LeadWeights:
    """The weights of ``data/leads.toml`` (see that file for the formula)."""

    identifier: Mapping[str, float]
    seriousness: Mapping[str, float]
    link_cap: float
    half_life_days: float
    recency_floor: float
    hop_discount: float
    hop_max_records: int
    min_seriousness: float
    max_records: int
    community_bonus: float
    key_player_bonus: float
    key_player_top: int


@cache
def lead_weights() -> LeadWeights:
    """The weights shipped in ``borderpost/intel/data/leads.toml``."""
    text = resources.files("borderpost.intel").joinpath("data/leads.toml").read_text("utf-8")
    raw: dict[str, Any] = tomllib.loads(text)
    return LeadWeights(
        identifier={k: float(v) for k, v in raw["identifier"].items()},
        seriousness={k: float(v) for k, v in raw["seriousness"].items()},
        link_cap=float(raw["links"]["cap"]),
        half_life_days=float(raw["recency"]["half_life_days"]),
        recency_floor=float(raw["recency"]["floor"]),
        hop_discount=float(raw["hops"]["discount"]),
        hop_max_records=int(raw["hops"]["max_records"]),
        min_seriousness=float(raw["raise"]["min_seriousness"]),
        max_records=int(raw["raise"]["max_records"]),
        community_bonus=float(raw["network"]["community"]),
        key_player_bonus=float(raw["network"]["key_player"]),
        key_player_top=int(raw["network"]["top"]),
    )


class Corpus(Protocol):
    """The earlier records leads are raised against."""

    def total(self) -> int:
        """How many records are indexed."""
        ...

    def holders(self, identifier: Identifier) -> Sequence[str]:
        """The references of every indexed record naming ``identifier``."""
        ...

    def record(self, ref: str) -> RecordFacts:
        """The indexed record ``ref`` (KeyError when unknown)."""
        ...

    def records(self, refs: Iterable[str]) -> Mapping[str, RecordFacts]:
        """The indexed records among ``refs``, by reference (one read for many)."""
        ...


@dataclass
class FactsIndex:
    """An in-memory :class:`Corpus`: records by reference and by identifier."""

    by_ref: dict[str, RecordFacts] = field(default_factory=dict)
    by_identifier: dict[Identifier, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, records: Iterable[RecordFacts]) -> FactsIndex:
        """An index holding ``records``."""
        index = cls()
        for facts in records:
            index.add(facts)
        return index

    def add(self, facts: RecordFacts) -> None:
        """Index ``facts`` (a record already indexed under its reference is replaced)."""
        if facts.ref in self.by_ref:
            for identifier in set(self.by_ref[facts.ref].identifiers):
                self.by_identifier[identifier].remove(facts.ref)
        self.by_ref[facts.ref] = facts
        for identifier in dict.fromkeys(facts.identifiers):
            self.by_identifier[identifier].append(facts.ref)

    def total(self) -> int:
        return len(self.by_ref)

    def holders(self, identifier: Identifier) -> Sequence[str]:
        return self.by_identifier.get(identifier, ())

    def record(self, ref: str) -> RecordFacts:
        return self.by_ref[ref]

    def records(self, refs: Iterable[str]) -> Mapping[str, RecordFacts]:
        return {ref: self.by_ref[ref] for ref in refs if ref in self.by_ref}


@dataclass(frozen=True, slots=True)
class NetworkContext:
    """Communities and key-player ranks of network nodes (labels ``kind:value``), and which
    network they come from (``snapshot``, named in the reasons when given)."""

    community: Mapping[str, int]
    rank: Mapping[str, int]
    snapshot: str = ""

    @classmethod
    def from_players(cls, players: Iterable[KeyPlayer], *, snapshot: str = "") -> NetworkContext:
        """The context of a key-player ranking."""
        community: dict[str, int] = {}
        rank: dict[str, int] = {}
        for player in players:
            community[player.node] = player.community
            rank[player.node] = player.rank
        return cls(community, rank, snapshot)

    def home(self, facts: RecordFacts) -> int | None:
        """The community most of a record's entities (and the record itself) belong to."""
        votes = Counter(
            self.community[label]
            for label in [f"{facts.kind}:{facts.ref}", *map(node_label, facts.identifiers)]
            if label in self.community
        )
        return min(votes, key=lambda c: (-votes[c], c)) if votes else None


@dataclass(frozen=True, slots=True)
class Link:
    """One independent link: an identifier both records name, or a chain through a middle
    record (``middle``, via ``identifier`` then ``onward``)."""

    identifier: Identifier
    weight: float
    middle: str | None = None
    onward: Identifier | None = None


@dataclass(frozen=True, slots=True)
class Lead:
    """A new record (``record``) tied to an earlier one (``other``), with its score, the
    links and a headline plus one reason per scoring factor."""

    record: str
    other: str
    score: float
    headline: str
    reasons: tuple[str, ...]
    links: tuple[Link, ...]

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "record": self.record,
            "other": self.other,
            "score": self.score,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "links": [
                {
                    "identifier": list(link.identifier),
                    "weight": link.weight,
                    "middle": link.middle,
                    "onward": list(link.onward) if link.onward else None,
                }
                for link in self.links
            ],
        }


def _describe(facts: RecordFacts) -> str:
    return f"{facts.kind} {facts.ref} ({facts.summary}, {facts.date.isoformat()})"


def _show(identifier: Identifier) -> str:
    return f"{identifier[0]} {identifier[1]}"


@dataclass
class _Scorer:
    corpus: Corpus
    table: LeadWeights
    total: int
    df: dict[Identifier, int] = field(default_factory=dict)

    def holders(self, identifier: Identifier) -> Sequence[str]:
        found = self.corpus.holders(identifier)
        self.df[identifier] = len(found)
        return found

    def specificity(self, identifier: Identifier) -> float:
        df = max(self.df.get(identifier, 2), 2)
        n = max(self.total, df)
        return min(1.0, math.log1p(n / df) / math.log1p(n / 2))

    def weight(self, identifier: Identifier) -> float:
        kind = self.table.identifier.get(identifier[0], 0.5)
        return min(self.table.link_cap, kind * self.specificity(identifier))

    def seriousness(self, facts: RecordFacts) -> float:
        return self.table.seriousness.get(facts.kind, 0.5)


def _links(facts: RecordFacts, scorer: _Scorer) -> dict[str, list[Link]]:
    """Every earlier record linked to ``facts``, with its direct links and two-hop chains."""
    table = scorer.table
    found: dict[str, list[Link]] = defaultdict(list)
    mine = set(facts.identifiers)
    middles: dict[str, Identifier] = {}
    for identifier in dict.fromkeys(facts.identifiers):
        holders = [r for r in scorer.holders(identifier) if r != facts.ref]
        scorer.df[identifier] = len(holders) + 1
        if len(holders) + 1 > table.max_records:
            continue
        for ref in holders:
            found[ref].append(Link(identifier, round(scorer.weight(identifier), 4)))
            if len(holders) + 1 <= table.hop_max_records:
                middles.setdefault(ref, identifier)
    middle_facts = scorer.corpus.records(middles)
    for middle, first in middles.items():
        for onward in dict.fromkeys(middle_facts[middle].identifiers):
            if onward in mine:
                continue
            holders = [r for r in scorer.holders(onward) if r not in (facts.ref, middle)]
            if len(holders) + 1 > table.hop_max_records:
                continue
            weight = table.hop_discount * scorer.weight(first) * scorer.weight(onward)
            for ref in holders:
                found[ref].append(Link(first, round(weight, 4), middle, onward))
    return found


def _strength(links: Sequence[Link]) -> float:
    remaining = 1.0
    for link in links:
        remaining *= 1.0 - min(link.weight, 1.0)
    return 1.0 - remaining


def _link_reasons(links: Sequence[Link], scorer: _Scorer) -> list[str]:
    reasons: list[str] = []
    for link in sorted(links, key=lambda k: -k.weight)[:6]:
        if link.middle is None:
            df = scorer.df.get(link.identifier, 2)
            reasons.append(
                f"{_show(link.identifier)} named in {df} of {scorer.total} records "
                f"(specificity {scorer.specificity(link.identifier):.2f}; link {link.weight:.2f})"
            )
        else:
            assert link.onward is not None
            reasons.append(
                f"two hops: {_show(link.identifier)} → {link.middle} → {_show(link.onward)} "
                f"(link {link.weight:.2f})"
            )
    count = len({(k.identifier, k.middle, k.onward) for k in links})
    direct = sum(1 for k in links if k.middle is None)
    reasons.append(f"{count} independent link{'s' if count != 1 else ''} ({direct} direct)")
    return reasons


def _headline(facts: RecordFacts, other: RecordFacts, links: Sequence[Link]) -> str:
    direct = [k for k in links if k.middle is None]
    if direct:
        best = max(direct, key=lambda k: k.weight)
        more = f" and {len(direct) - 1} more identifier" if len(direct) > 1 else ""
        more += "s" if len(direct) > 2 else ""
        return f"{_show(best.identifier)}{more} in {_describe(facts)} also in {_describe(other)}"
    best = max(links, key=lambda k: k.weight)
    assert best.onward is not None
    return (
        f"{_describe(facts)} linked to {_describe(other)} through {best.middle}: "
        f"{_show(best.identifier)}, then {_show(best.onward)}"
    )


def _key_player(
    facts: RecordFacts, links: Sequence[Link], network: NetworkContext, top: int
) -> str | None:
    """Why a key player counts for this lead: the best-ranked identifier among those linking
    the two records and the persons the new record names (its subjects), or None."""
    linking = {i for k in links for i in (k.identifier, k.onward) if i is not None}
    subjects = {i for i in facts.identifiers if i[0] == "person"}
    ranked = sorted(
        (network.rank[node_label(i)], node_label(i), i in linking)
        for i in linking | subjects
        if network.rank.get(node_label(i), top + 1) <= top
    )
    if not ranked:
        return None
    rank, label, links_them = ranked[0]
    role = "" if links_them else f" named in {facts.ref}"
    return f"{label}{role} is key player #{rank}"


def _network_bonus(
    facts: RecordFacts,
    other: RecordFacts,
    links: Sequence[Link],
    network: NetworkContext | None,
    table: LeadWeights,
) -> tuple[float, list[str]]:
    if network is None:
        return 0.0, []
    bonus = 0.0
    reasons: list[str] = []
    source = f"; {network.snapshot}" if network.snapshot else ""
    home, away = network.home(facts), network.home(other)
    if home is not None and home == away:
        bonus += table.community_bonus
        reasons.append(
            f"network: both records in community {home} (+{table.community_bonus:.2f}{source})"
        )
    player = _key_player(facts, links, network, table.key_player_top)
    if player is not None:
        bonus += table.key_player_bonus
        reasons.append(f"network: {player} (+{table.key_player_bonus:.2f}{source})")
    return bonus, reasons


def find_leads(
    facts: RecordFacts,
    corpus: Corpus,
    *,
    network: NetworkContext | None = None,
    table: LeadWeights | None = None,
    limit: int | None = None,
) -> list[Lead]:
    """The leads ``facts`` raises against the records of ``corpus``, best first.

    ``corpus`` may already hold ``facts`` (the service indexes first); it is never its own
    lead. Pairs not serious enough together (mean below ``raise.min_seriousness``) are not
    raised.
    """
    table = table or lead_weights()
    total = corpus.total() + (0 if _holds(corpus, facts.ref) else 1)
    scorer = _Scorer(corpus, table, total)
    found: list[Lead] = []
    linked = _links(facts, scorer)
    others = corpus.records(linked)
    for ref, links in linked.items():
        other = others[ref]
        mine, theirs = scorer.seriousness(facts), scorer.seriousness(other)
        serious = (mine + theirs) / 2
        if serious < table.min_seriousness:
            continue
        strength = _strength(links)
        days = abs((facts.date - other.date).days)
        recency = table.recency_floor + (1 - table.recency_floor) * 0.5 ** (
            days / table.half_life_days
        )
        bonus, network_reasons = _network_bonus(facts, other, links, network, table)
        score = strength * recency * serious * (1 + bonus)
        reasons = [
            *_link_reasons(links, scorer),
            f"links together {strength:.2f}",
            f"recency: {days} days apart (x{recency:.2f})",
            f"seriousness: {facts.kind} and {other.kind} (x{serious:.2f})",
            *network_reasons,
        ]
        found.append(
            Lead(
                record=facts.ref,
                other=ref,
                score=round(score, 4),
                headline=_headline(facts, other, links),
                reasons=tuple(reasons),
                links=tuple(sorted(links, key=lambda k: -k.weight)),
            )
        )
    found.sort(key=lambda lead: (-lead.score, lead.other))
    return found if limit is None else found[:limit]


def _holds(corpus: Corpus, ref: str) -> bool:
    try:
        corpus.record(ref)
    except KeyError:
        return False
    return True
