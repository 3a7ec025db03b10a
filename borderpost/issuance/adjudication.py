"""The adjudication queue: every duplicate-identity candidate waits for a person, who decides
"same person" or "different person" with a recorded reason. A decision is written on the
candidate row once (who, when, why) and audited; it is never silently changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission
from borderpost.issuance.errors import (
    IssuanceConflict,
    IssuanceInvalid,
    IssuanceNotFound,
    SelfApprovalError,
)
from borderpost.issuance.staff import require
from borderpost.store.models import DuplicateCandidate, IssuanceApplication, IssuedPassport, User

__all__ = ["VERDICTS", "adjudicate", "queue"]

VERDICTS = ("same_person", "different_person")


def _person(session: Session, kind: str, record_id: int) -> dict[str, Any]:
    row: IssuanceApplication | IssuedPassport | None
    if kind == "application":
        row = session.get(IssuanceApplication, record_id)
    else:
        row = session.get(IssuedPassport, record_id)
    if row is None:
        return {"kind": kind, "id": record_id, "missing": True}
    found: dict[str, Any] = {
        "kind": kind,
        "id": record_id,
        "surname": row.surname,
        "given_names": row.given_names,
        "sex": row.sex,
        "birth_date": row.birth_date.isoformat(),
        "national_id": row.national_id,
    }
    if isinstance(row, IssuedPassport):
        found["passport"] = f"{row.country} {row.number}"
    else:
        found["status"] = row.status
        found["officer"] = row.officer
    return found


def queue(
    session: Session, *, actor: User, now: dt.datetime, limit: int = 100
) -> list[dict[str, Any]]:
    """Open candidates, best-scored first, with both records side by side (audited read)."""
    require(actor, Permission.ADJUDICATE, "read the adjudication queue")
    rows = session.scalars(
        select(DuplicateCandidate)
        .where(DuplicateCandidate.status == "open")
        .order_by(DuplicateCandidate.score.desc(), DuplicateCandidate.id)
        .limit(limit)
    ).all()
    found = [
        {
            "id": row.id,
            "score": row.score,
            "reasons": row.reasons,
            "raised_at": row.raised_at.isoformat(),
            "application": _person(session, "application", row.application_id),
            "other": _person(session, row.other_kind, row.other_id),
        }
        for row in rows
    ]
    append(
        session,
        actor=actor.username,
        action="issuance.queue",
        subject_type="duplicate_candidate",
        details={"shown": [row.id for row in rows]},
        at=now,
    )
    return found


def adjudicate(
    session: Session,
    candidate_id: int,
    *,
    actor: User,
    verdict: str,
    reason: str,
    now: dt.datetime,
) -> DuplicateCandidate:
    """Decide one candidate. ``same_person`` keeps the application from approval.

    Raises:
        IssuanceInvalid: unknown verdict, reason shorter than 10 characters.
        SelfApprovalError: the adjudicator took the application.
        IssuanceConflict: already decided.
    """
    require(actor, Permission.ADJUDICATE, "adjudicate duplicate candidates")
    if verdict not in VERDICTS:
        raise IssuanceInvalid(f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    text = " ".join(reason.split())
    if len(text) < 10 or len(text) > 2000:
        raise IssuanceInvalid("an adjudication needs a reason of 10-2000 characters")
    row = session.get(DuplicateCandidate, candidate_id)
    if row is None:
        raise IssuanceNotFound(f"no duplicate candidate #{candidate_id}")
    application = session.get(IssuanceApplication, row.application_id)
    if application is not None and application.officer == actor.username:
        raise SelfApprovalError(
            f"{actor.username} took application #{row.application_id} and may not adjudicate "
            "its duplicate candidates (maker-checker)"
        )
    if row.status != "open":
        raise IssuanceConflict(
            f"candidate #{candidate_id} was decided {row.status} by {row.decided_by}"
        )
    row.status = verdict
    row.decided_by = actor.username
    row.decided_at = now
    row.decision_reason = text
    append(
        session,
        actor=actor.username,
        action="issuance.adjudicate",
        subject_type="duplicate_candidate",
        subject_id=candidate_id,
        details={"verdict": verdict, "application": row.application_id},
        at=now,
    )
    return row
