"""Data protection by default (EU PNR rules as the default policy, set in Settings).

* API data (manifests and their travellers) is deleted ``api_retention_hours`` after receipt
  unless a traveller is linked to a hit that is still open or was not closed as a false match,
  duplicate or no-show (a *retained* hit) or to a lookout (a case);
* PNR bookings are depersonalised after ``pnr_mask_after_days``: names, contacts, addresses,
  payment, frequent-flyer numbers and remarks move out of the visible ``data`` into ``masked``;
* PNR bookings are deleted after ``pnr_delete_after_days``;
* :func:`unmask` reads a masked booking back, only for a permitted role, with a recorded
  justification, audited.

Everything runs in the caller's unit of work and is audited; nothing commits here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden, Invalid, NotFound
from borderpost.store.models import (
    ArrivalLookout,
    HitReview,
    ManifestTraveller,
    PnrBooking,
    TargetedManifest,
    TargetingAssessment,
    TargetingHit,
)

__all__ = ["MASK", "RetentionPolicy", "RetentionReport", "mask_booking", "run", "unmask"]

MASK = "***"
#: What a review's reason becomes when its hit is deleted with the API data.
DELETED_REASON = "(deleted with the API data)"
#: Outcomes after which a hit no longer keeps API data: nothing was there.
RELEASING_OUTCOMES = ("false_match", "duplicate", "no_show")
_TRAVELLER_FIELDS = ("surname", "given_names", "frequent_flyer", "documents", "birth_date")
_BOOKING_FIELDS = ("contacts", "addresses", "payments", "remarks")


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long data is kept (defaults: the EU PNR Directive's)."""

    api_hours: int = 24
    pnr_mask_days: int = 183
    pnr_delete_days: int = 1826


@dataclass(frozen=True, slots=True)
class RetentionReport:
    """What one run deleted and masked."""

    now: dt.datetime
    travellers_deleted: int
    travellers_kept: int
    manifests_deleted: int
    bookings_masked: int
    bookings_deleted: int

    def to_dict(self) -> dict[str, object]:
        return {
            "now": self.now.isoformat(),
            "api": {
                "travellers_deleted": self.travellers_deleted,
                "travellers_kept_for_hits": self.travellers_kept,
                "manifests_deleted": self.manifests_deleted,
            },
            "pnr": {"masked": self.bookings_masked, "deleted": self.bookings_deleted},
        }


def _retained_travellers() -> Any:
    """Travellers linked to a retained hit or to a lookout."""
    retained_hit = (
        select(TargetingAssessment.traveller_id)
        .join(TargetingHit, TargetingHit.assessment_id == TargetingAssessment.id)
        .where((TargetingHit.outcome.is_(None)) | (TargetingHit.outcome.not_in(RELEASING_OUTCOMES)))
    )
    with_lookout = (
        select(TargetingAssessment.traveller_id)
        .join(TargetingHit, TargetingHit.assessment_id == TargetingAssessment.id)
        .join(ArrivalLookout, ArrivalLookout.hit_id == TargetingHit.id)
    )
    return retained_hit.union(with_lookout)


def run(
    session: Session, policy: RetentionPolicy, *, now: dt.datetime, actor: str
) -> RetentionReport:
    """Delete and mask what the policy no longer allows to keep (see the module). Audited."""
    api_cutoff = now - dt.timedelta(hours=policy.api_hours)
    old_manifests = select(TargetedManifest.id).where(TargetedManifest.received_at < api_cutoff)
    retained = {row[0] for row in session.execute(_retained_travellers())}
    old = list(
        session.scalars(
            select(ManifestTraveller.id).where(ManifestTraveller.manifest_id.in_(old_manifests))
        )
    )
    doomed = [t for t in old if t not in retained]
    for chunk in _chunks(doomed):
        assessments = select(TargetingAssessment.id).where(
            TargetingAssessment.traveller_id.in_(chunk)
        )
        hits = select(TargetingHit.id).where(TargetingHit.assessment_id.in_(assessments))
        session.execute(
            delete(ArrivalLookout).where(ArrivalLookout.hit_id.in_(hits)),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            update(HitReview)
            .where(HitReview.hit_id.in_(hits))
            .values(hit_id=None, reason=DELETED_REASON),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            delete(TargetingHit).where(TargetingHit.assessment_id.in_(assessments)),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            delete(TargetingAssessment).where(TargetingAssessment.traveller_id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            delete(ManifestTraveller).where(ManifestTraveller.id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
    empty = list(
        session.scalars(
            select(TargetedManifest.id).where(
                TargetedManifest.received_at < api_cutoff,
                ~exists().where(ManifestTraveller.manifest_id == TargetedManifest.id),
            )
        )
    )
    if empty:
        session.execute(
            delete(TargetedManifest).where(TargetedManifest.id.in_(empty)),
            execution_options={"synchronize_session": False},
        )
    masked = 0
    mask_cutoff = now - dt.timedelta(days=policy.pnr_mask_days)
    for booking in session.scalars(
        select(PnrBooking).where(
            PnrBooking.received_at < mask_cutoff, PnrBooking.masked_at.is_(None)
        )
    ):
        mask_booking(booking, now)
        masked += 1
    delete_cutoff = now - dt.timedelta(days=policy.pnr_delete_days)
    expired = list(
        session.scalars(select(PnrBooking.id).where(PnrBooking.received_at < delete_cutoff))
    )
    for chunk in _chunks(expired):
        session.execute(
            delete(PnrBooking).where(PnrBooking.id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
    session.flush()
    report = RetentionReport(
        now=now,
        travellers_deleted=len(doomed),
        travellers_kept=len(old) - len(doomed),
        manifests_deleted=len(empty),
        bookings_masked=masked,
        bookings_deleted=len(expired),
    )
    append(
        session,
        actor=actor,
        action="retention.run",
        subject_type="retention",
        details=report.to_dict(),
        at=now,
    )
    return report


def _chunks(items: list[int], size: int = 500) -> list[list[int]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def mask_booking(booking: PnrBooking, now: dt.datetime) -> None:
    """Move the personal fields of a booking out of its visible data."""
    data = dict(booking.data)
    hidden: dict[str, Any] = {field: data.get(field) for field in _BOOKING_FIELDS}
    for field in _BOOKING_FIELDS:
        data[field] = [MASK] if data.get(field) else []
    travellers = []
    hidden_travellers = []
    for traveller in data.get("travellers") or []:
        visible = dict(traveller)
        hidden_travellers.append({field: visible.get(field) for field in _TRAVELLER_FIELDS})
        for field in _TRAVELLER_FIELDS:
            if visible.get(field):
                visible[field] = MASK
        travellers.append(visible)
    data["travellers"] = travellers
    hidden["travellers"] = hidden_travellers
    booking.data = data
    booking.masked = hidden
    booking.masked_at = now


def unmask(
    session: Session,
    booking_id: int,
    *,
    actor: str,
    role: str,
    justification: str,
    now: dt.datetime,
) -> dict[str, Any]:
    """The full booking behind a masked one, for a role that may unmask, with a recorded
    justification (audited).

    Raises:
        Forbidden: the role may not unmask PNR data.
        Invalid: the justification is shorter than 10 characters.
        NotFound: no such booking.
    """
    if not can(role, Permission.UNMASK_PNR):
        raise Forbidden(f"{actor} ({role}) may not unmask PNR data")
    if len(justification.strip()) < 10:
        raise Invalid("unmasking needs a justification of at least 10 characters")
    booking = session.get(PnrBooking, booking_id)
    if booking is None:
        raise NotFound(f"no PNR booking {booking_id}")
    data = dict(booking.data)
    if booking.masked is not None:
        hidden = booking.masked
        for field in _BOOKING_FIELDS:
            data[field] = hidden.get(field)
        data["travellers"] = [
            {**visible, **personal}
            for visible, personal in zip(
                data.get("travellers") or [], hidden.get("travellers") or [], strict=False
            )
        ]
    append(
        session,
        actor=actor,
        action="pnr.unmask",
        subject_type="pnr_booking",
        subject_id=booking.id,
        details={"justification": justification.strip(), "record_locator": booking.record_locator},
        at=now,
    )
    return data
