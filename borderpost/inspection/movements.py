"""What a decision in force changes: crossings, stays and referrals (audited, never committed).

* admit on entry: an entry crossing and a stay, permitted until the date of the permit rules;
* admit on exit: an exit crossing that closes the traveller's open stay (late: an overstay);
* refer: a referral to secondary inspection, open;
* refuse or detain: no crossing (the traveller did not cross).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.inspection.permits import PermitRules, permitted_until
from borderpost.inspection.policy import DEFAULT_PERMIT
from borderpost.store.models import Crossing, Decision, Inspection, Referral, Stay, Traveller
from borderpost.store.repos.crossings import CrossingRepo
from borderpost.store.repos.inspections import InspectionRepo

__all__ = ["apply_decision"]


def _crossing(session: Session, inspection: Inspection, actor: str, now: dt.datetime) -> Crossing:
    assert inspection.traveller_id is not None  # every stored inspection names its traveller
    crossing = CrossingRepo(session).add(
        Crossing(
            traveller_id=inspection.traveller_id,
            document_id=inspection.document_id,
            port_id=inspection.port_id,
            direction=inspection.direction,
            occurred_at=now,
            officer_id=inspection.officer_id,
            inspection_id=inspection.id,
        )
    )
    audit.append(
        session,
        actor=actor,
        action="crossing.record",
        subject_type="crossing",
        subject_id=crossing.id,
        details={
            "inspection": inspection.id,
            "traveller": inspection.traveller_id,
            "direction": inspection.direction,
        },
        at=now,
    )
    return crossing


def _open_stay(
    session: Session,
    crossing: Crossing,
    permit_type: str,
    rules: PermitRules,
    actor: str,
    now: dt.datetime,
) -> str:
    traveller = session.get(Traveller, crossing.traveller_id)
    nationality = None if traveller is None else traveller.nationality
    until = permitted_until(now.date(), permit_type, nationality, rules)
    stay = CrossingRepo(session).add_stay(
        Stay(
            traveller_id=crossing.traveller_id,
            entry_crossing_id=crossing.id,
            permit_type=permit_type,
            permitted_until=until,
        )
    )
    audit.append(
        session,
        actor=actor,
        action="stay.open",
        subject_type="stay",
        subject_id=stay.id,
        details={"permit_type": permit_type, "permitted_until": until.isoformat()},
        at=now,
    )
    return f"stay {stay.id} opened ({permit_type}), permitted until {until.isoformat()}"


def _close_stay(session: Session, crossing: Crossing, actor: str, now: dt.datetime) -> str:
    stay = CrossingRepo(session).open_stay(crossing.traveller_id)
    if stay is None:
        return "no open stay to close (no entry recorded)"
    stay.exit_crossing_id = crossing.id
    session.flush()
    days_over = max(0, (now.date() - stay.permitted_until).days)
    audit.append(
        session,
        actor=actor,
        action="stay.close",
        subject_type="stay",
        subject_id=stay.id,
        details={"permitted_until": stay.permitted_until.isoformat(), "days_over": days_over},
        at=now,
    )
    late = f": overstayed {days_over} days" if days_over else ""
    return f"stay {stay.id} closed (permitted until {stay.permitted_until.isoformat()}){late}"


def apply_decision(
    session: Session,
    inspection: Inspection,
    decision: Decision,
    *,
    rules: PermitRules,
    actor: str,
    now: dt.datetime,
) -> list[str]:
    """Carry out a decision that is in force; returns what it changed, as sentences."""
    if decision.decision == "admit":
        crossing = _crossing(session, inspection, actor, now)
        effects = [f"{inspection.direction} crossing {crossing.id} recorded"]
        if inspection.direction == "entry":
            permit = decision.permit_type or DEFAULT_PERMIT
            effects.append(_open_stay(session, crossing, permit, rules, actor, now))
        else:
            effects.append(_close_stay(session, crossing, actor, now))
        return effects
    if decision.decision == "refer":
        referral = Referral(
            inspection_id=inspection.id, status="open", reason=decision.reason, created_at=now
        )
        InspectionRepo(session).add(referral)
        audit.append(
            session,
            actor=actor,
            action="referral.open",
            subject_type="referral",
            subject_id=referral.id,
            details={"inspection": inspection.id, "decision": decision.id},
            at=now,
        )
        return [f"referral {referral.id} to secondary inspection opened"]
    return [f"{decision.decision}: no crossing recorded"]
