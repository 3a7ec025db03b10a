"""FIU submissions: build a declaration's report, validate it against the schema (ours or the
FIU's own), record that it was sent (when, by whom, on time or not, and the hash of exactly
what was sent), and the on-time percentage. Never commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.cash.couriers import Alert
from borderpost.cash.fiu import (
    DetentionFacts,
    FiuReport,
    build_report,
    load_schema,
    report_code,
    validate,
)
from borderpost.cash.offences import Offence
from borderpost.cash.rules import Assessment, ValuedLine
from borderpost.cash.stored import declaration_row, domain
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden
from borderpost.store.models import (
    CashDeclaration,
    CashDetention,
    CashLine,
    CashOffence,
    FiuSubmission,
    Port,
    User,
)

__all__ = ["Exported", "export", "on_time", "submissions"]

SHIPPED_SCHEMA = "borderpost fiu-cash-report 1"


@dataclass(frozen=True, slots=True)
class Exported:
    """The XML as sent and its submission record."""

    xml: bytes
    submission: FiuSubmission


def _assessment(session: Session, row: CashDeclaration) -> Assessment:
    declaration = domain(session, row)
    lines = list(
        session.scalars(
            select(CashLine).where(CashLine.declaration_id == row.id).order_by(CashLine.id)
        )
    )
    valued = tuple(
        ValuedLine(line, stored.counted, stored.reason, stored.rate, stored.rate_day, stored.value)
        for line, stored in zip(declaration.lines, lines, strict=True)
    )
    return Assessment(row.ref, (row.ref,), valued, row.total, row.required, row.reason)


def export(
    session: Session,
    declaration_id: int,
    *,
    user: User,
    entity_id: str,
    now: dt.datetime,
    schema_path: Path | None = None,
    alerts: tuple[Alert, ...] = (),
) -> Exported:
    """The declaration's FIU report, validated and recorded as submitted now.

    Raises:
        NotFound: no such declaration. Forbidden: the user may not export to the FIU.
        FiuSchemaError: the report does not validate (nothing is recorded then).
    """
    if not can(user.role, Permission.EXPORT_FIU) or not user.active:
        raise Forbidden(f"{user.username} ({user.role}) may not export reports to the FIU")
    row = declaration_row(session, declaration_id)
    offences = [
        Offence(o.kind, o.amount, o.reason)  # type: ignore[arg-type]  # table constraint
        for o in session.scalars(
            select(CashOffence).where(CashOffence.declaration_id == row.id).order_by(CashOffence.id)
        )
    ]
    detention = session.scalar(
        select(CashDetention)
        .where(CashDetention.declaration_id == row.id)
        .order_by(CashDetention.id.desc())
        .limit(1)
    )
    held = None
    if detention is not None:
        held = DetentionFacts(
            detention.legal_basis,
            detention.amount,
            detention.detained_at,
            detention.expires_on,
            detention.released_at,
            detention.release_reason,
        )
    report = FiuReport(
        entity_id=entity_id,
        reporter=user.username,
        submitted_at=now,
        profile_code=row.profile,
        currency=row.currency,
        declaration=domain(session, row),
        assessment=_assessment(session, row),
        offences=offences,
        detention=held,
        indicators=tuple((alert.kind, alert.reason) for alert in alerts if row.ref in alert.refs),
    )
    xml = build_report(report)
    validate(xml, load_schema(schema_path))
    submission = FiuSubmission(
        declaration_id=row.id,
        detention_id=None if detention is None else detention.id,
        report_code=report_code(report),
        due_on=row.fiu_due_on,
        submitted_at=now,
        submitted_by=user.id,
        on_time=now.date() <= row.fiu_due_on,
        schema=SHIPPED_SCHEMA if schema_path is None else str(schema_path.name)[:200],
        sha256=hashlib.sha256(xml).hexdigest(),
    )
    session.add(submission)
    session.flush()
    audit.append(
        session,
        actor=user.username,
        action="cash.fiu_export",
        subject_type="cash_declaration",
        subject_id=row.ref,
        details={
            "submission": submission.id,
            "report_code": submission.report_code,
            "on_time": submission.on_time,
            "sha256": submission.sha256,
        },
        at=now,
    )
    return Exported(xml, submission)


def on_time(session: Session) -> dict[str, object]:
    """Submissions made, made on time, the on-time percentage (None with none made), and the
    declarations due to the FIU that were never submitted, overdue or not."""
    total = int(session.scalar(select(func.count()).select_from(FiuSubmission)) or 0)
    timely = int(
        session.scalar(select(func.count()).select_from(FiuSubmission).where(FiuSubmission.on_time))
        or 0
    )
    submitted = select(FiuSubmission.declaration_id)
    pending = int(
        session.scalar(
            select(func.count())
            .select_from(CashDeclaration)
            .where(CashDeclaration.required, CashDeclaration.id.not_in(submitted))
        )
        or 0
    )
    return {
        "submitted": total,
        "on_time": timely,
        "on_time_percent": None if total == 0 else round(100 * timely / total, 1),
        "pending": pending,
    }


def submissions(session: Session, *, limit: int = 200) -> list[dict[str, object]]:
    """Submissions, newest first."""
    rows = session.execute(
        select(FiuSubmission, CashDeclaration.ref, Port.code, User.username)
        .join(CashDeclaration, CashDeclaration.id == FiuSubmission.declaration_id)
        .join(Port, Port.id == CashDeclaration.port_id)
        .join(User, User.id == FiuSubmission.submitted_by)
        .order_by(FiuSubmission.submitted_at.desc(), FiuSubmission.id.desc())
        .limit(limit)
    )
    return [
        {
            "id": s.id,
            "declaration": ref,
            "port": port,
            "report_code": s.report_code,
            "due_on": s.due_on.isoformat(),
            "submitted_at": s.submitted_at.isoformat(),
            "submitted_by": username,
            "on_time": s.on_time,
            "schema": s.schema,
            "sha256": s.sha256,
        }
        for s, ref, port, username in rows
    ]
