"""Submitting, deciding and handing over an application.

* :func:`submit` runs the integrity rules and the duplicate search (1:N); alerts and candidates
  are stored with their reasons.
* :func:`override_alert` lets a supervisor other than the applicant's officer set a blocking
  alert aside with a written reason (recorded; overrides are insider signals).
* :func:`decide` is the checker's step: no one approves an application they took; approval
  needs every duplicate candidate decided, every blocking alert overridden and the evidence of
  identity objectives met.
* :func:`collect` checks the applicant's identity again at collection and personalises a blank
  booklet from the office's stock; the passport joins the register of issued passports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission
from borderpost.issuance.applications import get_application
from borderpost.issuance.checks import applicant_facts, duplicate_matches
from borderpost.issuance.duplicates import FaceMatcher, FaceSearcher
from borderpost.issuance.errors import (
    IssuanceConflict,
    IssuanceInvalid,
    IssuanceNotFound,
    SelfApprovalError,
)
from borderpost.issuance.faces import StoredFaceMatcher
from borderpost.issuance.integrity import evaluate
from borderpost.issuance.rules import RuleBook
from borderpost.issuance.staff import require
from borderpost.issuance.stock import booklet, move
from borderpost.issuance.views import objectives
from borderpost.screening.engine import Screener
from borderpost.store.models import (
    Booklet,
    DuplicateCandidate,
    IssuanceAlert,
    IssuanceApplication,
    IssuedPassport,
    User,
)

__all__ = ["MIN_REASON", "collect", "decide", "override_alert", "submit"]

MIN_REASON = 10


def _reason(text: str | None, what: str) -> str:
    clean = " ".join((text or "").split())
    if len(clean) < MIN_REASON or len(clean) > 2000:
        raise IssuanceInvalid(f"{what} needs a reason of {MIN_REASON}-2000 characters")
    return clean


def submit(
    session: Session,
    application_id: int,
    *,
    actor: User,
    book: RuleBook,
    screener: Screener | None,
    now: dt.datetime,
    faces: FaceMatcher | None = None,
) -> dict[str, Any]:
    """Close the enrolment: run the integrity rules and the duplicate search.

    ``faces`` defaults to the stored-template matcher (:mod:`borderpost.issuance.faces`): the
    applicant's enrolment photo, when there is one, is searched 1:N over every earlier
    applicant's; pass :class:`~borderpost.issuance.duplicates.NullFaceMatcher` to compare no
    faces. Face candidates, like name candidates, go to a person to adjudicate.

    Raises:
        IssuanceConflict: not a draft; no identity check at enrolment; no evidence.
    """
    require(actor, Permission.ENROL, "submit passport applications")
    application = get_application(session, application_id)
    if application.status != "draft":
        raise IssuanceConflict(f"application #{application_id} is {application.status}")
    if application.enrolment_check is None:
        raise IssuanceConflict(
            f"application #{application_id}: check the applicant's identity before submitting"
        )
    if application.enrolment_check.startswith("mismatch"):
        raise IssuanceConflict(
            f"application #{application_id}: the identity check at enrolment failed"
        )
    alerts = evaluate(applicant_facts(session, application, book, screener, now.date()), book)
    for alert in alerts:
        session.add(
            IssuanceAlert(
                application_id=application_id,
                rule=alert.rule,
                severity=alert.severity,
                action=alert.action,
                reason=alert.reason,
                figures=alert.figures,
                raised_at=now,
            )
        )
    matcher = (
        faces
        if faces is not None
        else StoredFaceMatcher(
            session,
            actor=actor.username,
            now=now,
            threshold=book.duplicates.face_max_distance,
        )
    )
    matches = duplicate_matches(session, application, book, matcher)
    if isinstance(matcher, FaceSearcher):
        face_search = matcher.summary
    elif matcher.configured:
        face_search = "faces compared with the name candidates only (no 1:N face search)"
    else:
        face_search = "no face search: no face matcher configured"
    for match in matches:
        session.add(
            DuplicateCandidate(
                application_id=application_id,
                other_kind=match.other.kind,
                other_id=match.other.id,
                score=match.score,
                reasons=list(match.reasons),
                status="open",
                raised_at=now,
            )
        )
    application.status = "submitted"
    application.submitted_at = now
    session.flush()
    append(
        session,
        actor=actor.username,
        action="issuance.submit",
        subject_type="issuance_application",
        subject_id=application_id,
        details={
            "alerts": [a.rule for a in alerts],
            "duplicates": len(matches),
            "face_search": face_search,
        },
        at=now,
    )
    return {
        "application": application_id,
        "alerts": [alert.to_dict() for alert in alerts],
        "face_search": face_search,
        "duplicates": [
            {
                "other_kind": m.other.kind,
                "other_id": m.other.id,
                "score": m.score,
                "reasons": list(m.reasons),
            }
            for m in matches
        ],
    }


def override_alert(
    session: Session, alert_id: int, *, actor: User, reason: str, now: dt.datetime
) -> IssuanceAlert:
    """Set an integrity alert aside with a written reason (the alert stays, marked).

    Raises:
        SelfApprovalError: the actor took the application.
        IssuanceConflict: already overridden, or the application is decided.
    """
    require(actor, Permission.APPROVE_ISSUANCE, "override integrity alerts")
    alert = session.get(IssuanceAlert, alert_id)
    if alert is None:
        raise IssuanceNotFound(f"no integrity alert #{alert_id}")
    application = get_application(session, alert.application_id)
    if application.officer == actor.username:
        raise SelfApprovalError(
            f"{actor.username} took application #{application.id} and may not override its "
            "alerts (maker-checker): another supervisor must"
        )
    if alert.overridden_by is not None:
        raise IssuanceConflict(f"alert #{alert_id} was overridden by {alert.overridden_by}")
    if application.status != "submitted":
        raise IssuanceConflict(f"application #{application.id} is {application.status}")
    alert.overridden_by = actor.username
    alert.overridden_at = now
    alert.override_reason = _reason(reason, f"overriding alert #{alert_id}")
    append(
        session,
        actor=actor.username,
        action="issuance.override",
        subject_type="issuance_application",
        subject_id=application.id,
        details={"alert": alert_id, "rule": alert.rule},
        at=now,
    )
    return alert


def _blockers(session: Session, application: IssuanceApplication) -> list[str]:
    found = []
    open_candidates = session.scalars(
        select(DuplicateCandidate.id).where(
            DuplicateCandidate.application_id == application.id,
            DuplicateCandidate.status == "open",
        )
    ).all()
    if open_candidates:
        ids = ", ".join(f"#{i}" for i in open_candidates)
        found.append(f"duplicate candidates {ids} wait for adjudication")
    same = session.scalars(
        select(DuplicateCandidate.id).where(
            DuplicateCandidate.application_id == application.id,
            DuplicateCandidate.status == "same_person",
        )
    ).all()
    if same:
        found.append(f"adjudicated as the same person as another identity ({len(same)})")
    blocking = session.scalars(
        select(IssuanceAlert).where(
            IssuanceAlert.application_id == application.id,
            IssuanceAlert.action == "block",
            IssuanceAlert.overridden_by.is_(None),
        )
    ).all()
    for alert in blocking:
        found.append(f"alert #{alert.id} {alert.rule} is not overridden: {alert.reason}")
    unmet = [o["objective"] for o in objectives(session, application) if not o["met"]]
    if unmet:
        found.append(f"evidence of identity does not meet: {', '.join(unmet)}")
    return found


def decide(
    session: Session,
    application_id: int,
    *,
    actor: User,
    approve: bool,
    reason: str,
    book: RuleBook,
    now: dt.datetime,
) -> IssuanceApplication:
    """Approve or reject a submitted application (maker-checker).

    Raises:
        SelfApprovalError: ``actor`` took the application.
        IssuanceConflict: not submitted; approval blocked (the message lists every blocker).
        IssuanceInvalid: the reason is too short.
    """
    require(actor, Permission.APPROVE_ISSUANCE, "decide passport applications")
    application = get_application(session, application_id)
    if application.officer == actor.username:
        raise SelfApprovalError(
            f"{actor.username} took application #{application_id} and may not decide it "
            "(maker-checker): another supervisor must"
        )
    if application.status != "submitted":
        raise IssuanceConflict(f"application #{application_id} is {application.status}")
    text = _reason(reason, "a decision")
    if approve:
        blockers = _blockers(session, application)
        if blockers:
            raise IssuanceConflict(
                f"application #{application_id} cannot be approved: " + "; ".join(blockers)
            )
        validity = book.usual_validity_years
        for alert in session.scalars(
            select(IssuanceAlert).where(
                IssuanceAlert.application_id == application_id,
                IssuanceAlert.action == "shorten_validity",
            )
        ):
            validity = min(validity, int(alert.figures.get("validity_years", validity)))
        application.validity_years = validity
    application.status = "approved" if approve else "rejected"
    application.decided_by = actor.username
    application.decided_at = now
    application.decision_reason = text
    append(
        session,
        actor=actor.username,
        action="issuance.approve" if approve else "issuance.reject",
        subject_type="issuance_application",
        subject_id=application_id,
        details={"validity_years": application.validity_years},
        at=now,
    )
    return application


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def collect(
    session: Session,
    application_id: int,
    *,
    actor: User,
    matches: bool,
    method: str,
    now: dt.datetime,
    serial: str | None = None,
) -> IssuanceApplication:
    """Hand the passport over: the identity is checked again; on a match a blank booklet at
    the application's office is personalised and the passport registered as issued. On a
    mismatch the application is held and no booklet is used.

    Raises:
        IssuanceConflict: not approved; no blank booklet at the office.
        IssuanceInvalid: no method given.
    """
    require(actor, Permission.ENROL, "hand passports over")
    application = get_application(session, application_id)
    if application.status != "approved":
        raise IssuanceConflict(f"application #{application_id} is {application.status}")
    how = " ".join(method.split())
    if not how or len(how) > 500:
        raise IssuanceInvalid("say how the identity was checked at collection (1-500 characters)")
    verdict = "match" if matches else "mismatch"
    application.collection_check = f"{verdict} by {actor.username} at {now:%Y-%m-%d %H:%M}: {how}"
    if not matches:
        application.status = "held"
        append(
            session,
            actor=actor.username,
            action="issuance.identity_check",
            subject_type="issuance_application",
            subject_id=application_id,
            details={"stage": "collection", "result": verdict},
            at=now,
        )
        return application
    if serial is None:
        serial = session.scalar(
            select(Booklet.serial)
            .where(Booklet.state == "at_station", Booklet.location == application.office)
            .order_by(Booklet.serial)
            .limit(1)
        )
        if serial is None:
            raise IssuanceConflict(
                f"no blank booklet at {application.office}: dispatch stock to the station first"
            )
    blank = booklet(session, serial)
    if blank.location != application.office:
        raise IssuanceConflict(
            f"booklet {blank.serial} is at {blank.location}, not at {application.office}"
        )
    row = move(session, serial, "personalise", actor=actor, now=now, application_id=application_id)
    validity = application.validity_years or 10
    session.add(
        IssuedPassport(
            country=row.country,
            number=row.serial,
            application_id=application_id,
            surname=application.surname,
            given_names=application.given_names,
            sex=application.sex,
            birth_date=application.birth_date,
            national_id=application.national_id,
            issued_on=now.date(),
            expires_on=_add_years(now.date(), validity),
        )
    )
    application.status = "issued"
    application.collected_by = actor.username
    application.collected_at = now
    application.passport_number = row.serial
    session.flush()
    append(
        session,
        actor=actor.username,
        action="issuance.collect",
        subject_type="issuance_application",
        subject_id=application_id,
        details={"passport": row.serial, "validity_years": validity},
        at=now,
    )
    return application
