"""Courier detection over the stored declarations of a window: the alerts, each with the
intelligence facts of the declarations it rests on. The run is audited (it reads personal
data of every carrier in the window)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.cash.couriers import Alert, Valued, detect
from borderpost.cash.facts import facts_of
from borderpost.cash.profiles import Profile
from borderpost.cash.stored import domains
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden
from borderpost.intel.facts import RecordFacts
from borderpost.store.models import CashDeclaration, User

__all__ = ["Detection", "run_detection"]


@dataclass(frozen=True, slots=True)
class Detection:
    """Alerts over a window, and the facts of every declaration they name."""

    since: dt.date
    declarations: int
    alerts: tuple[Alert, ...]
    facts: tuple[RecordFacts, ...]


def run_detection(
    session: Session, profile: Profile, *, user: User, now: dt.datetime, days: int = 365
) -> Detection:
    """Detect couriers among the declarations of the last ``days`` made under ``profile``.

    Raises:
        Forbidden: the user may not read cash alerts.
    """
    if not user.active or not can(user.role, Permission.READ_CASH_ALERTS):
        raise Forbidden(f"{user.username} ({user.role}) may not run cash-courier detection")
    since = now - dt.timedelta(days=days)
    rows = list(
        session.scalars(
            select(CashDeclaration)
            .where(CashDeclaration.profile == profile.code, CashDeclaration.occurred_at >= since)
            .order_by(CashDeclaration.occurred_at, CashDeclaration.id)
        )
    )
    found = domains(session, rows)
    items = [Valued(d, row.total) for d, row in zip(found, rows, strict=True)]
    alerts = tuple(detect(profile, items))
    named = {ref for alert in alerts for ref in alert.refs}
    facts = tuple(facts_of(d) for d in found if d.ref in named)
    audit.append(
        session,
        actor=user.username,
        action="cash.detect",
        subject_type="cash_declaration",
        details={
            "profile": profile.code,
            "since": since.date().isoformat(),
            "declarations": len(rows),
            "alerts": len(alerts),
        },
        at=now,
    )
    return Detection(since.date(), len(rows), alerts, facts)
