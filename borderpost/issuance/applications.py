"""Taking a passport application: the claimed identity, evidence of identity, the identity
check at enrolment. Reading applications back (audited) is :mod:`borderpost.issuance.views`.

Functions work in the caller's session and never commit; each change appends an audit event
in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission
from borderpost.issuance.errors import IssuanceConflict, IssuanceInvalid, IssuanceNotFound
from borderpost.issuance.evidence import evidence_kinds
from borderpost.issuance.staff import require
from borderpost.screening.countries import to_alpha3
from borderpost.store.models import (
    IssuanceApplication,
    IssuanceEvidence,
    User,
)

__all__ = [
    "KINDS",
    "SEXES",
    "ApplicationInput",
    "add_evidence",
    "check_identity",
    "create_application",
    "get_application",
]

KINDS = ("first", "renewal", "replacement_lost", "replacement_stolen")
SEXES = ("M", "F", "X")
_LIMITS = {
    "surname": 200,
    "given_names": 200,
    "birth_place": 200,
    "national_id": 64,
    "address": 300,
    "phone": 64,
    "guarantor": 200,
    "office": 64,
}


@dataclass(frozen=True, slots=True)
class ApplicationInput:
    """What the applicant claims, as typed by the officer."""

    kind: str
    surname: str
    given_names: str
    sex: str
    birth_date: dt.date
    nationality: str
    office: str
    national_id: str | None = None
    national_id_issued_on: dt.date | None = None
    birth_place: str | None = None
    address: str | None = None
    phone: str | None = None
    guarantor: str | None = None
    loss_reported_on: dt.date | None = None
    vip: bool = False


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def _validated(data: ApplicationInput, today: dt.date) -> dict[str, Any]:
    if data.kind not in KINDS:
        raise IssuanceInvalid(f"kind {data.kind!r} is not one of {', '.join(KINDS)}")
    sex = data.sex.strip().upper()[:1] if data.sex.strip() else ""
    if sex not in SEXES:
        raise IssuanceInvalid(f"sex {data.sex!r} is not one of M, F, X")
    values: dict[str, Any] = {
        name: _clean(getattr(data, name))
        for name in ("surname", "given_names", "birth_place", "address", "phone", "guarantor")
    }
    values["office"] = _clean(data.office)
    national_id = _clean(data.national_id)
    values["national_id"] = None if national_id is None else national_id.upper()
    for name, limit in _LIMITS.items():
        value = values.get(name)
        if value is not None and len(value) > limit:
            raise IssuanceInvalid(f"{name} is longer than {limit} characters")
        if value is not None and "\x00" in value:
            raise IssuanceInvalid(f"{name} holds a NUL character")
    if values["surname"] is None:
        raise IssuanceInvalid("surname is empty")
    if values["office"] is None:
        raise IssuanceInvalid("office is empty: name the issuing office (station)")
    if data.birth_date > today:
        raise IssuanceInvalid(f"birth date {data.birth_date} is in the future")
    if data.birth_date.year < 1890:
        raise IssuanceInvalid(f"birth date {data.birth_date} is before 1890")
    nationality = to_alpha3(data.nationality)
    if nationality is None:
        raise IssuanceInvalid(f"nationality {data.nationality!r} is not a known country")
    if data.kind.startswith("replacement") and data.loss_reported_on is None:
        raise IssuanceInvalid(f"a {data.kind} application needs the date the loss was reported")
    if data.loss_reported_on is not None and data.loss_reported_on > today:
        raise IssuanceInvalid(f"loss report date {data.loss_reported_on} is in the future")
    if data.national_id_issued_on is not None and data.national_id_issued_on > today:
        raise IssuanceInvalid(f"identity number issue date {data.national_id_issued_on} is future")
    return {
        **values,
        "given_names": values["given_names"] or "",
        "kind": data.kind,
        "sex": sex,
        "birth_date": data.birth_date,
        "nationality": nationality,
        "national_id_issued_on": data.national_id_issued_on,
        "loss_reported_on": data.loss_reported_on,
        "vip": data.vip,
    }


def create_application(
    session: Session, *, officer: User, data: ApplicationInput, now: dt.datetime
) -> IssuanceApplication:
    """Record a new application (status ``draft``) taken by ``officer``.

    Raises:
        Forbidden: the officer's role may not take applications.
        IssuanceInvalid: naming the field that cannot be used.
    """
    require(officer, Permission.ENROL, "take passport applications")
    row = IssuanceApplication(
        **_validated(data, now.date()),
        status="draft",
        officer=officer.username,
        created_at=now,
    )
    session.add(row)
    session.flush()
    append(
        session,
        actor=officer.username,
        action="issuance.apply",
        subject_type="issuance_application",
        subject_id=row.id,
        details={"kind": row.kind, "office": row.office},
        at=now,
    )
    return row


def get_application(session: Session, application_id: int) -> IssuanceApplication:
    """The stored application.

    Raises:
        IssuanceNotFound: no such application.
    """
    row = session.get(IssuanceApplication, application_id)
    if row is None:
        raise IssuanceNotFound(f"no passport application #{application_id}")
    return row


def add_evidence(
    session: Session,
    application_id: int,
    *,
    actor: User,
    kind: str,
    issuer: str,
    number: str,
    result: str,
    now: dt.datetime,
    note: str | None = None,
) -> IssuanceEvidence:
    """Record a breeder document (or other evidence) and how ``actor`` verified it.

    Raises:
        IssuanceInvalid: unknown kind or result, empty issuer or number.
        IssuanceConflict: the application is already decided.
    """
    require(actor, Permission.ENROL, "record evidence of identity")
    application = get_application(session, application_id)
    if application.status not in ("draft", "submitted"):
        raise IssuanceConflict(f"application #{application_id} is {application.status}")
    table = evidence_kinds()
    try:
        kind_key, result_key = table.check_kind(kind), table.check_result(result)
    except ValueError as exc:
        raise IssuanceInvalid(str(exc)) from None
    issuer_text, number_text = _clean(issuer), _clean(number)
    if issuer_text is None or number_text is None:
        raise IssuanceInvalid("evidence needs its issuer and its number")
    if len(issuer_text) > 200 or len(number_text) > 100:
        raise IssuanceInvalid("evidence issuer (200) or number (100 characters) is too long")
    row = IssuanceEvidence(
        application_id=application_id,
        kind=kind_key,
        issuer=issuer_text,
        number=number_text,
        result=result_key,
        verified_by=actor.username,
        verified_at=now,
        note=_clean(note),
    )
    session.add(row)
    session.flush()
    append(
        session,
        actor=actor.username,
        action="issuance.evidence",
        subject_type="issuance_application",
        subject_id=application_id,
        details={"kind": kind_key, "result": result_key},
        at=now,
    )
    return row


def check_identity(
    session: Session,
    application_id: int,
    *,
    actor: User,
    method: str,
    matches: bool,
    now: dt.datetime,
) -> IssuanceApplication:
    """Record the identity check at enrolment: the applicant was compared with the identity's
    evidence (photo, biometrics, previous passport) by ``actor`` with ``method``.

    Raises:
        IssuanceInvalid: the method is empty.
        IssuanceConflict: the application is no longer a draft.
    """
    require(actor, Permission.ENROL, "check an applicant's identity")
    application = get_application(session, application_id)
    if application.status != "draft":
        raise IssuanceConflict(f"application #{application_id} is {application.status}")
    how = _clean(method)
    if how is None or len(how) > 500:
        raise IssuanceInvalid("say how the identity was checked (1-500 characters)")
    verdict = "match" if matches else "mismatch"
    application.enrolment_check = f"{verdict} by {actor.username} at {now:%Y-%m-%d %H:%M}: {how}"
    append(
        session,
        actor=actor.username,
        action="issuance.identity_check",
        subject_type="issuance_application",
        subject_id=application_id,
        details={"stage": "enrolment", "result": verdict},
        at=now,
    )
    return application
