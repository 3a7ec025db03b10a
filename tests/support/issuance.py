"""Issuance in tests: the staff, the clock, and one call per application step."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from borderpost.issuance.applications import (
    ApplicationInput,
    add_evidence,
    check_identity,
    create_application,
)
from borderpost.issuance.decisions import submit
from borderpost.issuance.photos import enrol_photo
from borderpost.issuance.rules import RuleBook, default_rules
from borderpost.screening.engine import Screener
from borderpost.store.models import IssuanceApplication, User
from borderpost.store.repos.users import UserRepo

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
#: (username, role) of the accounts of ``tests/issuance``.
STAFF = (
    ("ines", "issuance_officer"),
    ("omar", "issuance_officer"),
    ("sara", "issuance_supervisor"),
    ("tom", "issuance_supervisor"),
    ("audrey", "auditor"),
    ("ana", "officer"),
    ("root", "admin"),
)
#: Evidence that meets every EoI objective but the checks (living, sole claimant).
EVIDENCE = (
    ("birth_certificate", "Civil registry, Capital", "BC-1"),
    ("national_id_card", "Interior ministry", "ID-1"),
    ("utility_bill", "City water", "W-1"),
)


def user(session: Session, username: str) -> User:
    found = UserRepo(session).by_username(username)
    assert found is not None
    return found


def person(**changes: object) -> ApplicationInput:
    """An application's input; any field can be changed."""
    values: dict[str, object] = {
        "kind": "first",
        "surname": "PETROV",
        "given_names": "IVAN",
        "sex": "M",
        "birth_date": dt.date(1985, 3, 14),
        "nationality": "UTO",
        "office": "CAPITAL",
        "national_id": "850314-0001",
        "national_id_issued_on": dt.date(2001, 4, 2),
        "address": "12 River Road",
        "phone": "+99 555 0101",
    }
    values.update(changes)
    return ApplicationInput(**values)  # type: ignore[arg-type]


def enrol(
    session: Session,
    data: ApplicationInput,
    *,
    officer: str = "ines",
    at: dt.datetime = NOW,
    screener: Screener | None = None,
    book: RuleBook | None = None,
    evidence: tuple[tuple[str, str, str], ...] = EVIDENCE,
    result: str = "verified",
    photo: bytes | None = None,
) -> IssuanceApplication:
    """Create, add evidence (and ``photo``), check identity and submit an application."""
    maker = user(session, officer)
    row = create_application(session, officer=maker, data=data, now=at)
    if photo is not None:
        enrol_photo(session, row.id, actor=maker, photo=photo, now=at)
    for kind, issuer, number in evidence:
        add_evidence(
            session,
            row.id,
            actor=maker,
            kind=kind,
            issuer=issuer,
            number=number,
            result=result,
            now=at,
        )
    check_identity(
        session, row.id, actor=maker, method="photo against ID card", matches=True, now=at
    )
    submit(session, row.id, actor=maker, book=book or default_rules(), screener=screener, now=at)
    return row
