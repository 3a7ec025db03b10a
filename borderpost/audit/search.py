"""Find audit events by who, what and when (the auditor's filters), newest first.

A read of the trail is itself audited (``audit.read``) by the caller, as the API does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.store.models import AuditEvent

__all__ = ["EventFilter", "search_events"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to look for; ``None`` means any. ``action`` matches a prefix (``decision.``
    finds every decision event); ``until`` is exclusive."""

    actor: str | None = None
    action: str | None = None
    subject_type: str | None = None
    subject_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The filter as plain JSON (for the audit event of the read)."""
        return {
            "actor": self.actor,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "since": None if self.since is None else self.since.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
        }


def search_events(
    session: Session, found: EventFilter, *, limit: int = 100, before: int | None = None
) -> list[AuditEvent]:
    """Events matching ``found``, newest first; ``before`` pages back by sequence number."""
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEvent.seq < before)
    if found.actor is not None:
        query = query.where(AuditEvent.actor == found.actor)
    if found.action is not None:
        query = query.where(AuditEvent.action.startswith(found.action, autoescape=True))
    if found.subject_type is not None:
        query = query.where(AuditEvent.subject_type == found.subject_type)
    if found.subject_id is not None:
        query = query.where(AuditEvent.subject_id == found.subject_id)
    if found.since is not None:
        query = query.where(AuditEvent.at >= found.since)
    if found.until is not None:
        query = query.where(AuditEvent.at < found.until)
    return list(session.scalars(query))
