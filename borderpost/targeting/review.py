"""Hit review: a person closes every automated hit, with an outcome and a reason.

No adverse decision is taken by automation alone: hits are created ``open`` and only
:func:`record_review` (called for a person, named in ``reviewer``) closes them. Reviews are
append-only (a later review supersedes, never erases, an earlier one). A confirmed hit sends a
lookout to the console of the port where the flight arrives. :func:`rule_statistics` counts
hits and confirmations per rule so that rules can be reviewed by their owners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.inspection.errors import Invalid, NotFound
from borderpost.store.models import (
    ArrivalLookout,
    HitReview,
    ManifestTraveller,
    TargetedManifest,
    TargetingAssessment,
    TargetingHit,
)
from borderpost.store.models.targeting import OUTCOMES
from borderpost.targeting.rules import Rule, default_rules

__all__ = [
    "MIN_REASON",
    "OUTCOMES",
    "lookout_count",
    "lookouts",
    "manifest_hits",
    "record_review",
    "review_queue",
    "rule_statistics",
]

MIN_REASON = 5


def _hit_dict(
    hit: TargetingHit,
    traveller: ManifestTraveller,
    manifest: TargetedManifest,
    assessment: TargetingAssessment,
) -> dict[str, Any]:
    return {
        "id": hit.id,
        "kind": hit.kind,
        "source": hit.source,
        "entry_id": hit.entry_id,
        "name": hit.name,
        "score": hit.score,
        "reasons": hit.reasons,
        "status": hit.status,
        "outcome": hit.outcome,
        "band": assessment.band,
        "traveller": {
            "id": traveller.id,
            "surname": traveller.surname,
            "given_names": traveller.given_names,
            "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else None,
            "nationality": traveller.nationality,
            "document_number": traveller.document_number,
        },
        "manifest": {
            "id": manifest.id,
            "flight": manifest.flight,
            "arrival_port": manifest.arrival_port,
            "scheduled": manifest.scheduled.isoformat() if manifest.scheduled else None,
        },
    }


def _joined() -> Any:
    return (
        select(TargetingHit, ManifestTraveller, TargetedManifest, TargetingAssessment)
        .join(TargetingAssessment, TargetingAssessment.id == TargetingHit.assessment_id)
        .join(ManifestTraveller, ManifestTraveller.id == TargetingAssessment.traveller_id)
        .join(TargetedManifest, TargetedManifest.id == TargetingHit.manifest_id)
    )


def review_queue(
    session: Session, *, limit: int = 200, oldest_first: bool = False
) -> list[dict[str, Any]]:
    """Open hits, highest-scored assessments first, then oldest (``oldest_first``: strictly
    in the order they were raised, so that none waits unseen)."""
    order = (
        (TargetingHit.id,) if oldest_first else (TargetingAssessment.score.desc(), TargetingHit.id)
    )
    rows = session.execute(
        _joined().where(TargetingHit.status == "open").order_by(*order).limit(limit)
    ).all()
    return [_hit_dict(*row) for row in rows]


def manifest_hits(session: Session, manifest_id: int) -> list[dict[str, Any]]:
    """Every hit of a manifest, open or closed."""
    rows = session.execute(
        _joined().where(TargetingHit.manifest_id == manifest_id).order_by(TargetingHit.id)
    ).all()
    return [_hit_dict(*row) for row in rows]


def record_review(
    session: Session,
    hit_id: int,
    *,
    outcome: str,
    reason: str,
    reviewer: str,
    now: dt.datetime,
) -> dict[str, Any]:
    """Record a person's outcome for a hit (closing it); a confirmed hit sends a lookout to
    the arrival port. Audited.

    Raises:
        NotFound: no such hit.
        Invalid: an unknown outcome or a reason shorter than :data:`MIN_REASON`.
    """
    if outcome not in OUTCOMES:
        raise Invalid(f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
    if len(reason.strip()) < MIN_REASON:
        raise Invalid(f"give a reason of at least {MIN_REASON} characters")
    row = session.execute(_joined().where(TargetingHit.id == hit_id)).first()
    if row is None:
        raise NotFound(f"no targeting hit {hit_id}")
    hit, traveller, manifest, _assessment = row
    review = HitReview(
        hit_id=hit.id,
        kind=hit.kind,
        source=hit.source,
        outcome=outcome,
        reason=reason.strip(),
        reviewer=reviewer[:128],
        reviewed_at=now,
    )
    session.add(review)
    hit.status = "closed"
    hit.outcome = outcome
    lookout_id = None
    if outcome == "confirmed" and manifest.arrival_port:
        lookout = ArrivalLookout(
            hit_id=hit.id,
            port=manifest.arrival_port,
            flight=manifest.flight,
            scheduled=manifest.scheduled,
            surname=traveller.surname,
            given_names=traveller.given_names,
            document_number=traveller.document_number,
            reason=f"{hit.kind} {hit.source}: {reason.strip()}",
            created_by=reviewer[:128],
            created_at=now,
        )
        session.add(lookout)
        session.flush()
        lookout_id = lookout.id
    session.flush()
    append(
        session,
        actor=reviewer,
        action="targeting.review",
        subject_type="targeting_hit",
        subject_id=hit.id,
        details={"outcome": outcome, "reason": reason.strip(), "lookout": lookout_id},
        at=now,
    )
    return {
        "hit": hit.id,
        "review": review.id,
        "outcome": outcome,
        "lookout": lookout_id,
        "port": manifest.arrival_port if lookout_id is not None else None,
    }


def lookout_count(session: Session, port: str) -> int:
    """How many lookouts were sent to ``port``."""
    query = select(func.count()).select_from(ArrivalLookout).where(ArrivalLookout.port == port)
    return int(session.scalar(query) or 0)


def lookouts(session: Session, *, port: str | None = None) -> list[dict[str, Any]]:
    """Lookouts sent to ``port`` (all ports when None), newest first."""
    query = select(ArrivalLookout).order_by(ArrivalLookout.id.desc())
    if port is not None:
        query = query.where(ArrivalLookout.port == port)
    return [
        {
            "id": item.id,
            "hit": item.hit_id,
            "port": item.port,
            "flight": item.flight,
            "scheduled": item.scheduled.isoformat() if item.scheduled else None,
            "surname": item.surname,
            "given_names": item.given_names,
            "document_number": item.document_number,
            "reason": item.reason,
            "created_by": item.created_by,
            "created_at": item.created_at.isoformat(),
        }
        for item in session.scalars(query)
    ]


def rule_statistics(
    session: Session, *, rules: Sequence[Rule] | None = None, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Per rule: hits, reviewed, confirmed and the confirmation rate, with owner and review
    date (``overdue`` past it), so that rules that confirm nothing can be reviewed."""
    rules = default_rules() if rules is None else rules
    today = today or dt.date.today()
    live = dict(
        session.execute(
            select(TargetingHit.source, func.count())
            .where(TargetingHit.kind == "rule")
            .group_by(TargetingHit.source)
        ).all()
    )
    # Latest review per hit; reviews of hits deleted with their API data count on their own.
    latest = (
        select(HitReview.source, HitReview.outcome, HitReview.hit_id)
        .where(HitReview.kind == "rule")
        .order_by(HitReview.id)
    )
    outcomes: dict[object, tuple[str, str]] = {}
    orphans: dict[str, int] = {}
    for index, (source, outcome, hit_id) in enumerate(session.execute(latest).all()):
        outcomes[hit_id if hit_id is not None else f"deleted:{index}"] = (source, outcome)
        if hit_id is None:
            orphans[source] = orphans.get(source, 0) + 1
    counts: dict[str, tuple[int, int, int]] = {}
    for source in set(live) | set(orphans):
        reviewed = [o for s, o in outcomes.values() if s == source]
        counts[source] = (
            live.get(source, 0) + orphans.get(source, 0),
            len(reviewed),
            sum(1 for o in reviewed if o == "confirmed"),
        )
    stats = []
    for rule in rules:
        total, closed, confirmed = counts.pop(rule.id, (0, 0, 0))
        stats.append(
            {
                "rule": rule.id,
                "title": rule.title,
                "owner": rule.owner,
                "review_date": rule.review_date.isoformat(),
                "overdue": rule.overdue(today),
                "hits": total,
                "reviewed": closed,
                "confirmed": confirmed,
                "confirmed_rate": round(confirmed / closed, 3) if closed else None,
            }
        )
    for source, (total, closed, confirmed) in sorted(counts.items()):
        stats.append(
            {
                "rule": source,
                "title": None,
                "owner": None,
                "review_date": None,
                "overdue": None,
                "hits": total,
                "reviewed": closed,
                "confirmed": confirmed,
                "confirmed_rate": round(confirmed / closed, 3) if closed else None,
            }
        )
    return stats
