"""Examinations of containers, and the honest measure of targeting: random controls.

A targeting unit that only opens the containers its indicators select cannot tell whether the
indicators work: it never sees what the others hold. :func:`draw_controls` picks a random
share of a manifest's containers (selected or not) for a control examination; the hit rate of
controls estimates the base rate, and targeting's lift is its own hit rate over that
(:func:`examination_statistics`). A "hit" is any examination that found something (contraband,
mis-declared goods or another offence).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.store.models import CargoContainer, CargoManifestRecord, ContainerExamination
from borderpost.store.models.conveyances import EXAM_OUTCOMES

__all__ = ["draw_controls", "examination_statistics", "record_examination"]


def draw_controls(
    session: Session,
    *,
    manifest_id: int,
    rate: float,
    actor: str,
    now: dt.datetime,
    rng: random.Random | None = None,
) -> list[str]:
    """Mark a random ``rate`` share (at least one) of the manifest's containers not yet drawn
    for control examination; the container numbers drawn. Audited.

    Raises:
        NotFound: no such manifest. Invalid: rate not in (0, 0.5].
    """
    if not 0 < rate <= 0.5:
        raise Invalid("the control rate must be above 0 and at most 0.5 (50%)")
    if session.get(CargoManifestRecord, manifest_id) is None:
        raise NotFound(f"cargo manifest {manifest_id} does not exist")
    boxes = list(
        session.scalars(
            select(CargoContainer)
            .where(CargoContainer.manifest_id == manifest_id)
            .order_by(CargoContainer.id)
        )
    )
    free = [box for box in boxes if not box.control]
    wanted = min(len(free), max(1, round(rate * len(boxes))))
    chosen = (rng or random.SystemRandom()).sample(free, wanted)
    for box in chosen:
        box.control = True
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="cargo.controls",
        subject_type="cargo_manifest",
        subject_id=manifest_id,
        details={"rate": rate, "drawn": wanted},
        at=now,
    )
    return sorted(box.number for box in chosen)


def record_examination(
    session: Session,
    *,
    container_id: int,
    outcome: str,
    finding: str | None,
    user_id: int,
    actor: str,
    now: dt.datetime,
) -> dict[str, Any]:
    """Record what opening a container found. Its kind follows how it was chosen: ``control``
    (random draw), ``targeted`` (selected by the indicators) or ``other``. Audited.

    Raises:
        NotFound: no such container. Invalid: unknown outcome, or a finding missing where
        something was found. Conflict: the container was already examined.
    """
    box = session.get(CargoContainer, container_id)
    if box is None:
        raise NotFound(f"container record {container_id} does not exist")
    if outcome not in EXAM_OUTCOMES:
        raise Invalid(f"outcome {outcome!r} must be one of {', '.join(EXAM_OUTCOMES)}")
    text = (finding or "").strip()
    if outcome != "nothing_found" and len(text) < 5:
        raise Invalid("describe what was found (at least five characters)")
    if len(text) > 4000:
        raise Invalid("the finding is longer than 4000 characters")
    done = session.scalars(
        select(ContainerExamination.id).where(ContainerExamination.container_id == container_id)
    ).first()
    if done is not None:
        raise Conflict(f"container {box.number} was already examined (examination {done})")
    kind = "control" if box.control else "targeted" if box.selected else "other"
    row = ContainerExamination(
        container_id=box.id,
        kind=kind,
        outcome=outcome,
        finding=text or None,
        examined_by=user_id,
        examined_at=now,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="cargo.examination",
        subject_type="cargo_container",
        subject_id=box.id,
        details={"container": box.number, "kind": kind, "outcome": outcome},
        at=now,
    )
    return {"id": row.id, "container": box.number, "kind": kind, "outcome": outcome}


def _rate(examined: int, hits: int) -> dict[str, Any]:
    return {
        "examined": examined,
        "hits": hits,
        "hit_rate": round(hits / examined, 4) if examined else None,
    }


def examination_statistics(session: Session, *, manifest_id: int | None = None) -> dict[str, Any]:
    """Hit rates of examinations of selected containers and of random controls, and the
    lift of targeting over random (``None`` until both have examinations with a control hit).
    A container both selected and drawn counts in both."""
    query = select(CargoContainer.selected, CargoContainer.control, ContainerExamination.outcome)
    query = query.join(ContainerExamination, ContainerExamination.container_id == CargoContainer.id)
    if manifest_id is not None:
        query = query.where(CargoContainer.manifest_id == manifest_id)
    targeted = [0, 0]
    control = [0, 0]
    other = [0, 0]
    for selected, drawn, outcome in session.execute(query):
        found = outcome != "nothing_found"
        for flag, tally in ((selected, targeted), (drawn, control)):
            if flag:
                tally[0] += 1
                tally[1] += found
        if not selected and not drawn:
            other[0] += 1
            other[1] += found
    t, c = _rate(*targeted), _rate(*control)
    lift = None
    if t["hit_rate"] is not None and c["hit_rate"]:
        lift = round(t["hit_rate"] / c["hit_rate"], 2)
    explain = (
        f"targeted examinations found something in {t['hits']} of {t['examined']}, random "
        f"controls in {c['hits']} of {c['examined']}"
        + (f": targeting is {lift}x random" if lift is not None else "")
    )
    return {"targeted": t, "control": c, "other": _rate(*other), "lift": lift, "reason": explain}
