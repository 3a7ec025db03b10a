"""Gathering an application's facts for the integrity rules and running the duplicate search
(1:N against earlier applicants and issued passports): the storage side of
:mod:`borderpost.issuance.integrity` and :mod:`borderpost.issuance.duplicates`."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost.issuance.duplicates import (
    DuplicateMatch,
    Enrolee,
    EnroleeIndex,
    FaceHit,
    FaceMatcher,
    FaceSearcher,
    face_matches,
)
from borderpost.issuance.faces import face_ref, ref_id
from borderpost.issuance.integrity import ApplicantFacts, RegistryRecord, SharedContact
from borderpost.issuance.rules import RuleBook
from borderpost.screening.engine import Screener
from borderpost.screening.model import PartialDate
from borderpost.screening.query import Query
from borderpost.store.models import (
    CivilRegistryEntry,
    IssuanceApplication,
    IssuanceEvidence,
    IssuedPassport,
)

__all__ = ["applicant_facts", "duplicate_matches", "registry_record"]

CONTACTS = ("address", "phone", "guarantor")


def registry_record(session: Session, national_id: str) -> RegistryRecord | None:
    row = session.scalar(
        select(CivilRegistryEntry).where(CivilRegistryEntry.national_id == national_id)
    )
    if row is None:
        return None
    return RegistryRecord(
        row.national_id, row.surname, row.given_names, row.birth_date, row.status, row.death_date
    )


def _normal(value: str) -> str:
    return " ".join(value.upper().replace(",", " ").split())


def _shared(
    session: Session, application: IssuanceApplication, book: RuleBook
) -> tuple[SharedContact, ...]:
    rule = book.rules.get("shared_contact")
    days = 730 if rule is None else int(rule.params.get("window_days", 730))
    since = application.created_at - dt.timedelta(days=days)
    found = []
    for name in CONTACTS:
        value = getattr(application, name)
        if value is None:
            continue
        column = getattr(IssuanceApplication, name)
        rows = session.execute(
            select(
                IssuanceApplication.id,
                IssuanceApplication.surname,
                IssuanceApplication.national_id,
                column,
            ).where(
                func.upper(column) == value.upper(),
                IssuanceApplication.id != application.id,
                IssuanceApplication.created_at >= since,
            )
        )
        # The same identity applying again (a renewal) is not another applicant.
        others = tuple(
            (int(other_id), surname)
            for other_id, surname, national_id, other_value in rows
            if _normal(other_value) == _normal(value)
            and (national_id is None or national_id != application.national_id)
        )
        if others:
            found.append(SharedContact(name, value, others))
    return tuple(found)


def _losses(session: Session, application: IssuanceApplication) -> tuple[dt.date, ...]:
    if application.national_id is None:
        return (application.loss_reported_on,) if application.loss_reported_on else ()
    days = session.scalars(
        select(IssuanceApplication.loss_reported_on).where(
            IssuanceApplication.national_id == application.national_id,
            IssuanceApplication.loss_reported_on.is_not(None),
            IssuanceApplication.id != application.id,
            IssuanceApplication.status.not_in(("draft", "rejected")),
        )
    )
    found = [day for day in days if day is not None]
    if application.loss_reported_on is not None:
        found.append(application.loss_reported_on)
    return tuple(sorted(set(found)))


def _watchlist(screener: Screener | None, application: IssuanceApplication) -> tuple[str, ...]:
    if screener is None:
        return ()
    query = Query(
        name=f"{application.given_names} {application.surname}".strip(),
        birth_date=PartialDate.parse(application.birth_date.isoformat()),
        nationality=application.nationality,
        gender={"M": "male", "F": "female"}.get(application.sex),
    )
    screening = screener.screen(query)
    return tuple(
        f"{hit.list_name} entry {hit.entry_id} {hit.name!r} (score {hit.score:.2f}): "
        + "; ".join(reason.describe() for reason in hit.reasons[:3])
        for hit in screening.hits
    )


def applicant_facts(
    session: Session,
    application: IssuanceApplication,
    book: RuleBook,
    screener: Screener | None,
    today: dt.date,
) -> ApplicantFacts:
    """The facts the integrity rules look at, read from the store (and the screener)."""
    registry_loaded = session.scalar(select(CivilRegistryEntry.id).limit(1)) is not None
    record = None
    if application.national_id is not None:
        record = registry_record(session, application.national_id)
    failed = tuple(
        f"{kind} {number} ({issuer})"
        for kind, number, issuer in session.execute(
            select(IssuanceEvidence.kind, IssuanceEvidence.number, IssuanceEvidence.issuer).where(
                IssuanceEvidence.application_id == application.id,
                IssuanceEvidence.result == "failed",
            )
        )
    )
    return ApplicantFacts(
        surname=application.surname,
        given_names=application.given_names,
        birth_date=application.birth_date,
        national_id=application.national_id,
        national_id_issued_on=application.national_id_issued_on,
        registry_loaded=registry_loaded,
        registry=record,
        losses=_losses(session, application),
        watchlist=_watchlist(screener, application),
        shared=_shared(session, application, book),
        failed_evidence=failed,
        today=today,
    )


def _dates(birth: dt.date, window: int) -> list[dt.date]:
    days = [birth + dt.timedelta(days=offset) for offset in range(-window, window + 1)]
    if birth.day <= 12 and birth.day != birth.month:
        with contextlib.suppress(ValueError):
            days.append(birth.replace(month=birth.day, day=birth.month))
    return days


def duplicate_matches(
    session: Session,
    application: IssuanceApplication,
    book: RuleBook,
    faces: FaceMatcher | None = None,
    *,
    exclude: Sequence[tuple[str, int]] = (),
) -> list[DuplicateMatch]:
    """Earlier applications and issued passports that may be this applicant under another
    identity: the block (sex, birth date window) is read from the store, then scored. With a
    :class:`FaceSearcher`, the applicant's photo is also searched 1:N over every earlier
    enrolment photo, and photos of the same face under other identities are candidates too."""
    hits: list[FaceHit] = (
        faces.search(face_ref(application.id)) if isinstance(faces, FaceSearcher) else []
    )
    dates = _dates(application.birth_date, book.duplicates.birth_window_days)
    index = EnroleeIndex(settings=book.duplicates, faces=faces)
    applications = session.scalars(
        select(IssuanceApplication).where(
            IssuanceApplication.sex == application.sex,
            IssuanceApplication.birth_date.in_(dates),
            IssuanceApplication.id < application.id,
            IssuanceApplication.status != "draft",
        )
    )
    issued_from: set[int] = set()
    for row in applications:
        index.add(_enrolee(row))
    passports = session.scalars(
        select(IssuedPassport).where(
            IssuedPassport.sex == application.sex, IssuedPassport.birth_date.in_(dates)
        )
    )
    for passport in passports:
        if passport.application_id is not None:
            issued_from.add(passport.application_id)
            if passport.application_id < application.id:
                continue  # already searched as the application it was issued on
        index.add(
            Enrolee(
                "passport",
                passport.id,
                passport.surname,
                passport.given_names,
                passport.sex,
                passport.birth_date,
                passport.national_id,
                None if passport.application_id is None else face_ref(passport.application_id),
            )
        )
    probe = _enrolee(application)
    skip = [("application", application.id), *exclude]
    found = index.search(probe, exclude=skip)
    if not hits:
        return found
    by_id = {
        row.id: row
        for row in session.scalars(
            select(IssuanceApplication).where(
                IssuanceApplication.id.in_([ref_id(hit.ref) for hit in hits])
            )
        )
    }
    pairs = [
        (_enrolee(by_id[ref_id(hit.ref)]), hit)
        for hit in hits
        if ref_id(hit.ref) in by_id and ("application", ref_id(hit.ref)) not in skip
    ]
    merged = found + face_matches(probe, pairs, found)
    merged.sort(key=lambda match: (-match.score, match.other.kind, match.other.id))
    return merged


def _enrolee(row: IssuanceApplication) -> Enrolee:
    return Enrolee(
        "application",
        row.id,
        row.surname,
        row.given_names,
        row.sex,
        row.birth_date,
        row.national_id,
        face_ref(row.id),
    )
