"""Reading stored targeting data back: recent manifests, one manifest with its travellers,
their assessments and hits, and the PNR bookings (identifiers only, never personal data).

Shared by the REST routes and the console pages so that both show the same thing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.inspection.errors import NotFound
from borderpost.store.models import (
    ManifestTraveller,
    PnrBooking,
    TargetedManifest,
    TargetingAssessment,
    TargetingHit,
)

__all__ = ["manifest_summary", "manifest_travellers", "recent_bookings", "recent_manifests"]


def _summary(row: TargetedManifest) -> dict[str, Any]:
    return {
        "id": row.id,
        "reference": row.reference,
        "kind": row.kind,
        "flight": row.flight,
        "origin": row.origin,
        "arrival_port": row.arrival_port,
        "scheduled": row.scheduled.isoformat() if row.scheduled else None,
        "travellers": row.travellers,
        "received_by": row.received_by,
        "received_at": row.received_at.isoformat(),
    }


def manifest_summary(session: Session, manifest_id: int) -> dict[str, Any]:
    """A stored manifest's header (flight, ports, counts, who sent it when).

    Raises:
        NotFound: no such manifest (or retention deleted it).
    """
    row = session.get(TargetedManifest, manifest_id)
    if row is None:
        raise NotFound(f"no manifest {manifest_id} (or it was deleted by retention)")
    return _summary(row)


def recent_manifests(session: Session, *, limit: int = 50) -> list[dict[str, Any]]:
    """The newest manifests, each with its count of hits and of hits still open."""
    hits = (
        select(
            TargetingHit.manifest_id,
            func.count().label("hits"),
            func.count().filter(TargetingHit.status == "open").label("open"),
        )
        .group_by(TargetingHit.manifest_id)
        .subquery()
    )
    rows = session.execute(
        select(TargetedManifest, hits.c.hits, hits.c.open)
        .outerjoin(hits, hits.c.manifest_id == TargetedManifest.id)
        .order_by(TargetedManifest.id.desc())
        .limit(limit)
    ).all()
    return [
        {**_summary(row), "hits": total or 0, "open": still_open or 0}
        for row, total, still_open in rows
    ]


def manifest_travellers(session: Session, manifest_id: int) -> list[dict[str, Any]]:
    """Every traveller of a manifest in list order, with their assessment (risk band, score,
    status, notes) and every hit (kind, source, score, reasons, status, outcome)."""
    rows = session.execute(
        select(ManifestTraveller, TargetingAssessment)
        .join(TargetingAssessment, TargetingAssessment.traveller_id == ManifestTraveller.id)
        .where(ManifestTraveller.manifest_id == manifest_id)
        .order_by(ManifestTraveller.position)
    ).all()
    hits: dict[int, list[dict[str, Any]]] = {}
    for hit in session.scalars(
        select(TargetingHit)
        .where(TargetingHit.manifest_id == manifest_id)
        .order_by(TargetingHit.id)
    ):
        hits.setdefault(hit.assessment_id, []).append(
            {
                "id": hit.id,
                "kind": hit.kind,
                "source": hit.source,
                "entry_id": hit.entry_id,
                "name": hit.name,
                "score": hit.score,
                "reasons": list(hit.reasons),
                "status": hit.status,
                "outcome": hit.outcome,
            }
        )
    return [
        {
            "id": traveller.id,
            "position": traveller.position + 1,
            "role": traveller.role,
            "surname": traveller.surname,
            "given_names": traveller.given_names,
            "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else None,
            "nationality": traveller.nationality,
            "document_number": traveller.document_number,
            "band": assessment.band,
            "score": assessment.score,
            "status": assessment.status,
            "notes": list(assessment.notes),
            "hits": hits.get(assessment.id, []),
        }
        for traveller, assessment in rows
    ]


def recent_bookings(
    session: Session, *, manifest_id: int | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """PNR bookings, newest first: id, record locator, manifest and whether masked (the
    personal data is read only through :func:`borderpost.targeting.retention.unmask`)."""
    query = select(PnrBooking).order_by(PnrBooking.id.desc()).limit(limit)
    if manifest_id is not None:
        query = query.where(PnrBooking.manifest_id == manifest_id)
    return [
        {
            "id": booking.id,
            "record_locator": booking.record_locator,
            "manifest": booking.manifest_id,
            "received_at": booking.received_at.isoformat(),
            "masked": booking.masked_at is not None,
        }
        for booking in session.scalars(query)
    ]
