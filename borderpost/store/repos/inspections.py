"""Inspections, screening hits, decisions and referrals (caller's unit of work; never commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.store.models import Decision, Inspection, Referral, ScreeningHit

__all__ = ["InspectionRepo"]


class InspectionRepo:
    """Add and find the records of a primary inspection."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: Inspection | ScreeningHit | Decision | Referral) -> None:
        """Add any of this repository's rows and flush, so that it has an id."""
        self._session.add(row)
        self._session.flush()

    def get(self, inspection_id: int) -> Inspection | None:
        return self._session.get(Inspection, inspection_id)

    def hits(self, inspection_id: int) -> list[ScreeningHit]:
        """The inspection's hits, in the order they were stored."""
        query = select(ScreeningHit).where(ScreeningHit.inspection_id == inspection_id)
        return list(self._session.scalars(query.order_by(ScreeningHit.id)))

    def decision(self, decision_id: int) -> Decision | None:
        return self._session.get(Decision, decision_id)

    def decisions(self, inspection_id: int) -> list[Decision]:
        """The inspection's decisions, oldest first (rejected ones stay on record)."""
        query = select(Decision).where(Decision.inspection_id == inspection_id)
        return list(self._session.scalars(query.order_by(Decision.id)))

    def referrals(self, inspection_id: int) -> list[Referral]:
        query = select(Referral).where(Referral.inspection_id == inspection_id)
        return list(self._session.scalars(query.order_by(Referral.id)))
