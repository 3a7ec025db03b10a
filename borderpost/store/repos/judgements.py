"""Analyst judgements on entity resolution (within the caller's unit of work; never commits).

Append-only: :meth:`JudgementRepo.judge` and :meth:`JudgementRepo.undo` add rows; nothing is
updated or deleted, so the history of who decided what, and when, stays whole.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.intel.resolve.judgements import Judgement, Verdict
from borderpost.store.models import ResolutionJudgement

__all__ = ["JudgementError", "JudgementRepo"]


class JudgementError(ValueError):
    """A judgement that cannot be recorded (an unknown id, a pair of one mention)."""


def _domain(row: ResolutionJudgement) -> Judgement:
    return Judgement(
        row.id, row.left_id, row.right_id, Verdict(row.verdict), row.actor, row.at, row.undoes,
        row.reason,
    )  # fmt: skip


class JudgementRepo:
    """Record analyst judgements and read them back for :func:`borderpost.intel.resolve.apply`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _add(self, row: ResolutionJudgement) -> Judgement:
        self._session.add(row)
        self._session.flush()
        return _domain(row)

    def judge(
        self,
        left: str,
        right: str,
        verdict: Verdict,
        *,
        actor: str,
        at: dt.datetime,
        reason: str | None = None,
    ) -> Judgement:
        """Record that ``actor`` judged ``left`` and ``right`` same, not same, or unsure."""
        if verdict is Verdict.UNDO:
            raise JudgementError("use undo() to reverse a judgement")
        if left == right:
            raise JudgementError(f"{left!r} is one mention: judge two")
        left, right = sorted((left, right))
        row = ResolutionJudgement(
            left_id=left, right_id=right, verdict=verdict.value, actor=actor, at=at, reason=reason
        )
        return self._add(row)

    def undo(
        self, judgement_id: int, *, actor: str, at: dt.datetime, reason: str | None = None
    ) -> Judgement:
        """Reverse a judgement by appending an ``undo`` that names it."""
        target = self._session.get(ResolutionJudgement, judgement_id)
        if target is None or target.verdict == Verdict.UNDO.value:
            raise JudgementError(f"no judgement {judgement_id} to undo")
        row = ResolutionJudgement(
            left_id=target.left_id, right_id=target.right_id, verdict=Verdict.UNDO.value,
            actor=actor, at=at, undoes=judgement_id, reason=reason,
        )  # fmt: skip
        return self._add(row)

    def all(self) -> list[Judgement]:
        """Every judgement and undo, oldest first."""
        rows = self._session.scalars(
            select(ResolutionJudgement).order_by(ResolutionJudgement.at, ResolutionJudgement.id)
        )
        return [_domain(r) for r in rows]
