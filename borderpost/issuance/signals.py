"""Insider signals on issuance staff, for auditors: each with the figures behind it.

Signals point at patterns worth a look, never at guilt:

* ``out_of_hours``: approvals outside office hours.
* ``approval_rate``: an officer approves applications carrying integrity alerts far more often
  than their peers do.
* ``linked_applicants``: one officer took several applications linked to each other at the
  counter (shared address, phone or guarantor; a duplicate-identity candidate).
* ``alert_overrides``: integrity alerts overridden by one officer.
* ``record_browsing``: application records opened by someone with no part in them (VIP
  records counted apart).

:func:`insider_signals` is pure: plain records in, signals out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from borderpost.issuance.rules import OfficeHours, SignalThresholds

__all__ = [
    "DecisionFact",
    "LinkFact",
    "OverrideFact",
    "ReadFact",
    "Signal",
    "insider_signals",
    "out_of_hours",
]


@dataclass(frozen=True, slots=True)
class DecisionFact:
    """An application decided: who took it, who decided, how, when, whether it had alerts."""

    application_id: int
    maker: str
    decider: str
    approved: bool
    at: dt.datetime
    alerts: int


@dataclass(frozen=True, slots=True)
class OverrideFact:
    application_id: int
    officer: str
    rule: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class LinkFact:
    """Two applications linked, and why (``shared phone``, ``duplicate candidate``...)."""

    left: int
    right: int
    why: str


@dataclass(frozen=True, slots=True)
class ReadFact:
    """Someone opened an application record."""

    reader: str
    application_id: int
    vip: bool
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Signal:
    officer: str
    kind: str
    value: float
    norm: float | None
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "officer": self.officer,
            "kind": self.kind,
            "value": self.value,
            "norm": self.norm,
            "reason": self.reason,
            "figures": self.figures,
        }


def out_of_hours(at: dt.datetime, hours: OfficeHours) -> bool:
    """Whether ``at`` falls outside the office hours (local time, weekdays)."""
    local = at.astimezone(ZoneInfo(hours.timezone))
    if local.isoweekday() not in hours.weekdays:
        return True
    return not hours.start <= local.time() < hours.end


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _hours(decisions: Sequence[DecisionFact], limits: SignalThresholds) -> list[Signal]:
    approvals: dict[str, list[DecisionFact]] = defaultdict(list)
    for fact in decisions:
        if fact.approved:
            approvals[fact.decider].append(fact)
    found = []
    for officer, made in sorted(approvals.items()):
        late = [fact for fact in made if out_of_hours(fact.at, limits.office_hours)]
        if len(late) < limits.out_of_hours_min:
            continue
        latest = max(late, key=lambda fact: fact.at)
        reason = (
            f"{len(late)} of {len(made)} approvals ({_pct(len(late) / len(made))}) outside "
            f"office hours {limits.office_hours}; the latest #{latest.application_id} at "
            f"{latest.at:%Y-%m-%d %H:%M} UTC"
        )
        figures = {
            "out_of_hours": len(late),
            "approvals": len(made),
            "applications": [fact.application_id for fact in late][:20],
        }
        found.append(Signal(officer, "out_of_hours", float(len(late)), None, reason, figures))
    return found


def _approval_rate(decisions: Sequence[DecisionFact], limits: SignalThresholds) -> list[Signal]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for fact in decisions:
        if fact.alerts:
            totals[fact.decider][0] += int(fact.approved)
            totals[fact.decider][1] += 1
    found = []
    for officer, (approved, decided) in sorted(totals.items()):
        if decided < limits.min_alert_decisions:
            continue
        peers_approved = sum(v[0] for k, v in totals.items() if k != officer)
        peers_decided = sum(v[1] for k, v in totals.items() if k != officer)
        if not peers_decided:
            continue
        rate, norm = approved / decided, peers_approved / peers_decided
        if rate - norm < limits.approval_excess:
            continue
        reason = (
            f"approved {approved} of {decided} applications carrying integrity alerts "
            f"({_pct(rate)}); peers approved {peers_approved} of {peers_decided} ({_pct(norm)})"
        )
        figures = {
            "approved": approved,
            "decided": decided,
            "peers_approved": peers_approved,
            "peers_decided": peers_decided,
        }
        found.append(Signal(officer, "approval_rate", rate, norm, reason, figures))
    return found


def _components(pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    parent: dict[int, int] = {}

    def root(item: int) -> int:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for left, right in pairs:
        parent[root(left)] = root(right)
    groups: dict[int, set[int]] = defaultdict(set)
    for item in list(parent):
        groups[root(item)].add(item)
    return list(groups.values())


def _linked(
    makers: dict[int, str], links: Sequence[LinkFact], limits: SignalThresholds
) -> list[Signal]:
    per_officer: dict[str, list[LinkFact]] = defaultdict(list)
    for link in links:
        officer = makers.get(link.left)
        if officer is not None and officer == makers.get(link.right):
            per_officer[officer].append(link)
    found = []
    for officer, mine in sorted(per_officer.items()):
        groups = _components((link.left, link.right) for link in mine)
        biggest = max(groups, key=len)
        if len(biggest) < limits.linked_min:
            continue
        whys = sorted({link.why for link in mine if link.left in biggest})
        ids = sorted(biggest)
        reason = (
            f"took {len(biggest)} applications linked to each other "
            f"({', '.join(f'#{i}' for i in ids[:12])}) by {', '.join(whys)}"
        )
        figures = {"applications": ids, "links": whys, "groups": len(groups)}
        found.append(
            Signal(officer, "linked_applicants", float(len(biggest)), None, reason, figures)
        )
    return found


def _overrides(
    overrides: Sequence[OverrideFact], deciders: set[str], limits: SignalThresholds
) -> list[Signal]:
    per: dict[str, list[OverrideFact]] = defaultdict(list)
    for fact in overrides:
        per[fact.officer].append(fact)
    found = []
    for officer, made in sorted(per.items()):
        if len(made) < limits.overrides_min:
            continue
        peers = (deciders | set(per)) - {officer}
        norm = (len(overrides) - len(made)) / max(1, len(peers))
        rules = sorted({fact.rule for fact in made})
        reason = (
            f"overrode {len(made)} integrity alerts ({', '.join(rules)}) on "
            f"{len({f.application_id for f in made})} applications; their {len(peers)} peers "
            f"overrode {norm:.1f} each on average"
        )
        figures = {"overrides": len(made), "rules": rules, "peers": len(peers)}
        found.append(Signal(officer, "alert_overrides", float(len(made)), norm, reason, figures))
    return found


def _browsing(
    handlers: dict[int, set[str]], reads: Sequence[ReadFact], limits: SignalThresholds
) -> list[Signal]:
    unrelated: dict[str, set[int]] = defaultdict(set)
    vip: dict[str, set[int]] = defaultdict(set)
    for fact in reads:
        if fact.reader in handlers.get(fact.application_id, set()):
            continue
        unrelated[fact.reader].add(fact.application_id)
        if fact.vip:
            vip[fact.reader].add(fact.application_id)
    found = []
    for officer, opened in sorted(unrelated.items()):
        vips = vip.get(officer, set())
        if len(opened) < limits.browsing_min and len(vips) < limits.vip_browsing_min:
            continue
        reason = (
            f"opened {len(opened)} application records they took no part in, "
            f"{len(vips)} of them of VIP applicants"
        )
        figures = {"unrelated": len(opened), "vip": len(vips), "vip_records": sorted(vips)}
        found.append(Signal(officer, "record_browsing", float(len(opened)), None, reason, figures))
    return found


def insider_signals(
    *,
    decisions: Iterable[DecisionFact],
    overrides: Iterable[OverrideFact],
    links: Iterable[LinkFact],
    reads: Iterable[ReadFact],
    handlers: dict[int, set[str]],
    thresholds: SignalThresholds,
    takers: dict[int, str] | None = None,
) -> list[Signal]:
    """Every signal that fires, by officer and kind. ``handlers`` maps an application to the
    staff with a part in it (the officer who took it, the decider, evidence verifiers);
    ``takers`` to the officer who took it (else the decisions' makers are used)."""
    decision_list = list(decisions)
    makers = {fact.application_id: fact.maker for fact in decision_list}
    makers.update(takers or {})
    found = [
        *_hours(decision_list, thresholds),
        *_approval_rate(decision_list, thresholds),
        *_linked(makers, list(links), thresholds),
        *_overrides(list(overrides), {fact.decider for fact in decision_list}, thresholds),
        *_browsing(handlers, list(reads), thresholds),
    ]
    return sorted(found, key=lambda signal: (signal.officer, signal.kind))
