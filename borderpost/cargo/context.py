"""What the records tell the indicators: each consignee's earlier consignments, and the
parties of consignments whose containers were found to hold contraband."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.conveyances.indicators import TargetingContext
from borderpost.store.models import CargoContainer, ConsignmentRecord, ContainerExamination

__all__ = ["targeting_context"]


def targeting_context(session: Session) -> TargetingContext:
    history = {
        key: count
        for key, count in session.execute(
            select(ConsignmentRecord.consignee_key, func.count())
            .where(ConsignmentRecord.consignee_key.is_not(None))
            .group_by(ConsignmentRecord.consignee_key)
        )
        if key
    }
    seized: dict[str, str] = {}
    rows = session.execute(
        select(
            ConsignmentRecord.shipper_key,
            ConsignmentRecord.consignee_key,
            ConsignmentRecord.notify_key,
            ContainerExamination.id,
        )
        .join(CargoContainer, CargoContainer.consignment_id == ConsignmentRecord.id)
        .join(ContainerExamination, ContainerExamination.container_id == CargoContainer.id)
        .where(ContainerExamination.outcome == "contraband")
        .order_by(ContainerExamination.id)
    )
    for shipper, consignee, notify, exam in rows:
        for key in (shipper, consignee, notify):
            if key:
                seized.setdefault(key, f"examination {exam}")
    return TargetingContext(consignee_history=history, seizure_parties=seized)
