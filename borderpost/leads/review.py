"""Analysts review leads: actionable, dismissed (with a reason) or unsure; undo.

Reviews are append-only (:class:`borderpost.store.models.IntelLeadReview`): a later review
supersedes an earlier one and an undo is a row of its own naming the review it reverses, so
who said what and when is never lost. Every review, undo and read of a lead is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.leads.index import record_facts
from borderpost.store.models import IntelLead, IntelLeadReview
from borderpost.store.models.leads import LEAD_STATUSES

__all__ = ["MIN_REASON", "VERDICTS", "lead_detail", "lead_queue", "review_lead", "undo_review"]

VERDICTS = ("actionable", "dismissed", "unsure")
MIN_REASON = 5


def _review_dict(review: IntelLeadReview) -> dict[str, Any]:
    return {
        "id": review.id,
        "verdict": review.verdict,
        "reason": review.reason,
        "actor": review.actor,
        "at": review.at.isoformat(),
        "undoes": review.undoes,
    }


def _lead_dict(lead: IntelLead) -> dict[str, Any]:
    return {
        "id": lead.id,
        "record": lead.record_ref,
        "other": lead.other_ref,
        "score": lead.score,
        "headline": lead.headline,
        "reasons": list(lead.reasons),
        "links": list(lead.links),
        "status": lead.status,
        "raised_at": lead.raised_at.isoformat(),
    }


def _standing(reviews: list[IntelLeadReview]) -> str:
    undone = {r.undoes for r in reviews if r.verdict == "undo"}
    for review in sorted(reviews, key=lambda r: r.id, reverse=True):
        if review.verdict != "undo" and review.id not in undone:
            return review.verdict
    return "open"


def _reviews(session: Session, lead_id: int) -> list[IntelLeadReview]:
    return list(
        session.scalars(
            select(IntelLeadReview)
            .where(IntelLeadReview.lead_id == lead_id)
            .order_by(IntelLeadReview.id)
        )
    )


def lead_queue(
    session: Session, *, status: str = "open", limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Leads of one status (``open``, ``actionable``, ``dismissed``, ``unsure``, or ``all``),
    best score first."""
    if status != "all" and status not in LEAD_STATUSES:
        raise Invalid(f"status {status!r} is not one of all, {', '.join(LEAD_STATUSES)}")
    query = select(IntelLead).order_by(IntelLead.score.desc(), IntelLead.id)
    if status != "all":
        query = query.where(IntelLead.status == status)
    return [_lead_dict(lead) for lead in session.scalars(query.limit(limit).offset(offset))]


def lead_detail(session: Session, lead_id: int, *, actor: str, now: dt.datetime) -> dict[str, Any]:
    """A lead with both records' facts and its review history. Audited (the facts name
    people)."""
    lead = session.get(IntelLead, lead_id)
    if lead is None:
        raise NotFound(f"no lead {lead_id}")
    found = _lead_dict(lead)
    for key, ref in (("record_facts", lead.record_ref), ("other_facts", lead.other_ref)):
        facts = record_facts(session, ref)
        found[key] = (
            None
            if facts is None
            else {
                "ref": facts.ref,
                "kind": facts.kind,
                "date": facts.date.isoformat(),
                "summary": facts.summary,
                "place": facts.place,
                "identifiers": [list(i) for i in facts.identifiers],
            }
        )
    found["reviews"] = [_review_dict(r) for r in _reviews(session, lead_id)]
    append(
        session,
        actor=actor,
        action="intel.lead_read",
        subject_type="intel_lead",
        subject_id=lead_id,
        at=now,
    )
    return found


def review_lead(
    session: Session,
    lead_id: int,
    *,
    verdict: str,
    reason: str,
    actor: str,
    now: dt.datetime,
) -> dict[str, Any]:
    """Record ``actor``'s verdict on a lead. A dismissal needs a reason of at least
    :data:`MIN_REASON` characters. Audited.

    Raises:
        NotFound: no such lead.
        Invalid: an unknown verdict, or a dismissal without a reason.
    """
    if verdict not in VERDICTS:
        raise Invalid(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    reason = reason.strip()
    if verdict == "dismissed" and len(reason) < MIN_REASON:
        raise Invalid(f"a dismissal needs a reason of at least {MIN_REASON} characters")
    lead = session.get(IntelLead, lead_id)
    if lead is None:
        raise NotFound(f"no lead {lead_id}")
    review = IntelLeadReview(
        lead_id=lead.id, verdict=verdict, reason=reason or None, actor=actor[:128], at=now
    )
    session.add(review)
    session.flush()
    lead.status = _standing(_reviews(session, lead.id))
    append(
        session,
        actor=actor,
        action="intel.lead_review",
        subject_type="intel_lead",
        subject_id=lead.id,
        details={"verdict": verdict, "reason": reason, "review": review.id},
        at=now,
    )
    return {"lead": lead.id, "review": review.id, "status": lead.status}


def undo_review(
    session: Session, lead_id: int, *, actor: str, now: dt.datetime, review_id: int | None = None
) -> dict[str, Any]:
    """Undo a review of a lead (the latest standing one unless ``review_id`` is given) with a
    new row; the lead returns to the verdict before it. Audited.

    Raises:
        NotFound: no such lead or review.
        Conflict: nothing to undo (no standing review, or that review is already undone).
    """
    lead = session.get(IntelLead, lead_id)
    if lead is None:
        raise NotFound(f"no lead {lead_id}")
    reviews = _reviews(session, lead.id)
    undone = {r.undoes for r in reviews if r.verdict == "undo"}
    standing = [r for r in reviews if r.verdict != "undo" and r.id not in undone]
    if review_id is None:
        if not standing:
            raise Conflict(f"lead {lead_id} has no review to undo")
        target = standing[-1]
    else:
        match = [r for r in reviews if r.id == review_id]
        if not match:
            raise NotFound(f"lead {lead_id} has no review {review_id}")
        target = match[0]
        if target.verdict == "undo" or target.id in undone:
            raise Conflict(f"review {review_id} is an undo or already undone")
    review = IntelLeadReview(
        lead_id=lead.id, verdict="undo", reason=None, actor=actor[:128], at=now, undoes=target.id
    )
    session.add(review)
    session.flush()
    lead.status = _standing(_reviews(session, lead.id))
    append(
        session,
        actor=actor,
        action="intel.lead_undo",
        subject_type="intel_lead",
        subject_id=lead.id,
        details={"undoes": target.id, "review": review.id},
        at=now,
    )
    return {"lead": lead.id, "review": review.id, "undoes": target.id, "status": lead.status}
