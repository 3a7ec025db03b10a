"""The integrity rules and insider-signal thresholds, read once from ``data/rules.yaml``.

A rule is data: its id, title, severity, action, whether it is on, its figures (``params``)
and a paragraph explaining it. :func:`load_rules` refuses a file with an unknown action or
severity, a duplicate id or a missing explanation, naming what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ACTIONS",
    "SEVERITIES",
    "DuplicateSettings",
    "IntegrityRule",
    "OfficeHours",
    "RuleBook",
    "RulesError",
    "SignalThresholds",
    "default_rules",
    "load_rules",
]

ACTIONS = ("note", "interview", "shorten_validity", "block")
SEVERITIES = ("low", "medium", "high")
KNOWN_RULES = frozenset(
    {
        "registry_deceased",
        "registry_not_found",
        "registry_mismatch",
        "id_issue_implausible",
        "repeat_loss",
        "watchlist",
        "shared_contact",
        "evidence_failed",
    }
)


class RulesError(ValueError):
    """The rules file cannot be used; the message names the rule and the field."""


@dataclass(frozen=True, slots=True)
class IntegrityRule:
    """One rule: what it checks and what it asks for when it fires."""

    id: str
    title: str
    severity: str
    action: str
    enabled: bool
    explains: str
    params: Mapping[str, float] = field(default_factory=dict)

    def param(self, name: str) -> float:
        """A figure of the rule.

        Raises:
            RulesError: the rule has no such figure.
        """
        try:
            return self.params[name]
        except KeyError:
            raise RulesError(f"rule {self.id}: params lacks {name!r}") from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "action": self.action,
            "enabled": self.enabled,
            "params": dict(self.params),
            "explains": self.explains,
        }


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """When approvals are expected: local times on ISO weekdays."""

    start: dt.time
    end: dt.time
    weekdays: frozenset[int]
    timezone: str = "UTC"

    def __str__(self) -> str:
        days = ",".join(str(day) for day in sorted(self.weekdays))
        return f"{self.start:%H:%M}-{self.end:%H:%M} on weekdays {days} ({self.timezone})"


@dataclass(frozen=True, slots=True)
class SignalThresholds:
    """When an insider signal fires (one readable list; tuning is a one-line diff)."""

    office_hours: OfficeHours
    out_of_hours_min: int = 3
    min_alert_decisions: int = 4
    approval_excess: float = 0.40
    linked_min: int = 4
    overrides_min: int = 3
    browsing_min: int = 5
    vip_browsing_min: int = 2


@dataclass(frozen=True, slots=True)
class DuplicateSettings:
    """How the 1:N duplicate-identity search blocks and when a pair becomes a candidate."""

    birth_window_days: int = 2
    min_name_score: float = 0.80
    #: Largest distance of two enrolment photos' face templates that makes a candidate.
    face_max_distance: float = 0.6


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every rule by id, the usual validity, the signal thresholds and duplicate settings."""

    rules: Mapping[str, IntegrityRule]
    usual_validity_years: int
    signals: SignalThresholds
    duplicates: DuplicateSettings = field(default_factory=DuplicateSettings)

    def rule(self, rule_id: str) -> IntegrityRule | None:
        """The rule, or ``None`` when it is unknown or switched off."""
        found = self.rules.get(rule_id)
        return found if found is not None and found.enabled else None


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulesError(f"{where}: {key} is missing or empty")
    return value.strip()


def _rule(raw: Any, index: int) -> IntegrityRule:
    if not isinstance(raw, Mapping):
        raise RulesError(f"rule #{index + 1} is not a mapping")
    rule_id = _text(raw, "id", f"rule #{index + 1}")
    where = f"rule {rule_id}"
    if rule_id not in KNOWN_RULES:
        raise RulesError(f"{where}: unknown rule (known: {', '.join(sorted(KNOWN_RULES))})")
    severity, action = _text(raw, "severity", where), _text(raw, "action", where)
    if severity not in SEVERITIES:
        raise RulesError(f"{where}: severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    if action not in ACTIONS:
        raise RulesError(f"{where}: action {action!r} is not one of {', '.join(ACTIONS)}")
    params = raw.get("params") or {}
    if not isinstance(params, Mapping) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in params.values()
    ):
        raise RulesError(f"{where}: params must map names to numbers")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RulesError(f"{where}: enabled must be true or false")
    return IntegrityRule(
        id=rule_id,
        title=_text(raw, "title", where),
        severity=severity,
        action=action,
        enabled=enabled,
        explains=" ".join(_text(raw, "explains", where).split()),
        params={str(k): float(v) for k, v in params.items()},
    )


def _time(value: Any, where: str) -> dt.time:
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise RulesError(f"{where}: {value!r} is not HH:MM") from None


def _signals(raw: Any) -> SignalThresholds:
    if not isinstance(raw, Mapping):
        raise RulesError("signals is missing or not a mapping")
    hours = raw.get("office_hours")
    if not isinstance(hours, Mapping):
        raise RulesError("signals.office_hours is missing or not a mapping")
    days = hours.get("weekdays", [1, 2, 3, 4, 5])
    if not isinstance(days, list) or not all(isinstance(d, int) and 1 <= d <= 7 for d in days):
        raise RulesError("signals.office_hours.weekdays must list ISO weekdays 1-7")
    office = OfficeHours(
        _time(hours.get("start"), "signals.office_hours.start"),
        _time(hours.get("end"), "signals.office_hours.end"),
        frozenset(days),
        str(hours.get("timezone", "UTC")),
    )
    numbers: dict[str, Any] = {}
    for key in (
        "out_of_hours_min",
        "min_alert_decisions",
        "linked_min",
        "overrides_min",
        "browsing_min",
        "vip_browsing_min",
    ):
        if key in raw:
            if not isinstance(raw[key], int) or raw[key] < 1:
                raise RulesError(f"signals.{key} must be a whole number of at least 1")
            numbers[key] = raw[key]
    if "approval_excess" in raw:
        excess = raw["approval_excess"]
        if not isinstance(excess, int | float) or not 0 < excess <= 1:
            raise RulesError("signals.approval_excess must be a share between 0 and 1")
        numbers["approval_excess"] = float(excess)
    return SignalThresholds(office_hours=office, **numbers)


def _duplicates(raw: Mapping[str, Any]) -> DuplicateSettings:
    found = raw.get("duplicates") or {}
    if not isinstance(found, Mapping):
        raise RulesError("duplicates must be a mapping")
    window = found.get("birth_window_days", 2)
    score = found.get("min_name_score", 0.80)
    if not isinstance(window, int) or not 0 <= window <= 366:
        raise RulesError("duplicates.birth_window_days must be 0-366 days")
    if not isinstance(score, int | float) or not 0 < score <= 1:
        raise RulesError("duplicates.min_name_score must be a score between 0 and 1")
    face = found.get("face_max_distance", 0.6)
    if isinstance(face, bool) or not isinstance(face, int | float) or not 0 < face <= 2:
        raise RulesError("duplicates.face_max_distance must be a distance above 0, at most 2")
    return DuplicateSettings(window, float(score), float(face))


def load_rules(text: str, *, source: str = "rules.yaml") -> RuleBook:
    """Read a rules file.

    Raises:
        RulesError: the YAML is unreadable, or a rule or threshold is unusable.
    """
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RulesError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("rules"), list):
        raise RulesError(f"{source}: expected a mapping with a list under 'rules'")
    rules: dict[str, IntegrityRule] = {}
    for index, item in enumerate(raw["rules"]):
        rule = _rule(item, index)
        if rule.id in rules:
            raise RulesError(f"{source}: rule {rule.id} is defined twice")
        rules[rule.id] = rule
    validity = raw.get("usual_validity_years", 10)
    if not isinstance(validity, int) or not 1 <= validity <= 20:
        raise RulesError(f"{source}: usual_validity_years must be 1-20 years")
    return RuleBook(rules, validity, _signals(raw.get("signals")), _duplicates(raw))


@cache
def default_rules() -> RuleBook:
    """The rules shipped in ``borderpost/issuance/data/rules.yaml`` (read once)."""
    text = resources.files("borderpost.issuance").joinpath("data/rules.yaml").read_text("utf-8")
    return load_rules(text)


def rules_from(path: Path | None) -> RuleBook:
    """The rules of ``path``, or the shipped ones when ``None``."""
    if path is None:
        return default_rules()
    return load_rules(path.read_text("utf-8"), source=str(path))
