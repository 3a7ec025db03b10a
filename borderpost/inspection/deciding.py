"""The officer's decision, and a supervisor's approval or rejection (four-eyes).

:func:`decide` records admit, refer, refuse or detain with a reason, and clears hits with a
reason each. When a rule of :data:`borderpost.inspection.decisions.APPROVAL_RULES` applies the
decision is stored ``pending`` and changes nothing until :func:`approve` by another person (a
supervisor of the same port); :func:`reject` withdraws it and its clearances. Everything is
audited; nothing is committed (the caller owns the unit of work).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, cast

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port
from borderpost.inspection.decisions import (
    ClearedHit,
    approval_reasons,
    check_approver,
    check_reason,
)
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.inspection.movements import apply_decision
from borderpost.inspection.policy import DEFAULT_PERMIT, InspectionPolicy
from borderpost.inspection.result import DecisionResult
from borderpost.inspection.suggest import ACTIONS, Action, Signal, Suggestion, suggest
from borderpost.store import UnitOfWork
from borderpost.store.models import Decision, Inspection, ScreeningHit, User
from borderpost.store.repos.inspections import InspectionRepo

__all__ = ["approve", "decide", "reject"]

_IN_FORCE = ("not_required", "approved")


def _inspection(session: Session, inspection_id: int) -> Inspection:
    inspection = InspectionRepo(session).get(inspection_id)
    if inspection is None:
        raise NotFound(f"inspection {inspection_id} does not exist")
    return inspection


def _suggestion(inspection: Inspection, cleared: set[int]) -> Suggestion:
    stored = [
        Signal(s["rule"], cast(Action, s["action"]), s["reason"], s.get("hit"))
        for s in inspection.signals or []
    ]
    return suggest(stored, cleared=cleared)


def _clearances(
    hits: list[ScreeningHit], cleared_hits: Mapping[int, str]
) -> tuple[list[ClearedHit], dict[int, ScreeningHit]]:
    by_id = {hit.id: hit for hit in hits}
    found = []
    for hit_id, reason in cleared_hits.items():
        hit = by_id.get(hit_id)
        if hit is None:
            raise Invalid(f"hit {hit_id} is not a hit of this inspection")
        if hit.cleared_by is not None:
            raise Conflict(f"hit {hit_id} is already cleared")
        text = check_reason(reason, f"clearing hit {hit_id}")
        found.append(ClearedHit(hit_id, hit.kind, hit.score, text))
    return found, by_id


def decide(
    uow: UnitOfWork,
    inspection_id: int,
    officer: User,
    decision: str,
    reason: str,
    cleared_hits: Mapping[int, str] | None,
    now: dt.datetime,
    *,
    permit_type: str | None = None,
    policy: InspectionPolicy | None = None,
) -> DecisionResult:
    """Record the officer's decision on an inspection.

    ``cleared_hits`` maps hit ids to the reason each is a false match. Admitting needs every
    hit cleared. ``permit_type`` (admitted entries; default ``visitor``) sets the stay.

    Raises:
        NotFound: no such inspection.
        Forbidden: the officer may not decide (or clear hits) at this inspection's port.
        Invalid: unknown decision or permit type, missing or short reason, unknown hit,
            admitting with hits not cleared.
        Conflict: the inspection is already decided or awaits approval; a hit already cleared.
    """
    rules = policy or InspectionPolicy()
    session = uow.session
    repo = InspectionRepo(session)
    inspection = _inspection(session, inspection_id)
    check_at_port(officer, inspection.port_id, Permission.DECIDE, "decide")
    if decision not in ACTIONS:
        raise Invalid(f"decision {decision!r} must be one of {', '.join(ACTIONS)}")
    action: Action = decision
    text = check_reason(reason, "a decision")
    for earlier in repo.decisions(inspection.id):
        if earlier.approval in _IN_FORCE:
            raise Conflict(f"inspection {inspection.id} is already decided ({earlier.decision})")
        if earlier.approval == "pending":
            raise Conflict(f"decision {earlier.id} on inspection {inspection.id} awaits approval")
    clearing = dict(cleared_hits or {})
    if clearing:
        check_at_port(officer, inspection.port_id, Permission.CLEAR_HIT, "clear hits")
    hits = repo.hits(inspection.id)
    cleared, by_id = _clearances(hits, clearing)
    done = {hit.id for hit in hits if hit.cleared_by is not None} | set(clearing)
    open_hits = [str(hit.id) for hit in hits if hit.id not in done]
    if action == "admit" and open_hits:
        raise Invalid(
            f"admitting needs every hit cleared with a reason; not cleared: hit "
            f"{', '.join(open_hits)}"
        )
    permit = None
    if action == "admit" and inspection.direction == "entry":
        permit = permit_type or DEFAULT_PERMIT
        if permit not in rules.permits.rules:
            known = ", ".join(sorted(rules.permits.rules))
            raise Invalid(f"permit type {permit!r} is not one of {known}")
    suggestion = _suggestion(inspection, done)
    needs = approval_reasons(
        decision=action,
        suggestion=suggestion.action,
        document_failed=inspection.verdict != "valid",
        cleared=cleared,
        decider_role=officer.role,
        high_risk_threshold=rules.high_risk_threshold,
    )
    row = Decision(
        inspection_id=inspection.id,
        decision=action,
        reason=text,
        officer_id=officer.id,
        approval="pending" if needs else "not_required",
        decided_at=now,
        permit_type=permit,
        approval_reasons=list(needs),
    )
    repo.add(row)
    for item in cleared:
        hit = by_id[item.hit_id]
        hit.cleared_by, hit.clear_reason = officer.id, item.reason
        hit.cleared_at = None if needs else now
    session.flush()
    _audit_decision(session, officer.username, row, suggestion.action, cleared, now)
    effects: list[str] = []
    if not needs:
        effects = apply_decision(
            session, inspection, row, rules=rules.permits, actor=officer.username, now=now
        )
    return _result(row, suggestion.action, effects)


def _audit_decision(
    session: Session,
    actor: str,
    row: Decision,
    suggestion: Action,
    cleared: list[ClearedHit],
    now: dt.datetime,
) -> None:
    for item in cleared:
        audit.append(
            session,
            actor=actor,
            action="hit.clear",
            subject_type="screening_hit",
            subject_id=item.hit_id,
            details={
                "inspection": row.inspection_id,
                "decision": row.id,
                "reason": item.reason,
                "score": round(item.score, 4),
                "pending": row.approval == "pending",
            },
            at=now,
        )
    details = {
        "inspection": row.inspection_id,
        "decision": row.decision,
        "reason": row.reason,
        "suggested_action": suggestion,
        "approval": row.approval,
        "approval_reasons": row.approval_reasons or [],
        "permit_type": row.permit_type,
    }
    audit.append(
        session,
        actor=actor,
        action="decision.create",
        subject_type="decision",
        subject_id=row.id,
        details=details,
        at=now,
    )
    if row.decision != suggestion:
        audit.append(
            session,
            actor=actor,
            action="decision.override",
            subject_type="decision",
            subject_id=row.id,
            details={"suggested_action": suggestion, "decision": row.decision},
            at=now,
        )


def _result(row: Decision, suggestion: Action, effects: list[str]) -> DecisionResult:
    return DecisionResult(
        decision_id=row.id,
        inspection_id=row.inspection_id,
        decision=row.decision,
        approval=row.approval,
        approval_reasons=tuple(row.approval_reasons or ()),
        suggestion=suggestion,
        override=row.decision != suggestion,
        effects=tuple(effects),
    )


def _pending(session: Session, decision_id: int, supervisor: User) -> tuple[Decision, Inspection]:
    row = InspectionRepo(session).decision(decision_id)
    if row is None:
        raise NotFound(f"decision {decision_id} does not exist")
    inspection = _inspection(session, row.inspection_id)
    check_approver(
        decider_id=row.officer_id,
        approver_id=supervisor.id,
        approver_role=supervisor.role,
        approver_active=supervisor.active,
        approver_port_id=supervisor.port_id,
        port_id=inspection.port_id,
    )
    if row.approval != "pending":
        raise Conflict(f"decision {decision_id} is not awaiting approval ({row.approval})")
    return row, inspection


def _pending_clearances(session: Session, row: Decision) -> list[ScreeningHit]:
    hits = InspectionRepo(session).hits(row.inspection_id)
    return [hit for hit in hits if hit.cleared_by is not None and hit.cleared_at is None]


def _cleared_ids(session: Session, inspection_id: int) -> set[int]:
    hits = InspectionRepo(session).hits(inspection_id)
    return {hit.id for hit in hits if hit.cleared_by is not None}


def _review(
    session: Session,
    row: Decision,
    inspection: Inspection,
    supervisor: User,
    outcome: Literal["approved", "rejected"],
    now: dt.datetime,
    details: Mapping[str, object],
) -> None:
    """Record the supervisor's review on the decision and audit it (``decision.approve`` or
    ``decision.reject``, with ``details`` besides the inspection and decision)."""
    row.approval, row.approved_by, row.reviewed_at = outcome, supervisor.id, now
    session.flush()
    audit.append(
        session,
        actor=supervisor.username,
        action="decision.approve" if outcome == "approved" else "decision.reject",
        subject_type="decision",
        subject_id=row.id,
        details={"inspection": inspection.id, "decision": row.decision, **details},
        at=now,
    )


def _current(
    session: Session, row: Decision, inspection: Inspection, effects: list[str]
) -> DecisionResult:
    """The result of a review: the suggestion as it stands with the clearances now in force."""
    suggestion = _suggestion(inspection, _cleared_ids(session, inspection.id))
    return _result(row, suggestion.action, effects)


def approve(
    uow: UnitOfWork,
    decision_id: int,
    supervisor: User,
    now: dt.datetime,
    *,
    policy: InspectionPolicy | None = None,
) -> DecisionResult:
    """Approve a pending decision: its clearances and effects take place now.

    Raises:
        NotFound: no such decision.
        Forbidden: the approver is the decider, not a supervisor, inactive or at another port.
        Conflict: the decision is not pending.
    """
    rules = policy or InspectionPolicy()
    session = uow.session
    row, inspection = _pending(session, decision_id, supervisor)
    for hit in _pending_clearances(session, row):
        hit.cleared_at = now
    _review(session, row, inspection, supervisor, "approved", now, {})
    effects = apply_decision(
        session, inspection, row, rules=rules.permits, actor=supervisor.username, now=now
    )
    return _current(session, row, inspection, effects)


def reject(
    uow: UnitOfWork, decision_id: int, supervisor: User, reason: str, now: dt.datetime
) -> DecisionResult:
    """Reject a pending decision: it and its clearances are withdrawn (kept on record).

    Raises:
        NotFound, Forbidden, Conflict: as for :func:`approve`.
        Invalid: missing or short reason.
    """
    session = uow.session
    text = check_reason(reason, "a rejection")
    row, inspection = _pending(session, decision_id, supervisor)
    row.review_reason = text
    withdrawn = _pending_clearances(session, row)
    for hit in withdrawn:
        hit.cleared_by, hit.clear_reason = None, None
    details = {"reason": text, "clearances_withdrawn": [hit.id for hit in withdrawn]}
    _review(session, row, inspection, supervisor, "rejected", now, details)
    return _current(session, row, inspection, [])
