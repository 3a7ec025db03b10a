"""Four-eyes rules: which decisions need a supervisor's approval, and who may give it.

Pure functions over plain values, so the rules can be read and tested on their own:

* :data:`APPROVAL_RULES` names each condition that makes a decision wait for a second
  person; :func:`approval_reasons` says which of them apply.
* :func:`check_reason` refuses an empty or too-short reason (for a decision, a clearance,
  a rejection).
* :func:`check_approver` refuses an approver who is the decider, not a supervisor, inactive
  or at another port. Administrators do not approve: they manage accounts, not travellers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from borderpost.identity.roles import Permission, Role, can
from borderpost.inspection.errors import Forbidden, Invalid
from borderpost.inspection.suggest import Action, is_more_lenient

__all__ = [
    "APPROVAL_RULES",
    "MIN_REASON_LENGTH",
    "ClearedHit",
    "approval_reasons",
    "check_approver",
    "check_reason",
]

#: Fewest characters (after trimming) in a reason; "ok" or "n/a" explain nothing.
MIN_REASON_LENGTH = 10

#: Why a decision waits for a supervisor, by rule name.
APPROVAL_RULES: Mapping[str, str] = {
    "high_risk_clearance": "clears a hit at or above the high-risk threshold",
    "document_hit_clearance": "clears a lost/stolen document hit",
    "admit_failed_document": "admits a traveller whose document failed its checks",
    "lenient_override": "decides more leniently than suggested, without the override permission",
}


@dataclass(frozen=True, slots=True)
class ClearedHit:
    """A hit the officer clears as a false match, and what the rules need to know of it."""

    hit_id: int
    kind: str
    score: float
    reason: str


def check_reason(reason: str | None, what: str) -> str:
    """``reason`` trimmed.

    Raises:
        Invalid: no reason, or fewer than :data:`MIN_REASON_LENGTH` characters.
    """
    text = (reason or "").strip()
    if not text:
        raise Invalid(f"{what} needs a reason")
    if len(text) < MIN_REASON_LENGTH:
        raise Invalid(
            f"{what}: reason {text!r} is too short (at least {MIN_REASON_LENGTH} characters "
            "saying why)"
        )
    return text


def approval_reasons(
    *,
    decision: Action,
    suggestion: Action,
    document_failed: bool,
    cleared: Iterable[ClearedHit],
    decider_role: str,
    high_risk_threshold: float,
) -> tuple[str, ...]:
    """The :data:`APPROVAL_RULES` that apply, as readable sentences (empty: no approval).

    ``suggestion`` is the suggestion after the cleared hits are taken out, so an officer who
    clears a low-risk false match and admits does not override anything.
    """
    found: list[str] = []
    for hit in cleared:
        if hit.kind == "document":
            found.append(f"{APPROVAL_RULES['document_hit_clearance']} (hit {hit.hit_id})")
        elif hit.kind == "watchlist" and hit.score >= high_risk_threshold:
            found.append(
                f"{APPROVAL_RULES['high_risk_clearance']} (hit {hit.hit_id}, score "
                f"{hit.score:.2f} >= {high_risk_threshold:.2f})"
            )
    if decision == "admit" and document_failed:
        found.append(APPROVAL_RULES["admit_failed_document"])
    if is_more_lenient(decision, suggestion) and not can(decider_role, Permission.OVERRIDE):
        found.append(f"{APPROVAL_RULES['lenient_override']} ({decision} < {suggestion})")
    return tuple(found)


def check_approver(
    *,
    decider_id: int,
    approver_id: int,
    approver_role: str,
    approver_active: bool,
    approver_port_id: int | None,
    port_id: int,
) -> None:
    """Allow only a second person: an active supervisor of the inspection's port.

    Raises:
        Forbidden: naming the rule the approver breaks.
    """
    if approver_id == decider_id:
        raise Forbidden("four-eyes rule: the officer who decided cannot approve their own decision")
    if approver_role != Role.SUPERVISOR or not can(approver_role, Permission.APPROVE):
        raise Forbidden(f"only a supervisor may approve (this user is {approver_role})")
    if not approver_active:
        raise Forbidden("the approver's account is inactive")
    if approver_port_id != port_id:
        raise Forbidden("a supervisor may approve only decisions at their own port")
