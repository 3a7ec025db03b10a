"""Insider signals read from the store: decisions, overrides, linked applications and the
audit log's record reads, fed to :func:`borderpost.issuance.signals.insider_signals`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission
from borderpost.issuance.rules import RuleBook
from borderpost.issuance.signals import (
    DecisionFact,
    LinkFact,
    OverrideFact,
    ReadFact,
    Signal,
    insider_signals,
)
from borderpost.issuance.staff import require
from borderpost.store.models import (
    AuditEvent,
    DuplicateCandidate,
    IssuanceAlert,
    IssuanceApplication,
    IssuanceEvidence,
    User,
)

__all__ = ["officer_signals"]


def _links(session: Session) -> list[LinkFact]:
    found = [
        LinkFact(application_id, other_id, "duplicate candidate")
        for application_id, other_id in session.execute(
            select(DuplicateCandidate.application_id, DuplicateCandidate.other_id).where(
                DuplicateCandidate.other_kind == "application",
                DuplicateCandidate.status != "different_person",
            )
        )
    ]
    for application_id, figures in session.execute(
        select(IssuanceAlert.application_id, IssuanceAlert.figures).where(
            IssuanceAlert.rule == "shared_contact"
        )
    ):
        why = f"shared {figures.get('field', 'contact')}"
        for other in figures.get("applications", []):
            found.append(LinkFact(application_id, int(other), why))
    return found


def officer_signals(
    session: Session,
    *,
    actor: User,
    book: RuleBook,
    now: dt.datetime,
    since: dt.datetime | None = None,
) -> list[Signal]:
    """Every insider signal over the applications (created since ``since``), audited."""
    require(actor, Permission.READ_INSIDER_SIGNALS, "see insider signals")
    since_filter = [] if since is None else [IssuanceApplication.created_at >= since]
    applications = session.execute(
        select(
            IssuanceApplication.id,
            IssuanceApplication.officer,
            IssuanceApplication.decided_by,
            IssuanceApplication.decided_at,
            IssuanceApplication.status,
            IssuanceApplication.collected_by,
            IssuanceApplication.vip,
        ).where(*since_filter)
    ).all()
    handlers: dict[int, set[str]] = defaultdict(set)
    vip: dict[int, bool] = {}
    for app_id, maker, decider, _, _, collector, is_vip in applications:
        handlers[app_id].update(x for x in (maker, decider, collector) if x is not None)
        vip[app_id] = bool(is_vip)
    for app_id, verifier in session.execute(
        select(IssuanceEvidence.application_id, IssuanceEvidence.verified_by)
    ):
        if app_id in handlers:
            handlers[app_id].add(verifier)
    alert_counts: dict[int, int] = defaultdict(int)
    overrides = []
    for app_id, rule, by, at in session.execute(
        select(
            IssuanceAlert.application_id,
            IssuanceAlert.rule,
            IssuanceAlert.overridden_by,
            IssuanceAlert.overridden_at,
        )
    ):
        if app_id not in handlers:
            continue
        alert_counts[app_id] += 1
        if by is not None and at is not None:
            overrides.append(OverrideFact(app_id, by, rule, at))
    decisions = [
        DecisionFact(
            app_id,
            maker,
            decider,
            status in ("approved", "issued", "held"),
            at,
            alert_counts.get(app_id, 0),
        )
        for app_id, maker, decider, at, status, _, _ in applications
        if decider is not None and at is not None
    ]
    read_query = select(AuditEvent.actor, AuditEvent.subject_id, AuditEvent.at).where(
        AuditEvent.action == "issuance.read"
    )
    if since is not None:
        read_query = read_query.where(AuditEvent.at >= since)
    reads = [
        ReadFact(reader, int(subject), vip.get(int(subject), False), at)
        for reader, subject, at in session.execute(read_query)
        if subject is not None and subject.isdigit() and int(subject) in handlers
    ]
    found = insider_signals(
        decisions=decisions,
        overrides=overrides,
        links=[link for link in _links(session) if link.left in handlers],
        reads=reads,
        handlers=handlers,
        thresholds=book.signals,
        takers={app_id: maker for app_id, maker, *_ in applications},
    )
    append(
        session,
        actor=actor.username,
        action="issuance.signals",
        subject_type="issuance_staff",
        details={"signals": len(found)},
        at=now,
    )
    return found
