"""The stored audit log: append an event, read the head, verify the whole chain.

Appends happen inside the caller's transaction, so an action and its audit event are
committed together or not at all. The service never commits.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from borderpost.audit.chain import (
    GENESIS_HASH,
    ChainEvent,
    ChainLink,
    VerifyResult,
    canonical_json,
    event_hash,
    verify_links,
)
from borderpost.store.dialect import lock_for_append
from borderpost.store.models import AuditEvent

__all__ = [
    "Anchor",
    "AuditError",
    "append",
    "event_dict",
    "events",
    "head",
    "parse_anchor",
    "verify",
]

_TABLE: Table = AuditEvent.__table__  # type: ignore[assignment]
_HEX64 = re.compile(r"[0-9a-f]{64}")
_LIMITS = {"actor": 128, "action": 64, "subject_type": 64, "subject_id": 128}


class AuditError(Exception):
    """An event cannot be recorded as given."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """The latest event's sequence number and hash, to be written down outside the database."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


def parse_anchor(text: str) -> Anchor:
    """Read ``SEQ:HASH`` (as printed by ``borderpost audit head``).

    Raises:
        AuditError: the text is not a sequence number and a 64-character hex hash.
    """
    seq_text, _, hash_text = text.strip().partition(":")
    if not seq_text.isdigit() or not _HEX64.fullmatch(hash_text):
        raise AuditError(f"anchor {text!r} is not SEQ:HASH (a number and 64 hex characters)")
    return Anchor(int(seq_text), hash_text)


def _checked(field: str, value: str | None) -> str | None:
    if value is not None and len(value) > _LIMITS[field]:
        raise AuditError(f"audit {field} {value[:40]!r}... is longer than {_LIMITS[field]}")
    return value


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | int | None = None,
    details: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append an event after the current last one, in the caller's transaction.

    Concurrent appenders are serialised (see :func:`borderpost.store.dialect.lock_for_append`)
    so sequence numbers stay gapless and each event chains to the one before it.

    Raises:
        AuditError: a field is too long, ``at`` is naive, or ``details`` is not plain JSON.
    """
    when = at if at is not None else dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise AuditError("audit times must be timezone-aware")
    try:
        # Store what is hashed: the JSON round trip turns tuples into lists and so on.
        stored_details = json.loads(canonical_json(dict(details or {})))
    except (TypeError, ValueError) as exc:
        raise AuditError(f"audit details must be plain JSON: {exc}") from exc
    subject = None if subject_id is None else str(subject_id)
    _checked("actor", actor)
    _checked("action", action)
    _checked("subject_type", subject_type)
    _checked("subject_id", subject)

    lock_for_append(session, _TABLE)
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (1, GENESIS_HASH) if last is None else (last.seq + 1, last.hash)
    event = ChainEvent(
        seq=seq,
        at=when.astimezone(dt.UTC),
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=subject,
        details=stored_details,
    )
    row = AuditEvent(
        seq=seq,
        at=event.at,
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=subject,
        details=stored_details,
        prev_hash=prev_hash,
        hash=event_hash(prev_hash, event),
    )
    session.add(row)
    session.flush()
    return row


def head(session: Session) -> Anchor:
    """The last event's sequence number and hash (``0`` and the genesis hash when empty)."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return Anchor(0, GENESIS_HASH) if last is None else Anchor(last.seq, last.hash)


def _links(session: Session, batch_size: int) -> Generator[ChainLink, None, None]:
    query = (
        select(
            AuditEvent.seq,
            AuditEvent.at,
            AuditEvent.actor,
            AuditEvent.action,
            AuditEvent.subject_type,
            AuditEvent.subject_id,
            AuditEvent.details,
            AuditEvent.prev_hash,
            AuditEvent.hash,
        )
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=batch_size)
    )
    result = session.execute(query)
    try:
        for row in result:
            event = ChainEvent(
                seq=row.seq,
                at=row.at,
                actor=row.actor,
                action=row.action,
                subject_type=row.subject_type,
                subject_id=row.subject_id,
                details=row.details,
            )
            yield ChainLink(event=event, prev_hash=row.prev_hash, hash=row.hash)
    finally:
        result.close()  # a server-side cursor on PostgreSQL when stopped early


def verify(
    session: Session, *, anchor: Anchor | None = None, batch_size: int = 1000
) -> VerifyResult:
    """Check the whole stored chain (streamed in batches); see :func:`verify_links`."""
    pair = None if anchor is None else (anchor.seq, anchor.hash)
    links = _links(session, batch_size)
    try:
        return verify_links(links, anchor=pair)
    finally:
        links.close()


def events(
    session: Session,
    *,
    subject_type: str | None = None,
    subject_id: str | None = None,
    limit: int = 100,
    before: int | None = None,
) -> list[AuditEvent]:
    """The latest ``limit`` events (optionally about one subject), newest first.

    ``before`` pages back: only events with a sequence number below it.
    """
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEvent.seq < before)
    if subject_type is not None:
        query = query.where(AuditEvent.subject_type == subject_type)
    if subject_id is not None:
        query = query.where(AuditEvent.subject_id == subject_id)
    return list(session.scalars(query))


def event_dict(event: AuditEvent) -> dict[str, Any]:
    """The JSON shape of a stored event (``audit verify --json``, ``GET /audit/events``)."""
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "action": event.action,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "details": event.details,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }
