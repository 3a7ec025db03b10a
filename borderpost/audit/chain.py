"""The hash chain, as pure functions: canonical events, their hashes, and the check of a chain.

Each event is hashed with the hash of the one before it::

    hash = sha256(prev_hash + canonical(event)).hexdigest()

where ``prev_hash`` is the previous event's 64-character hex hash (``GENESIS_HASH``, 64
zeros, for the first event) and ``canonical(event)`` is the UTF-8 JSON of the event's
fields (``seq``, ``at``, ``actor``, ``action``, ``subject_type``, ``subject_id``,
``details``) with sorted keys and no spaces. Changing, removing, inserting or renumbering an
event changes a hash that a later event (or an anchor kept elsewhere) depends on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "GENESIS_HASH",
    "BreakKind",
    "ChainEvent",
    "ChainLink",
    "VerifyResult",
    "canonical_event",
    "canonical_json",
    "event_hash",
    "verify_links",
]

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no spaces, non-ASCII kept, NaN and infinities refused.

    Raises:
        TypeError: ``value`` holds something JSON cannot represent.
        ValueError: ``value`` holds NaN or an infinity.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def utc_timestamp(at: dt.datetime) -> str:
    """``at`` in UTC as ISO 8601 with microseconds (``2026-12-01T08:30:00.000000+00:00``)."""
    if at.tzinfo is None:
        raise ValueError(f"naive datetime {at!r}: audit times must be timezone-aware")
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class ChainEvent:
    """The hashed content of one audit event."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    subject_type: str
    subject_id: str | None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChainLink:
    """An event as stored: its content, the previous event's hash, and its own hash."""

    event: ChainEvent
    prev_hash: str
    hash: str


def canonical_event(event: ChainEvent) -> bytes:
    """The bytes that are hashed for ``event``."""
    return canonical_json(
        {
            "seq": event.seq,
            "at": utc_timestamp(event.at),
            "actor": event.actor,
            "action": event.action,
            "subject_type": event.subject_type,
            "subject_id": event.subject_id,
            "details": event.details,
        }
    ).encode("utf-8")


def event_hash(prev_hash: str, event: ChainEvent) -> str:
    """sha256 over ``prev_hash`` (as ASCII hex) followed by the canonical event, as hex."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_event(event)).hexdigest()


class BreakKind(StrEnum):
    """How a chain is broken, named after the tampering that most plausibly caused it."""

    ALTERED = "altered"
    """An event's content no longer matches its stored hash."""
    DELETED = "deleted"
    """A sequence number is missing (or the log ends before an anchored event)."""
    INSERTED = "inserted"
    """An event does not follow from the one before it (wrong ``prev_hash``, or a repeated
    sequence number): an event was inserted, or others removed and the rest renumbered."""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of checking a chain.

    ``count`` is the number of events checked and found intact (all of them when
    ``intact``); ``head_seq``/``head_hash`` the last intact event. When broken,
    ``broken_seq`` is the first sequence number where the chain fails, ``kind`` how,
    and ``reason`` says so in words.
    """

    intact: bool
    count: int
    head_seq: int | None = None
    head_hash: str | None = None
    broken_seq: int | None = None
    kind: BreakKind | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "count": self.count,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "broken_seq": self.broken_seq,
            "kind": None if self.kind is None else self.kind.value,
            "reason": self.reason,
        }


def verify_links(
    links: Iterable[ChainLink], *, anchor: tuple[int, str] | None = None
) -> VerifyResult:
    """Walk ``links`` in sequence order and report the first break, if any.

    Checks, for each event: its ``seq`` follows the previous one (1 for the first), its
    ``prev_hash`` is the previous event's hash (:data:`GENESIS_HASH` for the first), and its
    hash is the hash of its content. With an ``anchor`` (a ``(seq, hash)`` pair written down
    earlier), the event at ``seq`` must exist and carry that hash, which also catches events
    removed from the end of the log.
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    head: tuple[int, str] | None = None
    anchor_seen = anchor is not None and anchor == (0, GENESIS_HASH)

    def broken(seq: int, kind: BreakKind, reason: str) -> VerifyResult:
        return VerifyResult(
            intact=False,
            count=count,
            head_seq=None if head is None else head[0],
            head_hash=None if head is None else head[1],
            broken_seq=seq,
            kind=kind,
            reason=reason,
        )

    for link in links:
        seq = link.event.seq
        if head is not None and seq == head[0]:
            return broken(seq, BreakKind.INSERTED, f"duplicate seq: seq {seq} appears twice")
        if seq != expected_seq:
            missing = (
                f"seq {expected_seq}"
                if seq == expected_seq + 1
                else f"seq {expected_seq} to {seq - 1}"
            )
            return broken(
                expected_seq,
                BreakKind.DELETED,
                f"missing seq: {missing} absent (the log goes on at seq {seq})",
            )
        if link.prev_hash != prev_hash:
            return broken(
                seq,
                BreakKind.INSERTED,
                f"prev_hash mismatch: seq {seq} names {link.prev_hash[:16]}... as the previous "
                f"hash, but the previous event's hash is {prev_hash[:16]}...",
            )
        actual = event_hash(link.prev_hash, link.event)
        if actual != link.hash:
            return broken(
                seq,
                BreakKind.ALTERED,
                f"hash mismatch: seq {seq} hashes to {actual[:16]}..., "
                f"but {link.hash[:16]}... is stored",
            )
        if anchor is not None and seq == anchor[0]:
            anchor_seen = True
            if link.hash != anchor[1]:
                return broken(
                    seq,
                    BreakKind.ALTERED,
                    f"anchor mismatch: seq {seq} now hashes to {link.hash[:16]}..., the anchor "
                    f"recorded {anchor[1][:16]}... (the log up to here was rewritten)",
                )
        count += 1
        head = (seq, link.hash)
        prev_hash = link.hash
        expected_seq = seq + 1
    if anchor is not None and not anchor_seen:
        return broken(
            expected_seq,
            BreakKind.DELETED,
            f"truncated: the log ends at seq {expected_seq - 1}, "
            f"but the anchor records seq {anchor[0]}",
        )
    return VerifyResult(
        intact=True,
        count=count,
        head_seq=None if head is None else head[0],
        head_hash=None if head is None else head[1],
    )
