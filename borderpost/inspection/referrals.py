"""Secondary inspection: an officer of the port takes a referral, then closes it with the
outcome in words (audited as ``referral.take`` and ``referral.close``; never committed)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port
from borderpost.inspection.decisions import check_reason
from borderpost.inspection.errors import Conflict, NotFound
from borderpost.store.models import Inspection, Referral, User

__all__ = ["close_referral", "take_referral"]


def _referral(session: Session, referral_id: int, user: User) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"referral {referral_id} does not exist")
    inspection = session.get(Inspection, referral.inspection_id)
    assert inspection is not None  # a referral always follows an inspection
    check_at_port(user, inspection.port_id, Permission.HANDLE_REFERRAL, "handle referrals")
    if referral.status == "closed":
        raise Conflict(f"referral {referral_id} is already closed")
    return referral


def take_referral(session: Session, referral_id: int, user: User, now: dt.datetime) -> Referral:
    """Assign an open referral to ``user`` (secondary inspection under way).

    Raises:
        NotFound, Forbidden: no such referral, or not of the user's port.
        Conflict: closed, or taken by someone else.
    """
    referral = _referral(session, referral_id, user)
    if referral.assigned_to not in (None, user.id):
        raise Conflict(f"referral {referral_id} is taken by another officer")
    referral.status, referral.assigned_to = "in_progress", user.id
    session.flush()
    audit.append(
        session,
        actor=user.username,
        action="referral.take",
        subject_type="referral",
        subject_id=referral.id,
        details={"inspection": referral.inspection_id},
        at=now,
    )
    return referral


def close_referral(
    session: Session, referral_id: int, user: User, outcome: str, now: dt.datetime
) -> Referral:
    """Close a referral with what secondary inspection found and did.

    Raises:
        NotFound, Forbidden, Conflict: as for :func:`take_referral`.
        Invalid: no outcome, or one too short to explain anything.
    """
    text = check_reason(outcome, "closing a referral")
    referral = _referral(session, referral_id, user)
    referral.status, referral.outcome, referral.closed_at = "closed", text, now
    if referral.assigned_to is None:
        referral.assigned_to = user.id
    session.flush()
    audit.append(
        session,
        actor=user.username,
        action="referral.close",
        subject_type="referral",
        subject_id=referral.id,
        details={"inspection": referral.inspection_id, "outcome": text},
        at=now,
    )
    return referral
