"""The referral queue of a port: travellers sent to secondary inspection, oldest first.

The queue names travellers, so reading it is audited (``referral.list``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from borderpost import audit
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port
from borderpost.inspection.errors import Forbidden, NotFound
from borderpost.store.models import Inspection, Referral, Traveller, User
from borderpost.store.repos.ports import PortRepo

__all__ = ["QueuedReferral", "referral_queue"]


@dataclass(frozen=True, slots=True)
class QueuedReferral:
    """A referral as the secondary officer sees it in the queue."""

    id: int
    inspection_id: int
    traveller_id: int | None
    traveller: str
    reason: str
    status: str
    referred_by: str
    created_at: dt.datetime
    assigned_to: str | None


def referral_queue(
    session: Session, user: User, *, now: dt.datetime, include_closed: bool = False
) -> list[QueuedReferral]:
    """Open (and in progress) referrals of ``user``'s port, oldest first.

    Raises:
        Forbidden: the user handles no referrals, or belongs to no port.
        NotFound: the user's port does not exist.
    """
    if user.port_id is None:
        raise Forbidden(f"{user.username} is not attached to a port")
    port = PortRepo(session).by_id(user.port_id)
    if port is None:
        raise NotFound(f"{user.username}'s port does not exist")
    check_at_port(user, port.id, Permission.HANDLE_REFERRAL, "handle referrals")
    officer, assignee = aliased(User), aliased(User)
    query = (
        select(Referral, Inspection, Traveller, officer.username, assignee.username)
        .join(Inspection, Inspection.id == Referral.inspection_id)
        .join(officer, officer.id == Inspection.officer_id)
        .outerjoin(Traveller, Traveller.id == Inspection.traveller_id)
        .outerjoin(assignee, assignee.id == Referral.assigned_to)
        .where(Inspection.port_id == port.id)
        .order_by(Referral.created_at, Referral.id)
    )
    if not include_closed:
        query = query.where(Referral.status != "closed")
    found = [
        QueuedReferral(
            id=referral.id,
            inspection_id=inspection.id,
            traveller_id=inspection.traveller_id,
            traveller="" if traveller is None else _name(traveller),
            reason=referral.reason,
            status=referral.status,
            referred_by=by,
            created_at=referral.created_at,
            assigned_to=assigned,
        )
        for referral, inspection, traveller, by, assigned in session.execute(query)
    ]
    audit.append(
        session,
        actor=user.username,
        action="referral.list",
        subject_type="port",
        subject_id=port.code,
        details={"returned": len(found)},
        at=now,
    )
    return found


def _name(traveller: Traveller) -> str:
    return f"{traveller.surname}, {traveller.given_names}".strip(", ")
