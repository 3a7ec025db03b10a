"""Reading applications back: the summary list, one application in full with its evidence of
identity objectives, alerts and duplicate candidates. Every read of personal data is an audit
event in the caller's transaction (and feeds the record-browsing insider signal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission, can
from borderpost.issuance.applications import get_application
from borderpost.issuance.evidence import EvidenceItem, assess
from borderpost.issuance.photos import photo_status
from borderpost.issuance.staff import require
from borderpost.store.models import (
    CivilRegistryEntry,
    DuplicateCandidate,
    IssuanceAlert,
    IssuanceApplication,
    IssuanceEvidence,
    User,
)

__all__ = ["alert_dict", "application_view", "evidence_items", "list_applications", "objectives"]


def evidence_items(session: Session, application_id: int) -> list[EvidenceItem]:
    rows = session.scalars(
        select(IssuanceEvidence)
        .where(IssuanceEvidence.application_id == application_id)
        .order_by(IssuanceEvidence.id)
    )
    return [EvidenceItem(r.kind, r.issuer, r.number, r.result, r.verified_by) for r in rows]


def objectives(session: Session, application: IssuanceApplication) -> list[dict[str, Any]]:
    """The EoI objectives and whether the application meets each."""
    living = False
    if application.national_id is not None:
        status = session.scalar(
            select(CivilRegistryEntry.status).where(
                CivilRegistryEntry.national_id == application.national_id
            )
        )
        living = status == "living"
    blocking = session.scalar(
        select(DuplicateCandidate.id)
        .where(
            DuplicateCandidate.application_id == application.id,
            DuplicateCandidate.status.in_(("open", "same_person")),
        )
        .limit(1)
    )
    sole = application.submitted_at is not None and blocking is None
    found = assess(
        evidence_items(session, application.id), registry_living=living, sole_claimant=sole
    )
    return [item.to_dict() for item in found]


def _summary(row: IssuanceApplication) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "surname": row.surname,
        "given_names": row.given_names,
        "sex": row.sex,
        "birth_date": row.birth_date.isoformat(),
        "nationality": row.nationality,
        "office": row.office,
        "officer": row.officer,
        "created_at": row.created_at.isoformat(),
        "decided_by": row.decided_by,
        "passport_number": row.passport_number,
        "vip": row.vip,
    }


def list_applications(
    session: Session,
    *,
    actor: User,
    now: dt.datetime,
    status: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Recent applications (newest first); the listing is audited as a read."""
    require(actor, Permission.READ_APPLICATION, "read passport applications")
    query = select(IssuanceApplication).order_by(IssuanceApplication.id.desc()).limit(limit)
    if status is not None:
        query = query.where(IssuanceApplication.status == status)
    rows = [_summary(row) for row in session.scalars(query)]
    append(
        session,
        actor=actor.username,
        action="issuance.list",
        subject_type="issuance_application",
        details={"status": status, "shown": [row["id"] for row in rows]},
        at=now,
    )
    return rows


def application_view(
    session: Session, application_id: int, *, actor: User, now: dt.datetime
) -> dict[str, Any]:
    """Everything about one application: identity, evidence, EoI objectives, alerts and
    duplicate candidates. The read is audited (and feeds the record-browsing signal)."""
    require(actor, Permission.READ_APPLICATION, "read passport applications")
    row = get_application(session, application_id)
    evidence = session.scalars(
        select(IssuanceEvidence)
        .where(IssuanceEvidence.application_id == application_id)
        .order_by(IssuanceEvidence.id)
    )
    alerts = session.scalars(
        select(IssuanceAlert)
        .where(IssuanceAlert.application_id == application_id)
        .order_by(IssuanceAlert.id)
    )
    candidates = session.scalars(
        select(DuplicateCandidate)
        .where(DuplicateCandidate.application_id == application_id)
        .order_by(DuplicateCandidate.score.desc())
    )
    append(
        session,
        actor=actor.username,
        action="issuance.read",
        subject_type="issuance_application",
        subject_id=application_id,
        details={"vip": row.vip},
        at=now,
    )
    return {
        **_summary(row),
        "birth_place": row.birth_place,
        "national_id": row.national_id,
        "national_id_issued_on": _iso(row.national_id_issued_on),
        "address": row.address,
        "phone": row.phone,
        "guarantor": row.guarantor,
        "loss_reported_on": _iso(row.loss_reported_on),
        "enrolment_check": row.enrolment_check,
        "submitted_at": _iso(row.submitted_at),
        "decided_at": _iso(row.decided_at),
        "decision_reason": row.decision_reason,
        "validity_years": row.validity_years,
        "collected_by": row.collected_by,
        "collection_check": row.collection_check,
        "photo": photo_status(session, application_id),
        "may_approve": can(actor.role, Permission.APPROVE_ISSUANCE)
        and actor.username != row.officer,
        "evidence": [
            {
                "id": e.id,
                "kind": e.kind,
                "issuer": e.issuer,
                "number": e.number,
                "result": e.result,
                "verified_by": e.verified_by,
                "verified_at": e.verified_at.isoformat(),
                "note": e.note,
            }
            for e in evidence
        ],
        "objectives": objectives(session, row),
        "alerts": [alert_dict(a) for a in alerts],
        "duplicates": [
            {
                "id": c.id,
                "other_kind": c.other_kind,
                "other_id": c.other_id,
                "score": c.score,
                "reasons": c.reasons,
                "status": c.status,
                "decided_by": c.decided_by,
                "decision_reason": c.decision_reason,
            }
            for c in candidates
        ],
    }


def alert_dict(alert: IssuanceAlert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "rule": alert.rule,
        "severity": alert.severity,
        "action": alert.action,
        "reason": alert.reason,
        "figures": alert.figures,
        "overridden_by": alert.overridden_by,
        "override_reason": alert.override_reason,
    }


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()
