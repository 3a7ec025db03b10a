"""The suggested action for a primary inspection, with a reason for every rule that fired.

The rules are one readable table, :data:`RULES`: each names a condition and the action it
suggests. Every rule that fires adds a :class:`Signal`; the most severe action among them is
the suggestion (``admit`` when none fires). Pure: no database, no clock.

>>> suggest([]).action
'admit'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ACTIONS",
    "RULES",
    "Action",
    "DocumentSignal",
    "HitKind",
    "HitSignal",
    "Rule",
    "Signal",
    "Suggestion",
    "is_more_lenient",
    "most_severe",
    "signals",
    "suggest",
]

Action = Literal["admit", "refer", "refuse", "detain"]
#: Decisions from the most lenient to the most severe.
ACTIONS: tuple[Action, ...] = ("admit", "refer", "refuse", "detain")


@dataclass(frozen=True, slots=True)
class Rule:
    """A condition and the action it suggests; ``text`` is what the officer reads."""

    name: str
    action: Action
    text: str


#: Which condition suggests which action. Change policy here (a one-line diff).
RULES: Mapping[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("stolen_document", "detain", "the document is reported stolen (exact number)"),
        Rule("reported_document", "refer", "the document number matches a lost/stolen report"),
        Rule("expired_document", "refuse", "the document has expired (entry)"),
        Rule("document_failed", "refer", "the document failed its checks"),
        Rule("chip_failed", "refer", "the chip's passive authentication failed"),
        Rule(
            "face_mismatch",
            "refer",
            "the live face may not be the chip portrait's (an officer must compare them)",
        ),
        Rule(
            "face_lookout",
            "refer",
            "the face resembles a lookout photo (a candidate for an officer to confirm)",
        ),
        Rule(
            "fingerprint_lookout",
            "refer",
            "a fingerprint matches a lookout's (a candidate for an officer to confirm)",
        ),
        Rule("high_risk_hit", "refer", "a watchlist hit at or above the high-risk threshold"),
        Rule("watchlist_hit", "refer", "a possible watchlist match"),
        Rule("overstay", "refer", "a previous stay exceeded the permitted period"),
    )
}


HitKind = Literal["watchlist", "document", "face", "fingerprint"]


@dataclass(frozen=True, slots=True)
class HitSignal:
    """What the rules need to know of one hit; ``hit_id`` links the signal to the stored hit."""

    hit_id: int | None
    kind: HitKind
    score: float
    description: str
    stolen_exact: bool = False


@dataclass(frozen=True, slots=True)
class DocumentSignal:
    """What the rules need to know of the document check."""

    verdict: Literal["valid", "alert", "invalid"]
    errors: tuple[str, ...] = ()
    expired: bool = False


@dataclass(frozen=True, slots=True)
class Signal:
    """A rule that fired, why, and (for hits) which hit; clearing that hit withdraws it."""

    rule: str
    action: Action
    reason: str
    hit_id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "action": self.action, "reason": self.reason, "hit": self.hit_id}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested action and the signals behind it (most severe first)."""

    action: Action
    signals: tuple[Signal, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(signal.reason for signal in self.signals) or ("no rule fired",)


def _signal(rule_name: str, detail: str, hit_id: int | None = None) -> Signal:
    rule = RULES[rule_name]
    return Signal(rule.name, rule.action, f"{rule.text}: {detail}", hit_id)


def signals(
    document: DocumentSignal,
    hits: Iterable[HitSignal],
    overstays: Sequence[str],
    *,
    direction: Literal["entry", "exit"],
    high_risk_threshold: float,
    chip_failures: Sequence[str] = (),
    face_mismatch: str | None = None,
) -> list[Signal]:
    """Every rule of :data:`RULES` that fires for this inspection.

    ``chip_failures``: the error codes of a chip whose passive authentication failed.
    ``face_mismatch``: the reason of a live face that did not verify against the chip
    portrait (a candidate impostor: referral to a person, never a refusal).
    """
    fired: list[Signal] = []
    for hit in hits:
        if hit.kind == "document":
            name = "stolen_document" if hit.stolen_exact else "reported_document"
            fired.append(_signal(name, hit.description, hit.hit_id))
        elif hit.kind == "face":
            fired.append(_signal("face_lookout", hit.description, hit.hit_id))
        elif hit.kind == "fingerprint":
            fired.append(_signal("fingerprint_lookout", hit.description, hit.hit_id))
        elif hit.score >= high_risk_threshold:
            detail = f"{hit.description} (score {hit.score:.2f} >= {high_risk_threshold:.2f})"
            fired.append(_signal("high_risk_hit", detail, hit.hit_id))
        else:
            detail = f"{hit.description} (score {hit.score:.2f})"
            fired.append(_signal("watchlist_hit", detail, hit.hit_id))
    if document.expired and direction == "entry":
        fired.append(_signal("expired_document", "finding 'expired'"))
    if document.verdict != "valid":
        codes = ", ".join(document.errors) or document.verdict
        fired.append(_signal("document_failed", f"{document.verdict} ({codes})"))
    if chip_failures:
        fired.append(_signal("chip_failed", ", ".join(chip_failures)))
    if face_mismatch:
        fired.append(_signal("face_mismatch", face_mismatch))
    fired.extend(_signal("overstay", reason) for reason in overstays)
    return fired


def most_severe(actions: Iterable[Action]) -> Action:
    """The most severe of ``actions`` (``admit`` when there are none)."""
    return max(actions, key=ACTIONS.index, default="admit")


def is_more_lenient(decision: Action, suggestion: Action) -> bool:
    """Whether ``decision`` lets the traveller off more lightly than ``suggestion``."""
    return ACTIONS.index(decision) < ACTIONS.index(suggestion)


def suggest(fired: Iterable[Signal], *, cleared: Iterable[int] = ()) -> Suggestion:
    """The suggestion from the signals, leaving out those of ``cleared`` hit ids."""
    gone = set(cleared)
    kept = [s for s in fired if s.hit_id is None or s.hit_id not in gone]
    kept.sort(key=lambda s: ACTIONS.index(s.action), reverse=True)
    return Suggestion(most_severe(s.action for s in kept), tuple(kept))
