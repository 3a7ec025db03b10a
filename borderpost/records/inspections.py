"""A stored inspection as the officer saw it, and the decisions awaiting a supervisor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from borderpost import audit
from borderpost.documents import parse
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port, port_by_code
from borderpost.inspection.errors import Forbidden, NotFound
from borderpost.inspection.workflow import hit_view
from borderpost.records.scope import check_reader
from borderpost.store.models import Decision, DocumentSeen, Inspection, User
from borderpost.store.repos.inspections import InspectionRepo
from borderpost.store.repos.ports import PortRepo

__all__ = ["inspection_record", "pending_approvals"]


def _decision_dict(row: Decision, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "decision": row.decision,
        "reason": row.reason,
        "officer": names.get(row.officer_id),
        "decided_at": row.decided_at.isoformat(),
        "approval": row.approval,
        "approval_reasons": list(row.approval_reasons or []),
        "approved_by": None if row.approved_by is None else names.get(row.approved_by),
        "reviewed_at": None if row.reviewed_at is None else row.reviewed_at.isoformat(),
        "permit_type": row.permit_type,
    }


def inspection_record(
    session: Session,
    inspection_id: int,
    reader: User,
    *,
    high_risk_threshold: float,
    now: dt.datetime,
) -> dict[str, Any]:
    """The inspection: document, hits, decisions and the suggested action.

    Officers and supervisors read only their port's inspections. Audited as
    ``inspection.read``.

    Raises:
        NotFound: no such inspection.
        Forbidden: the reader may not read it.
    """
    repo = InspectionRepo(session)
    inspection = repo.get(inspection_id)
    if inspection is None:
        raise NotFound(f"inspection {inspection_id} does not exist")
    check_reader(reader, {inspection.port_id}, "an inspection")
    port = PortRepo(session).by_id(inspection.port_id)
    seen = (
        None
        if inspection.document_id is None
        else session.get(DocumentSeen, inspection.document_id)
    )
    document = None
    if seen is not None and seen.mrz:
        document = parse(seen.mrz, at=inspection.created_at.date()).to_dict()
    hits = [hit_view(row, high_risk_threshold).to_dict() for row in repo.hits(inspection.id)]
    decisions = repo.decisions(inspection.id)
    user_ids = {inspection.officer_id} | {d.officer_id for d in decisions}
    user_ids |= {d.approved_by for d in decisions if d.approved_by is not None}
    found = session.execute(select(User.id, User.username).where(User.id.in_(user_ids)))
    names = {row.id: row.username for row in found}
    audit.append(
        session,
        actor=reader.username,
        action="inspection.read",
        subject_type="inspection",
        subject_id=inspection.id,
        at=now,
    )
    return {
        "id": inspection.id,
        "port": None if port is None else port.code,
        "direction": inspection.direction,
        "officer": names.get(inspection.officer_id),
        "at": inspection.created_at.isoformat(),
        "traveller": inspection.traveller_id,
        "verdict": inspection.verdict,
        "chip": None
        if inspection.chip is None
        else {"verdict": inspection.chip_verdict, **inspection.chip},
        "document": document,
        "findings": list(inspection.findings),
        "hits": [hit for hit in hits if hit["kind"] == "watchlist"],
        "lost_stolen": [hit for hit in hits if hit["kind"] == "document"],
        "face_candidates": [hit for hit in hits if hit["kind"] == "face"],
        "fingerprint_candidates": [hit for hit in hits if hit["kind"] == "fingerprint"],
        "suggested_action": inspection.suggested_action,
        "signals": list(inspection.signals or []),
        "decisions": [_decision_dict(row, names) for row in decisions],
    }


def pending_approvals(
    session: Session, supervisor: User, port_code: str | None
) -> list[dict[str, Any]]:
    """Decisions at a port that await a supervisor's approval, oldest first.

    ``port_code`` defaults to the supervisor's own port.

    Raises:
        NotFound: no such port.
        Forbidden: not a supervisor of that port.
    """
    if port_code is None:
        if supervisor.port_id is None:
            raise Forbidden(f"{supervisor.username} is not attached to a port")
        port = PortRepo(session).by_id(supervisor.port_id)
        if port is None:
            raise NotFound(f"{supervisor.username}'s port does not exist")
    else:
        port = port_by_code(session, port_code)
    check_at_port(supervisor, port.id, Permission.APPROVE, "review decisions")
    officer = aliased(User)
    rows = session.execute(
        select(Decision, officer.username)
        .join(Inspection, Decision.inspection_id == Inspection.id)
        .join(officer, Decision.officer_id == officer.id)
        .where(Inspection.port_id == port.id, Decision.approval == "pending")
        .order_by(Decision.decided_at, Decision.id)
    )
    return [
        {
            **_decision_dict(row, {row.officer_id: name}),
            "inspection": row.inspection_id,
            "port": port.code,
        }
        for row, name in rows
    ]
