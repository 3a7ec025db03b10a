"""Reading stored cargo manifests: the list, and one manifest with its consignments,
containers, verdicts and examinations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from borderpost.inspection.errors import NotFound
from borderpost.store.models import (
    CargoContainer,
    CargoManifestRecord,
    ConsignmentRecord,
    ContainerExamination,
)

__all__ = ["manifest_view", "manifests"]


def _summary(row: CargoManifestRecord, containers: int, selected: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "reference": row.reference,
        "source": row.source,
        "vessel": row.vessel,
        "imo": row.imo,
        "voyage": row.voyage,
        "carrier": row.carrier,
        "arrival_port": row.arrival_port,
        "arrival_date": row.arrival_date.isoformat() if row.arrival_date else None,
        "received_at": row.received_at.isoformat(),
        "containers": containers,
        "selected": selected,
        "warnings": row.warnings,
    }


def manifests(session: Session, *, limit: int = 100) -> list[dict[str, Any]]:
    """The latest manifests received, with their container and selection counts."""
    counts = (
        select(
            CargoContainer.manifest_id,
            func.count().label("containers"),
            func.sum(case((CargoContainer.selected, 1), else_=0)).label("selected"),
        )
        .group_by(CargoContainer.manifest_id)
        .subquery()
    )
    rows = session.execute(
        select(CargoManifestRecord, counts.c.containers, counts.c.selected)
        .outerjoin(counts, counts.c.manifest_id == CargoManifestRecord.id)
        .order_by(CargoManifestRecord.received_at.desc(), CargoManifestRecord.id.desc())
        .limit(limit)
    )
    return [_summary(row, containers or 0, selected or 0) for row, containers, selected in rows]


def manifest_view(session: Session, manifest_id: int) -> dict[str, Any]:
    """One manifest: consignments with parties, route, goods and containers, each container
    with its score, reasons, selection, control draw and examination.

    Raises:
        NotFound: no such manifest.
    """
    row = session.get(CargoManifestRecord, manifest_id)
    if row is None:
        raise NotFound(f"cargo manifest {manifest_id} does not exist")
    boxes = list(
        session.scalars(
            select(CargoContainer)
            .where(CargoContainer.manifest_id == manifest_id)
            .order_by(CargoContainer.id)
        )
    )
    exams = {
        exam.container_id: exam
        for exam in session.scalars(
            select(ContainerExamination).where(
                ContainerExamination.container_id.in_([b.id for b in boxes] or [-1])
            )
        )
    }
    by_consignment: dict[int, list[dict[str, Any]]] = {}
    for box in boxes:
        exam = exams.get(box.id)
        by_consignment.setdefault(box.consignment_id, []).append(
            {
                "id": box.id,
                "number": box.number,
                "score": box.score,
                "selected": box.selected,
                "control": box.control,
                "reason": box.reason,
                "indicators": box.indicators,
                "examination": None
                if exam is None
                else {
                    "kind": exam.kind,
                    "outcome": exam.outcome,
                    "finding": exam.finding,
                    "examined_at": exam.examined_at.isoformat(),
                },
            }
        )
    consignments = [
        {
            "id": c.id,
            "bill_of_lading": c.bill_of_lading,
            "shipper": c.shipper,
            "consignee": c.consignee,
            "notify": c.notify,
            "route": c.route,
            "description": c.description,
            "hs_codes": c.hs_codes,
            "data": c.data,
            "containers": by_consignment.get(c.id, []),
        }
        for c in session.scalars(
            select(ConsignmentRecord)
            .where(ConsignmentRecord.manifest_id == manifest_id)
            .order_by(ConsignmentRecord.id)
        )
    ]
    selected = sum(b.selected for b in boxes)
    return {**_summary(row, len(boxes), selected), "consignments": consignments}
