"""Detaining cash (stopping and restraining it, FATF R.32) and releasing it. A supervisor at
the declaration's port detains on a stated legal basis for a set number of days; the expiry
is shown on every list, and an expired detention without a release is flagged. Never commits.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.store.models import CashDeclaration, CashDetention, Port, User

__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "detain", "detention_dict", "detentions", "release"]

#: EU Regulation 2018/1672 art. 7(3): 30 days, extendable up to 90 days in all.
DEFAULT_DAYS = 30
MAX_DAYS = 90
_MIN_TEXT = 5


def _text(value: str, what: str) -> str:
    text = value.strip()
    if len(text) < _MIN_TEXT:
        raise Invalid(f"the {what} must say something (at least {_MIN_TEXT} characters)")
    return text[:2000]


def detain(
    session: Session,
    declaration_id: int,
    *,
    legal_basis: str,
    reason: str,
    supervisor: User,
    now: dt.datetime,
    days: int = DEFAULT_DAYS,
    amount: Decimal | None = None,
) -> CashDetention:
    """Detain the cash of a declaration (all of it unless ``amount`` is given).

    Raises:
        NotFound: no such declaration. Forbidden: not a supervisor of that port.
        Invalid: no legal basis or reason, days out of 1..90, an amount of zero.
        Conflict: the cash is already detained.
    """
    row = session.get(CashDeclaration, declaration_id)
    if row is None:
        raise NotFound(f"cash declaration {declaration_id} does not exist")
    check_at_port(supervisor, row.port_id, Permission.DETAIN_CASH, "detain cash")
    if not 1 <= days <= MAX_DAYS:
        raise Invalid(f"a detention lasts 1 to {MAX_DAYS} days, not {days}")
    held = row.total if amount is None else amount
    if held <= 0:
        raise Invalid("the amount detained must be above zero")
    open_one = session.scalar(
        select(CashDetention.id).where(
            CashDetention.declaration_id == row.id, CashDetention.released_at.is_(None)
        )
    )
    if open_one is not None:
        raise Conflict(f"the cash of {row.ref} is already detained (detention {open_one})")
    detention = CashDetention(
        declaration_id=row.id,
        legal_basis=_text(legal_basis, "legal basis"),
        reason=_text(reason, "reason"),
        amount=held,
        detained_by=supervisor.id,
        detained_at=now,
        expires_on=now.date() + dt.timedelta(days=days),
    )
    session.add(detention)
    session.flush()
    audit.append(
        session,
        actor=supervisor.username,
        action="cash.detain",
        subject_type="cash_detention",
        subject_id=detention.id,
        details={"declaration": row.ref, "amount": str(held), "days": days},
        at=now,
    )
    return detention


def release(
    session: Session, detention_id: int, *, reason: str, supervisor: User, now: dt.datetime
) -> CashDetention:
    """Release detained cash, with the reason.

    Raises:
        NotFound, Forbidden, Invalid (no reason), Conflict (already released).
    """
    detention = session.get(CashDetention, detention_id)
    if detention is None:
        raise NotFound(f"cash detention {detention_id} does not exist")
    declaration = session.get(CashDeclaration, detention.declaration_id)
    assert declaration is not None  # a foreign key
    check_at_port(supervisor, declaration.port_id, Permission.DETAIN_CASH, "release cash")
    if detention.released_at is not None:
        raise Conflict(f"detention {detention_id} was released on {detention.released_at:%Y-%m-%d}")
    detention.released_at = now
    detention.released_by = supervisor.id
    detention.release_reason = _text(reason, "release reason")
    session.flush()
    audit.append(
        session,
        actor=supervisor.username,
        action="cash.release",
        subject_type="cash_detention",
        subject_id=detention.id,
        details={"declaration": declaration.ref},
        at=now,
    )
    return detention


def detention_dict(
    detention: CashDetention, ref: str, port: str, today: dt.date
) -> dict[str, object]:
    """A detention as lists show it, with its state (held, expired, released)."""
    if detention.released_at is not None:
        state = "released"
    elif today > detention.expires_on:
        state = "expired"
    else:
        state = "held"
    return {
        "id": detention.id,
        "declaration": ref,
        "port": port,
        "legal_basis": detention.legal_basis,
        "reason": detention.reason,
        "amount": str(detention.amount),
        "detained_at": detention.detained_at.isoformat(),
        "expires_on": detention.expires_on.isoformat(),
        "released_at": None if detention.released_at is None else detention.released_at.isoformat(),
        "release_reason": detention.release_reason,
        "state": state,
        "days_left": (detention.expires_on - today).days,
    }


def detentions(
    session: Session, *, today: dt.date, port_id: int | None = None, limit: int = 200
) -> list[dict[str, object]]:
    """Detentions, newest first (of one port when ``port_id`` is given)."""
    query = (
        select(CashDetention, CashDeclaration.ref, Port.code)
        .join(CashDeclaration, CashDeclaration.id == CashDetention.declaration_id)
        .join(Port, Port.id == CashDeclaration.port_id)
        .order_by(CashDetention.detained_at.desc(), CashDetention.id.desc())
        .limit(limit)
    )
    if port_id is not None:
        query = query.where(CashDeclaration.port_id == port_id)
    return [detention_dict(d, ref, code, today) for d, ref, code in session.execute(query)]
