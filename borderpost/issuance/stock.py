"""The blank-booklet stock ledger in the store: one row per serial, one movement per event,
and the invariant checked after every change (see :mod:`borderpost.issuance.ledger`).

A booklet reported missing becomes exactly one record of the lost/stolen list
:data:`STOLEN_BLANKS_LIST` with status ``blank-stolen``: the serial, the document type and the
issuing country, never personal data. The border's screener reads every lost/stolen list, so
a stolen blank presented at a border raises a hit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission
from borderpost.issuance.errors import IssuanceInvalid, IssuanceNotFound, StockError
from borderpost.issuance.ledger import Balance, LedgerError, balance_of, check_transition
from borderpost.issuance.staff import require
from borderpost.screening.countries import to_alpha3
from borderpost.screening.docnumbers import normalize_document_number
from borderpost.store.models import Booklet, BookletMovement, LostStolenDocument, User

__all__ = [
    "MAX_RECEIPT",
    "STOLEN_BLANKS_LIST",
    "balance",
    "booklet",
    "booklets",
    "check_balance",
    "move",
    "receive",
    "reconcile",
    "serial_range",
]

STOLEN_BLANKS_LIST = "issuance-stolen-blanks"
MAX_RECEIPT = 100_000


def serial_range(prefix: str, first: int, count: int, width: int = 7) -> list[str]:
    """``count`` serials ``prefix`` + zero-padded numbers from ``first``.

    Raises:
        IssuanceInvalid: a count outside 1..MAX_RECEIPT, a negative start, or numbers wider
            than ``width`` digits.
    """
    if not 1 <= count <= MAX_RECEIPT:
        raise IssuanceInvalid(f"count {count} must be 1-{MAX_RECEIPT}")
    if first < 0 or len(str(first + count - 1)) > width:
        raise IssuanceInvalid(f"serial numbers {first}..{first + count - 1} exceed {width} digits")
    return [f"{prefix.strip().upper()}{number:0{width}d}" for number in range(first, first + count)]


def _serial(text: str) -> str:
    serial = normalize_document_number(text)
    if not serial or len(serial) > 32 or not serial.isalnum():
        raise IssuanceInvalid(f"serial {text!r} must be 1-32 letters and digits")
    return serial


def _record(
    session: Session,
    row: Booklet,
    event: str,
    source: str | None,
    *,
    actor: str,
    now: dt.datetime,
    witness: str | None = None,
    reason: str | None = None,
) -> None:
    session.add(
        BookletMovement(
            booklet_id=row.id,
            event=event,
            from_state=source,
            to_state=row.state,
            location=row.location,
            actor=actor,
            witness=witness,
            reason=reason,
            at=now,
        )
    )


def balance(session: Session) -> Balance:
    """Both sides of the invariant, from the store: serials ever received (their ``receive``
    movements) against booklets counted by state."""
    session.flush()
    received = session.scalar(
        select(func.count()).select_from(BookletMovement).where(BookletMovement.event == "receive")
    )
    states = Counter(
        {
            state: int(n)
            for state, n in session.execute(
                select(Booklet.state, func.count()).group_by(Booklet.state)
            )
        }
    )
    try:
        return balance_of(int(received or 0), states)
    except LedgerError as exc:
        raise StockError(str(exc)) from None


def check_balance(session: Session) -> Balance:
    """The balance; StockError when the invariant does not hold (the caller rolls back)."""
    found = balance(session)
    if not found.holds:
        raise StockError(f"stock invariant broken: {found.describe()}")
    return found


def receive(
    session: Session,
    serials: Sequence[str],
    *,
    actor: User,
    country: str,
    batch: str,
    now: dt.datetime,
    document_type: str = "passport",
) -> Balance:
    """Blank booklets delivered into the safe, one row per serial.

    Raises:
        IssuanceInvalid: an unknown country, an empty batch, a bad or repeated serial.
        StockError: a serial was received before.
    """
    require(actor, Permission.MANAGE_STOCK, "receive booklet stock")
    code = to_alpha3(country)
    if code is None:
        raise IssuanceInvalid(f"country {country!r} is not a known country")
    label = " ".join(batch.split())
    if not label or len(label) > 64:
        raise IssuanceInvalid("batch must be 1-64 characters")
    if not serials or len(serials) > MAX_RECEIPT:
        raise IssuanceInvalid(f"a receipt holds 1-{MAX_RECEIPT} serials")
    clean = [_serial(serial) for serial in serials]
    repeated = [serial for serial, n in Counter(clean).items() if n > 1]
    if repeated:
        raise IssuanceInvalid(f"serials repeated in the receipt: {', '.join(repeated[:5])}")
    known = set(
        session.scalars(
            select(Booklet.serial).where(Booklet.country == code, Booklet.serial.in_(clean))
        )
    )
    if known:
        raise StockError(f"already received: {', '.join(sorted(known)[:5])}")
    rows = [
        Booklet(
            country=code,
            serial=serial,
            document_type=document_type,
            batch=label,
            state="in_safe",
            location="safe",
            updated_at=now,
        )
        for serial in clean
    ]
    session.add_all(rows)
    session.flush()
    for row in rows:
        _record(session, row, "receive", None, actor=actor.username, now=now)
    append(
        session,
        actor=actor.username,
        action="issuance.stock.receive",
        subject_type="booklet_batch",
        subject_id=label,
        details={"country": code, "count": len(rows), "first": clean[0], "last": clean[-1]},
        at=now,
    )
    return check_balance(session)


def booklet(session: Session, serial: str, country: str | None = None) -> Booklet:
    """The booklet with ``serial`` (of ``country`` when several countries share a serial).

    Raises:
        IssuanceNotFound: no such booklet.
    """
    query = select(Booklet).where(Booklet.serial == _serial(serial))
    if country is not None:
        query = query.where(Booklet.country == (to_alpha3(country) or country))
    rows = list(session.scalars(query))
    if not rows:
        raise IssuanceNotFound(f"no booklet with serial {serial!r} was received")
    if len(rows) > 1:
        raise IssuanceInvalid(f"serial {serial!r} exists for several countries: name one")
    return rows[0]


def _stolen_record(session: Session, row: Booklet, now: dt.datetime) -> LostStolenDocument:
    """The one lost/stolen record of a missing booklet: number, type, country; nothing more."""
    record = LostStolenDocument(
        list_name=STOLEN_BLANKS_LIST,
        country=row.country,
        number=row.serial,
        normalized_number=normalize_document_number(row.serial),
        document_type=row.document_type,
        status="blank-stolen",
        reported_on=now.date(),
        reference=None,
    )
    session.add(record)
    session.flush()
    return record


def move(
    session: Session,
    serial: str,
    event: str,
    *,
    actor: User,
    now: dt.datetime,
    location: str | None = None,
    witness: str | None = None,
    reason: str | None = None,
    country: str | None = None,
    application_id: int | None = None,
) -> Booklet:
    """Apply one ledger event to one booklet, record the movement, check the invariant.

    ``missing`` also stores the booklet's stolen-blank record (exactly one per serial).

    Raises:
        IssuanceNotFound: no such booklet.
        StockError: the ledger refuses the event (wrong state, no witness, ...).
        Forbidden: the actor may not move stock.
    """
    permission = Permission.ENROL if event == "personalise" else Permission.MANAGE_STOCK
    require(actor, permission, f"{event} booklets")
    row = booklet(session, serial, country)
    source = row.state
    try:
        target = check_transition(
            row.serial, source, event, actor=actor.username, witness=witness, location=location
        )
    except LedgerError as exc:
        raise StockError(str(exc)) from None
    if event in ("spoil", "destroy", "missing") and (reason is None or not reason.strip()):
        raise IssuanceInvalid(f"booklet {row.serial}: say why it is {target}")
    row.state = target
    row.updated_at = now
    if event == "dispatch" and location is not None:
        row.location = " ".join(location.split())[:64]
    elif event == "return":
        row.location = "safe"
    if event == "personalise":
        row.application_id = application_id
    if event == "missing":
        if row.lost_stolen_id is not None:  # pragma: no cover - missing is terminal
            raise StockError(f"booklet {row.serial} already has its stolen-blank record")
        row.lost_stolen_id = _stolen_record(session, row, now).id
    clean_witness = None if witness is None else witness.strip()
    _record(
        session,
        row,
        event,
        source,
        actor=actor.username,
        now=now,
        witness=clean_witness,
        reason=None if reason is None else reason.strip()[:2000],
    )
    append(
        session,
        actor=actor.username,
        action=f"issuance.stock.{event}",
        subject_type="booklet",
        subject_id=f"{row.country}:{row.serial}",
        details={"from": source, "to": target, "location": row.location, "witness": clean_witness},
        at=now,
    )
    check_balance(session)
    return row


def reconcile(
    session: Session,
    location: str,
    present: Iterable[str],
    *,
    actor: User,
    now: dt.datetime,
) -> list[str]:
    """A stock count at ``location`` (``safe`` or a station): every booklet the ledger places
    there that was not counted is reported missing (with its stolen-blank record). Returns the
    serials reported missing."""
    require(actor, Permission.MANAGE_STOCK, "count booklet stock")
    place = " ".join(location.split())
    counted = {_serial(serial) for serial in present}
    states = ("in_safe",) if place == "safe" else ("at_station", "spoiled")
    expected = list(
        session.scalars(
            select(Booklet)
            .where(Booklet.location == place, Booklet.state.in_(states))
            .order_by(Booklet.serial)
        )
    )
    unknown = counted - {row.serial for row in expected}
    if unknown:
        raise IssuanceInvalid(
            f"counted serials the ledger does not place at {place}: "
            + ", ".join(sorted(unknown)[:5])
        )
    missing = [row.serial for row in expected if row.serial not in counted]
    for serial in missing:
        move(
            session,
            serial,
            "missing",
            actor=actor,
            now=now,
            reason=f"not found in the stock count at {place}",
        )
    return missing


def booklets(
    session: Session, *, state: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Booklets (by serial), optionally in one state."""
    query = select(Booklet).order_by(Booklet.country, Booklet.serial).limit(limit)
    if state is not None:
        query = query.where(Booklet.state == state)
    return [
        {
            "country": row.country,
            "serial": row.serial,
            "type": row.document_type,
            "batch": row.batch,
            "state": row.state,
            "location": row.location,
            "application_id": row.application_id,
            "lost_stolen_id": row.lost_stolen_id,
            "updated_at": row.updated_at.isoformat(),
        }
        for row in session.scalars(query)
    ]
