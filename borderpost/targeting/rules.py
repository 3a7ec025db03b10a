"""Targeting rules kept as data: YAML files of small declarative conditions over named facts.

A rule file (``borderpost/targeting/rules/*.yaml``) is a list of rules::

    - id: TP-001
      title: One-way ticket bought at short notice
      owner: targeting-unit@hq
      justification: Couriers are commonly booked one-way within days of departure.
      review_date: 2027-06-30
      weight: 20
      when:
        all:
          - {fact: one_way, is: true}
          - {fact: booked_days_before, lte: 3}

A condition is ``{all: [...]}``, ``{any: [...]}``, ``{not: condition}`` or a test
``{fact: NAME, OP: VALUE}`` with OP one of :data:`OPERATORS`. Nothing is evaluated as code.
Loading refuses a rule that names an unknown fact, lacks an owner or justification, or refers
to a protected characteristic (:func:`protected_terms`, kept in ``data/policy.yaml``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from borderpost.targeting.facts import FACTS, FactValue

__all__ = [
    "OPERATORS",
    "Condition",
    "Rule",
    "RuleError",
    "RuleResult",
    "Test",
    "default_rules",
    "load_rules",
    "parse_rules",
    "policy",
    "protected_terms",
]

#: Comparison operators of a test, with the words used to explain them.
OPERATORS: Mapping[str, str] = {
    "is": "is",
    "eq": "=",
    "ne": "≠",
    "lt": "<",
    "lte": "≤",
    "gt": ">",
    "gte": "≥",
    "in": "in",
    "any_in": "includes one of",
}
_REQUIRED = ("id", "title", "owner", "justification", "review_date", "when")
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


class RuleError(ValueError):
    """A rule that may not be used; the message names the rule, the file and the reason."""


@dataclass(frozen=True, slots=True)
class Test:
    """``fact OP value``: one comparison of a named fact with a constant."""

    fact: str
    op: str
    value: object

    def evaluate(self, facts: Mapping[str, FactValue]) -> tuple[bool, list[str]]:
        """Whether the test holds, and (when it does) why, in words."""
        actual = facts.get(self.fact)
        held = _compare(self.op, actual, self.value)
        if not held:
            return False, []
        return True, [f"{self.fact} = {_show(actual)} ({OPERATORS[self.op]} {_show(self.value)})"]

    def facts(self) -> Iterable[str]:
        yield self.fact

    def words(self) -> Iterable[str]:
        yield self.fact
        values = self.value if isinstance(self.value, list) else [self.value]
        for value in values:
            if isinstance(value, str):
                yield value


@dataclass(frozen=True, slots=True)
class Condition:
    """``all``/``any`` of several conditions, or ``not`` of one."""

    kind: str  # all | any | not
    parts: tuple[Condition | Test, ...]

    def evaluate(self, facts: Mapping[str, FactValue]) -> tuple[bool, list[str]]:
        """Whether the condition holds, and the reasons of the tests that made it hold."""
        if self.kind == "not":
            held, _ = self.parts[0].evaluate(facts)
            return (not held), ([] if held else ["not: " + _describe(self.parts[0])])
        reasons: list[str] = []
        for part in self.parts:
            held, why = part.evaluate(facts)
            if held:
                reasons.extend(why)
                if self.kind == "any":
                    return True, reasons
            elif self.kind == "all":
                return False, []
        return (self.kind == "all"), reasons

    def facts(self) -> Iterable[str]:
        for part in self.parts:
            yield from part.facts()

    def words(self) -> Iterable[str]:
        for part in self.parts:
            yield from part.words()


@dataclass(frozen=True, slots=True)
class RuleResult:
    """A rule that fired for a traveller, with the facts that made it fire."""

    rule: Rule
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule.id,
            "title": self.rule.title,
            "weight": self.rule.weight,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Rule:
    """A targeting rule: who owns it, why it exists, when it must be reviewed, its condition."""

    id: str
    title: str
    owner: str
    justification: str
    review_date: dt.date
    weight: int
    when: Condition | Test
    source: str = ""

    def evaluate(self, facts: Mapping[str, FactValue]) -> RuleResult | None:
        """The result when the rule fires on ``facts``, else None."""
        held, reasons = self.when.evaluate(facts)
        return RuleResult(self, tuple(reasons)) if held else None

    def overdue(self, today: dt.date) -> bool:
        """Whether the rule is past its review date (it still runs, but is flagged)."""
        return self.review_date < today


@cache
def policy() -> Mapping[str, Any]:
    """``data/policy.yaml``: protected terms, weights, risk bands (read once)."""
    text = resources.files("borderpost.targeting").joinpath("data/policy.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def protected_terms() -> tuple[str, ...]:
    """Words naming protected characteristics that no rule may use."""
    return tuple(str(term).lower() for term in policy()["protected"])


def _protected_in(words: Iterable[str]) -> str | None:
    text = " " + " ".join(" ".join(_WORD_SPLIT.split(w.lower())) for w in words) + " "
    for term in protected_terms():
        if f" {term} " in text:
            return term
    return None


def parse_rules(text: str, *, source: str = "<rules>") -> list[Rule]:
    """Rules from the YAML text of one file.

    Raises:
        RuleError: the file or a rule is malformed, names an unknown fact, or refers to a
            protected characteristic.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{source}: not YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(f"{source}: a rule file is a list of rules")
    return [_rule(raw, source) for raw in data]


def _rule(raw: object, source: str) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{source}: each rule is a mapping")
    ident = str(raw.get("id") or "?")
    where = f"rule {ident} ({source})"
    missing = [key for key in _REQUIRED if not raw.get(key)]
    if missing:
        raise RuleError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - {*_REQUIRED, "weight"})
    if unknown:
        raise RuleError(f"{where}: unknown keys {', '.join(unknown)}")
    review = raw["review_date"]
    if isinstance(review, str):
        try:
            review = dt.date.fromisoformat(review)
        except ValueError:
            raise RuleError(f"{where}: review_date {review!r} is not YYYY-MM-DD") from None
    if not isinstance(review, dt.date):
        raise RuleError(f"{where}: review_date must be a date (YYYY-MM-DD)")
    weight = raw.get("weight", 10)
    if not isinstance(weight, int) or isinstance(weight, bool) or not 0 <= weight <= 100:
        raise RuleError(f"{where}: weight must be a whole number from 0 to 100")
    when = _condition(raw["when"], where)
    term = _protected_in([ident, str(raw["title"]), *when.words()])
    if term is not None:
        raise RuleError(
            f"{where} refers to a protected characteristic ({term!r}): rules may not use "
            "religion, ethnicity, health, sex life, political opinion or similar data"
        )
    for fact in when.facts():
        if fact not in FACTS:
            raise RuleError(f"{where}: unknown fact {fact!r} (known: {', '.join(sorted(FACTS))})")
    return Rule(
        id=ident,
        title=str(raw["title"]),
        owner=str(raw["owner"]),
        justification=str(raw["justification"]).strip(),
        review_date=review,
        weight=weight,
        when=when,
        source=source,
    )


def _condition(raw: object, where: str) -> Condition | Test:
    if not isinstance(raw, dict) or not raw:
        raise RuleError(f"{where}: a condition is a mapping (all/any/not or a fact test)")
    if "fact" in raw:
        ops = [key for key in raw if key != "fact"]
        if len(ops) != 1 or ops[0] not in OPERATORS:
            raise RuleError(
                f"{where}: a test is {{fact: NAME, OP: VALUE}} with OP one of "
                f"{', '.join(OPERATORS)}; got {', '.join(map(str, ops)) or 'none'}"
            )
        value = raw[ops[0]]
        if ops[0] in ("in", "any_in") and not isinstance(value, list):
            raise RuleError(f"{where}: {ops[0]} needs a list")
        return Test(str(raw["fact"]), ops[0], value)
    if len(raw) != 1:
        raise RuleError(f"{where}: a condition has exactly one of all, any, not or fact")
    ((kind, value),) = raw.items()
    if kind == "not":
        return Condition("not", (_condition(value, where),))
    if kind in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise RuleError(f"{where}: {kind} needs a non-empty list of conditions")
        return Condition(kind, tuple(_condition(part, where) for part in value))
    raise RuleError(f"{where}: unknown condition {kind!r} (use all, any, not or fact)")


def load_rules(paths: Sequence[Path]) -> list[Rule]:
    """Rules from YAML files (each rule id once across them).

    Raises:
        RuleError: see :func:`parse_rules`; also a duplicated rule id.
    """
    rules: list[Rule] = []
    for path in paths:
        rules.extend(parse_rules(path.read_text("utf-8"), source=path.name))
    return _unique(rules)


@cache
def default_rules() -> tuple[Rule, ...]:
    """The rules shipped in ``borderpost/targeting/rules/*.yaml`` (read once)."""
    folder = resources.files("borderpost.targeting").joinpath("rules")
    rules: list[Rule] = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".yaml"):
            rules.extend(parse_rules(item.read_text("utf-8"), source=item.name))
    return tuple(_unique(rules))


def _unique(rules: list[Rule]) -> list[Rule]:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"rule {rule.id} is defined twice ({seen[rule.id]}, {rule.source})")
        seen[rule.id] = rule.source
    return rules


def _compare(op: str, actual: FactValue, expected: object) -> bool:
    if actual is None:
        return False
    if op == "is" or op == "eq":
        return actual == expected
    if op == "ne":
        return actual != expected
    if op == "in":
        return isinstance(expected, list) and actual in expected
    if op == "any_in":
        items = actual if isinstance(actual, tuple) else (actual,)
        return isinstance(expected, list) and any(item in expected for item in items)
    if isinstance(actual, bool | tuple | str) or not isinstance(expected, int | float):
        return False
    if op == "lt":
        return actual < expected
    if op == "lte":
        return actual <= expected
    if op == "gt":
        return actual > expected
    return actual >= expected  # gte


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _describe(part: Condition | Test) -> str:
    if isinstance(part, Test):
        return f"{part.fact} {OPERATORS[part.op]} {_show(part.value)}"
    return f"{part.kind}(" + "; ".join(_describe(p) for p in part.parts) + ")"
