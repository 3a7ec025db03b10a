"""Live face captures at the border: kept only when needed, only as long as needed.

A primary inspection compares the traveller's live face with the chip portrait
(:func:`borderpost.inspection.chip.compare_live_face`); the comparison (outcome, distance,
quality, reasons) is stored with the chip result. The camera image itself is kept only when
the face did **not** verify (``no_match``): the officer who takes the referral then sees what
the camera saw. Matching and inconclusive captures are not kept; no template is ever kept at
the border (it can be computed again from the image if a person asks for it).

:func:`purge_live_captures` (run by ``borderpost retention run``) deletes captures older than
``live_face_retention_days`` unless a referral of their inspection is still open, or was
closed within that period (the period starts again when the referral closes): the EES-like
rule "delete unless linked to a referral". Every read (:func:`read_live_capture`) is audited.
Functions work in the caller's session and never commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port
from borderpost.inspection.errors import Invalid, NotFound
from borderpost.store.models import Inspection, LiveFaceCapture, Referral, User

__all__ = [
    "KEPT_OUTCOMES",
    "LiveCaptureRetention",
    "keep_live_capture",
    "purge_live_captures",
    "read_live_capture",
]

#: The face outcomes whose live capture is kept for the referral.
KEPT_OUTCOMES = ("no_match",)


def keep_live_capture(
    session: Session,
    inspection: Inspection,
    image: bytes,
    face: dict[str, Any],
    *,
    officer: User,
    now: dt.datetime,
) -> LiveFaceCapture | None:
    """Keep ``image`` with ``inspection`` when its face result calls for a person to look
    (``no_match``); otherwise keep nothing and return ``None``."""
    if face.get("outcome") not in KEPT_OUTCOMES:
        return None
    digest = hashlib.sha256(image).hexdigest()
    row = LiveFaceCapture(
        inspection_id=inspection.id,
        image=image,
        image_sha256=digest,
        outcome=str(face["outcome"]),
        captured_by=officer.username,
        captured_at=now,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=officer.username,
        action="biometrics.live_capture_kept",
        subject_type="inspection",
        subject_id=inspection.id,
        details={"outcome": row.outcome, "sha256": digest, "bytes": len(image)},
        at=now,
    )
    return row


def read_live_capture(
    session: Session, inspection_id: int, *, actor: User, purpose: str, now: dt.datetime
) -> bytes:
    """The kept live capture of an inspection, for an officer of its port who handles
    referrals (audited with the purpose).

    Raises:
        Forbidden: the actor may not handle referrals, or not at this port.
        Invalid: no purpose given.
        NotFound: no such inspection, or no capture kept (it matched, or retention deleted it).
    """
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound(f"inspection {inspection_id} does not exist")
    check_at_port(actor, inspection.port_id, Permission.HANDLE_REFERRAL, "see live face captures")
    why = " ".join(purpose.split())
    if not why or len(why) > 500:
        raise Invalid("say why the live capture is read (1-500 characters)")
    row = session.scalar(
        select(LiveFaceCapture).where(LiveFaceCapture.inspection_id == inspection_id)
    )
    if row is None:
        raise NotFound(
            f"inspection {inspection_id}: no live capture kept (only captures that did not "
            "verify are kept, and only for the retention period)"
        )
    audit.append(
        session,
        actor=actor.username,
        action="biometrics.live_capture_read",
        subject_type="inspection",
        subject_id=inspection_id,
        details={"purpose": why, "sha256": row.image_sha256},
        at=now,
    )
    return row.image


@dataclass(frozen=True, slots=True)
class LiveCaptureRetention:
    """What one retention run did with live captures."""

    days: int
    deleted: int
    kept_for_referrals: int
    kept_in_period: int

    def to_dict(self) -> dict[str, int]:
        return {
            "retention_days": self.days,
            "live_captures_deleted": self.deleted,
            "live_captures_kept_for_referrals": self.kept_for_referrals,
            "live_captures_within_period": self.kept_in_period,
        }


def purge_live_captures(
    session: Session, *, days: int, now: dt.datetime, actor: str
) -> LiveCaptureRetention:
    """Delete live captures older than ``days`` unless their inspection's referral is open
    or closed less than ``days`` ago (see the module). Audited as one event."""
    if days < 1:
        raise Invalid("the live capture retention period must be at least 1 day")
    cutoff = now - dt.timedelta(days=days)
    held = exists().where(
        Referral.inspection_id == LiveFaceCapture.inspection_id,
        (Referral.status != "closed") | (Referral.closed_at >= cutoff),
    )
    old = LiveFaceCapture.captured_at < cutoff
    doomed = list(session.scalars(select(LiveFaceCapture.id).where(old, ~held)))
    kept = len(list(session.scalars(select(LiveFaceCapture.id).where(old, held))))
    recent = len(list(session.scalars(select(LiveFaceCapture.id).where(~old))))
    for start in range(0, len(doomed), 500):
        session.execute(
            delete(LiveFaceCapture).where(LiveFaceCapture.id.in_(doomed[start : start + 500])),
            execution_options={"synchronize_session": False},
        )
    session.flush()
    report = LiveCaptureRetention(days, len(doomed), kept, recent)
    audit.append(
        session,
        actor=actor,
        action="retention.biometrics",
        subject_type="retention",
        details={**report.to_dict(), "deleted_ids": doomed[:1000]},
        at=now,
    )
    return report
