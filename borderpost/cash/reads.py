"""Reading cash declarations back: one in full, or a list. Parties are personal data, so
every read is audited (``cash.read`` for one declaration, ``cash.list`` for a list).
Officers and supervisors read their own port's; analysts and auditors every port's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.cash.stored import declaration_row
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden
from borderpost.store.models import (
    CashDeclaration,
    CashDetention,
    CashLine,
    CashOffence,
    CashParty,
    FiuSubmission,
    Port,
    User,
)

__all__ = ["declaration_detail", "declarations", "scope_port"]

_PORT_BOUND = frozenset({"officer", "supervisor"})


def scope_port(user: User) -> int | None:
    """The port a user's reads are limited to (None: every port).

    Raises:
        Forbidden: the user may not read cash records.
    """
    if not user.active or not can(user.role, Permission.READ_CASH):
        raise Forbidden(f"{user.username} ({user.role}) may not read cash declarations")
    return user.port_id if user.role in _PORT_BOUND else None


def _summary(row: CashDeclaration, port: str, carrier: str | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "ref": row.ref,
        "kind": row.kind,
        "profile": row.profile,
        "port": port,
        "direction": row.direction,
        "occurred_at": row.occurred_at.isoformat(),
        "carrier": carrier,
        "total": str(row.total),
        "currency": row.currency,
        "required": row.required,
        "reason": row.reason,
        "fiu_due_on": row.fiu_due_on.isoformat(),
        "inspection_id": row.inspection_id,
        "crossing_id": row.crossing_id,
    }


def declarations(
    session: Session, user: User, *, now: dt.datetime, limit: int = 100
) -> list[dict[str, Any]]:
    """Recent declarations the user may see, newest first (the read is audited)."""
    port_id = scope_port(user)
    query = (
        select(CashDeclaration, Port.code, CashParty.name)
        .join(Port, Port.id == CashDeclaration.port_id)
        .outerjoin(
            CashParty,
            (CashParty.declaration_id == CashDeclaration.id) & (CashParty.role == "carrier"),
        )
        .order_by(CashDeclaration.occurred_at.desc(), CashDeclaration.id.desc())
        .limit(max(1, min(limit, 500)))
    )
    if port_id is not None:
        query = query.where(CashDeclaration.port_id == port_id)
    found = [_summary(row, code, name) for row, code, name in session.execute(query)]
    audit.append(
        session,
        actor=user.username,
        action="cash.list",
        subject_type="cash_declaration",
        details={"count": len(found), "port_id": port_id},
        at=now,
    )
    return found


def declaration_detail(
    session: Session, declaration_id: int, user: User, *, now: dt.datetime
) -> dict[str, Any]:
    """One declaration with its lines, parties, offences, detentions and submissions.

    Raises:
        NotFound: no such declaration. Forbidden: another port's, or no permission.
    """
    port_id = scope_port(user)
    row = declaration_row(session, declaration_id)
    if port_id is not None and row.port_id != port_id:
        raise Forbidden(f"{user.username} may read only their own port's declarations")
    port = session.get(Port, row.port_id)
    lines = session.scalars(
        select(CashLine).where(CashLine.declaration_id == row.id).order_by(CashLine.id)
    )
    parties = session.scalars(
        select(CashParty).where(CashParty.declaration_id == row.id).order_by(CashParty.id)
    )
    offences = session.scalars(
        select(CashOffence).where(CashOffence.declaration_id == row.id).order_by(CashOffence.id)
    )
    held = session.scalars(
        select(CashDetention)
        .where(CashDetention.declaration_id == row.id)
        .order_by(CashDetention.id)
    )
    sent = session.scalars(
        select(FiuSubmission)
        .where(FiuSubmission.declaration_id == row.id)
        .order_by(FiuSubmission.id)
    )
    found = {
        **_summary(row, port.code if port else "?", None),
        "origin": row.origin,
        "destination": row.destination,
        "route": row.route,
        "intended_use": row.intended_use,
        "source_of_funds": row.source_of_funds,
        "party_ref": row.party_ref,
        "conveyance_ref": row.conveyance_ref,
        "booking_ref": row.booking_ref,
        "disclosure_requested_on": None
        if row.disclosure_requested_on is None
        else row.disclosure_requested_on.isoformat(),
        "disclosed_on": None if row.disclosed_on is None else row.disclosed_on.isoformat(),
        "lines": [
            {
                "instrument": line.instrument,
                "currency": line.currency,
                "amount": str(line.amount),
                "gold_form": line.gold_form,
                "purity": None if line.purity is None else str(line.purity),
                "rate": str(line.rate),
                "rate_day": None if line.rate_day is None else line.rate_day.isoformat(),
                "value": str(line.value),
                "counted": line.counted,
                "reason": line.reason,
            }
            for line in lines
        ],
        "parties": [
            {
                "role": p.role,
                "name": p.name,
                "birth_date": None if p.birth_date is None else p.birth_date.isoformat(),
                "nationality": p.nationality,
                "document": p.document,
                "phone": p.phone,
                "address": p.address,
                "account": p.account,
            }
            for p in parties
        ],
        "offences": [
            {"kind": o.kind, "amount": str(o.amount), "reason": o.reason} for o in offences
        ],
        "detentions": [
            {
                "id": d.id,
                "legal_basis": d.legal_basis,
                "amount": str(d.amount),
                "expires_on": d.expires_on.isoformat(),
                "released": d.released_at is not None,
            }
            for d in held
        ],
        "submissions": [
            {"id": s.id, "submitted_at": s.submitted_at.isoformat(), "on_time": s.on_time}
            for s in sent
        ],
    }
    found["carrier"] = next((p["name"] for p in found["parties"] if p["role"] == "carrier"), None)
    audit.append(
        session,
        actor=user.username,
        action="cash.read",
        subject_type="cash_declaration",
        subject_id=row.ref,
        at=now,
    )
    return found
