"""A post's day for the sync tests: real inspections and decisions through the inspection
service (travellers, documents, inspections, hits, decisions, crossings, stays, audit events)."""

from __future__ import annotations

import datetime as dt
import random

from borderpost import audit
from borderpost.inspection import decide, inspect
from borderpost.inspection.ports import add_port
from borderpost.screening.engine import Screener
from borderpost.screening.model import ListEntry
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import (
    Crossing,
    Decision,
    DocumentSeen,
    Inspection,
    Port,
    ScreeningHit,
    Traveller,
)
from borderpost.store.repos.users import UserRepo
from tests.support.accounts import add_user
from tests.support.documents import passport_mrz

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
SURNAMES = ("OKAFOR", "MENSAH", "DIALLO", "HASSAN", "SILVA", "NGUYEN", "KOWALSKA", "PETROV")
GIVEN = ("AMARA", "KOFI", "FATIMA", "JOAO", "LINH", "ANNA", "IVAN", "SAMIR")
#: A name on the posts' watchlist, so that some inspections raise a hit that is then cleared.
LISTED = ListEntry(
    list_name="national-lookouts", entry_id="NL-1", kind="person", name="Amara Okafor"
)


def officer_name(code: str) -> str:
    return f"officer-{code.lower()}"


def set_up_port(store: Store, code: str, *, officer: bool = True) -> None:
    """The port ``code`` and (optionally) an officer and a supervisor working there."""
    with UnitOfWork(store) as uow:
        port = uow.session.query(Port).filter_by(code=code).one_or_none()
        if port is None:
            port = add_port(
                uow.session, code=code, name=f"Post {code}", kind="land", actor="t", now=NOW
            )
        if officer and UserRepo(uow.session).by_username(officer_name(code)) is None:
            add_user(uow.session, officer_name(code), "officer", port.id, NOW)
            add_user(uow.session, f"chief-{code.lower()}", "supervisor", port.id, NOW)
        uow.commit()


def inspect_travellers(
    store: Store, code: str, count: int, *, seed: int, screener: Screener | None = None
) -> None:
    """``count`` travellers inspected and decided at ``code``, each in its own transaction."""
    rng = random.Random(seed)
    screen = screener or Screener([LISTED])
    for number in range(count):
        at = NOW + dt.timedelta(minutes=number)
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        mrz = passport_mrz(
            surname,
            given,
            f"{code[:2]}{seed % 100:02d}{number:05d}",
            dt.date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        )
        with UnitOfWork(store) as uow:
            officer = UserRepo(uow.session).by_username(officer_name(code))
            assert officer is not None
            result = inspect(uow, screen, officer, mrz, code, rng.choice(("entry", "exit")), at)
            cleared = {hit.id: "different person: date of birth differs" for hit in result.hits}
            choice = "admit" if rng.random() < 0.9 else "refer"
            decide(
                uow,
                result.inspection_id,
                officer,
                choice,
                "documents in order, checked",
                cleared or None,
                at,
            )
            uow.commit()


def record_crossings(
    store: Store, code: str, count: int, *, seed: int, per_commit: int = 250, audited: int = 5
) -> int:
    """``count`` travellers crossing at ``code``, written straight through the ORM (fast enough
    for thousands): traveller, document, inspection, a hit on every tenth, the decision and the
    crossing, an audit event for every ``audited``-th; then every hit cleared (an update).
    Returns the number of rows written."""
    rng = random.Random(seed)
    written = 0
    with UnitOfWork(store) as uow:
        port = uow.session.query(Port).filter_by(code=code).one()
        officer = UserRepo(uow.session).by_username(officer_name(code))
        assert officer is not None
        port_id, officer_id, username = port.id, officer.id, officer.username
    hits: list[int] = []
    for start in range(0, count, per_commit):
        numbers = range(start, min(count, start + per_commit))
        moments = [NOW + dt.timedelta(seconds=30 * number + seed) for number in numbers]
        with UnitOfWork(store) as uow:
            session = uow.session
            travellers = []
            for number, at in zip(numbers, moments, strict=True):
                surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
                travellers.append(
                    Traveller(
                        surname=surname,
                        given_names=given,
                        birth_date=dt.date(1970 + number % 30, 1, 1 + number % 28),
                        nationality="UTO",
                        name_key=f"{surname} {given}".lower(),
                        created_at=at,
                    )
                )
            session.add_all(travellers)
            session.flush()
            documents = [
                DocumentSeen(
                    traveller_id=traveller.id,
                    document_type="P",
                    number=f"{code}{seed}{number:06d}",
                    issuing_state="UTO",
                    nationality="UTO",
                    first_seen_at=at,
                )
                for number, at, traveller in zip(numbers, moments, travellers, strict=True)
            ]
            session.add_all(documents)
            session.flush()
            inspections = [
                Inspection(
                    port_id=port_id,
                    direction="entry",
                    officer_id=officer_id,
                    traveller_id=traveller.id,
                    document_id=document.id,
                    verdict="green",
                    findings=[],
                    suggested_action="admit",
                    signals=[],
                    created_at=at,
                )
                for at, traveller, document in zip(moments, travellers, documents, strict=True)
            ]
            session.add_all(inspections)
            session.flush()
            new_hits = []
            for number, at, traveller, document, inspection in zip(
                numbers, moments, travellers, documents, inspections, strict=True
            ):
                if number % 10 == 0:
                    new_hits.append(
                        ScreeningHit(
                            inspection_id=inspection.id,
                            kind="watchlist",
                            list_name="national-lookouts",
                            entry_id="NL-1",
                            name=f"{traveller.given_names} {traveller.surname}",
                            matched_name="Amara Okafor",
                            score=0.81,
                            reasons=[{"feature": "name", "detail": "similar name"}],
                        )
                    )
                session.add(
                    Decision(
                        inspection_id=inspection.id,
                        decision="admit",
                        reason="documents in order",
                        officer_id=officer_id,
                        approval="not_required",
                        decided_at=at,
                    )
                )
                session.add(
                    Crossing(
                        traveller_id=traveller.id,
                        document_id=document.id,
                        port_id=port_id,
                        direction="entry",
                        occurred_at=at,
                        officer_id=officer_id,
                        inspection_id=inspection.id,
                    )
                )
            session.add_all(new_hits)
            session.flush()
            hits.extend(hit.id for hit in new_hits)
            for number, at, inspection in zip(numbers, moments, inspections, strict=True):
                if number % audited == 0:
                    audit.append(
                        session,
                        actor=username,
                        action="inspection.create",
                        subject_type="inspection",
                        subject_id=inspection.id,
                        details={"port": code},
                        at=at,
                    )
                    written += 1
            written += 5 * len(numbers) + len(new_hits)
            uow.commit()
    with UnitOfWork(store) as uow:
        for hit_id in hits:
            row = uow.session.get(ScreeningHit, hit_id)
            assert row is not None
            row.cleared_by, row.cleared_at = officer_id, NOW + dt.timedelta(days=1)
            row.clear_reason = "different person: date of birth differs"
        uow.commit()
    return written
