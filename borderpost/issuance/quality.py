"""Detection quality of a simulated run against the world's truth: precision and recall per
fraud kind, with the counts behind them.

What counts as detected, kind by kind:

* ``duplicate``: a duplicate candidate raised between the second application and the first
  person's application (or the passport issued on it). Every other candidate is a false alarm.
* ``dead``: a ``registry_deceased`` alert.
* ``late_identity``: an ``id_issue_implausible`` or ``registry_not_found`` alert.
* ``facilitated``: a ``shared_contact`` alert.
* ``stolen_blank``: a lost/stolen hit at the border inspection of a presented passport.
* ``corrupt_officer``: any insider signal on a corrupt member of staff (the supervisor who
  approves fraud, and the accomplice clerk at whose counter it is taken).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.issuance.insider import officer_signals
from borderpost.issuance.rules import default_rules
from borderpost.issuance.simulation import AUDITOR, SimulationRun
from borderpost.sim.issuance import FRAUD_KINDS, IssuanceWorld
from borderpost.store.models import DuplicateCandidate, IssuanceAlert, IssuedPassport, User

__all__ = ["KindScore", "score_run"]

_ALERT_RULES = {
    "dead": ("registry_deceased",),
    "late_identity": ("id_issue_implausible", "registry_not_found"),
    "facilitated": ("shared_contact",),
}


@dataclass(frozen=True, slots=True)
class KindScore:
    kind: str
    truth: int
    flagged: int
    true_positives: int

    @property
    def precision(self) -> float | None:
        return None if not self.flagged else self.true_positives / self.flagged

    @property
    def recall(self) -> float | None:
        return None if not self.truth else self.true_positives / self.truth

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "truth": self.truth,
            "flagged": self.flagged,
            "true_positives": self.true_positives,
            "precision": self.precision,
            "recall": self.recall,
        }


def _score(kind: str, truth: set[Any], flagged: set[Any]) -> KindScore:
    return KindScore(kind, len(truth), len(flagged), len(truth & flagged))


def score_run(session: Session, world: IssuanceWorld, run: SimulationRun) -> list[KindScore]:
    """Precision and recall per fraud kind (in :data:`FRAUD_KINDS` order)."""
    by_kind: dict[str, set[int]] = {kind: set() for kind in FRAUD_KINDS}
    for sim in world.applications:
        if sim.fraud is not None:
            by_kind[sim.fraud].add(run.ids[sim.key])
    scores = []
    # duplicates: pairs (application, first person's application)
    passports: dict[int, int | None] = {}
    for passport_id, application_id in session.execute(
        select(IssuedPassport.id, IssuedPassport.application_id)
    ):
        passports[passport_id] = application_id
    raised: set[tuple[int, int]] = set()
    for app_id, kind, other in session.execute(
        select(
            DuplicateCandidate.application_id,
            DuplicateCandidate.other_kind,
            DuplicateCandidate.other_id,
        )
    ):
        target = other if kind == "application" else passports.get(other)
        if target is not None:
            raised.add((app_id, target))
    pairs = {
        (run.ids[sim.key], run.ids[sim.duplicate_of])
        for sim in world.applications
        if sim.fraud == "duplicate" and sim.duplicate_of is not None
    }
    scores.append(_score("duplicate", pairs, raised))
    for kind in ("dead", "late_identity"):
        flagged = set(
            session.scalars(
                select(IssuanceAlert.application_id).where(
                    IssuanceAlert.rule.in_(_ALERT_RULES[kind])
                )
            )
        )
        scores.append(_score(kind, by_kind[kind], flagged))
    facilitated = set(
        session.scalars(
            select(IssuanceAlert.application_id).where(IssuanceAlert.rule == "shared_contact")
        )
    )
    # The fixer's first client has no one to share with yet; later ones carry the alert.
    scores.append(_score("facilitated", by_kind["facilitated"], facilitated))
    forged = {check.number for check in run.border if check.forged}
    hits = {check.number for check in run.border if check.hit}
    scores.append(_score("stolen_blank", forged, hits))
    auditor = session.scalars(select(User).where(User.username == AUDITOR)).one()
    signals = officer_signals(
        session, actor=auditor, book=default_rules(), now=dt.datetime.now(dt.UTC)
    )
    corrupt = {world.corrupt_officer, world.accomplice}
    scores.append(_score("corrupt_officer", corrupt, {s.officer for s in signals}))
    return scores
