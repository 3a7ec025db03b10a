"""Run a simulated issuance world (:mod:`borderpost.sim.issuance`) through the real services:
staff, registry, stock, every application from enrolment to collection (honest and corrupt
decisions), a stock count after a theft, and forged passports on stolen blanks presented at a
border inspection. :mod:`borderpost.issuance.quality` then scores detection against the truth.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.config import Settings
from borderpost.documents import MrzFields, make_mrz
from borderpost.inspection import inspect
from borderpost.inspection.ports import add_port
from borderpost.issuance.adjudication import adjudicate
from borderpost.issuance.applications import (
    ApplicationInput,
    add_evidence,
    check_identity,
    create_application,
)
from borderpost.issuance.decisions import collect, decide, override_alert, submit
from borderpost.issuance.integrity import RegistryRecord
from borderpost.issuance.registry import RegistryImport
from borderpost.issuance.registry_store import import_registry
from borderpost.issuance.rules import RuleBook, default_rules
from borderpost.issuance.stock import move, receive, reconcile
from borderpost.issuance.views import application_view
from borderpost.sim.issuance import CLERKS, COUNTRY, SUPERVISORS, IssuanceWorld, SimApplication
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import (
    Booklet,
    DuplicateCandidate,
    IssuanceAlert,
    IssuedPassport,
    User,
)
from borderpost.watchlists.screener import build_screener

__all__ = ["BorderCheck", "SimulationRun", "run_world"]

Progress = Callable[[str, int, int], None]
AUDITOR, ADMIN, GUARD, PORT = "auditor1", "registrar", "guard1", "BRD"


@dataclass(frozen=True, slots=True)
class BorderCheck:
    """A passport presented at the border, whether it is forged on a stolen blank, the hit."""

    number: str
    forged: bool
    hit: bool
    reason: str


@dataclass
class SimulationRun:
    """Stored ids of the world's applications, and what happened at the border."""

    ids: dict[int, int] = field(default_factory=dict)
    border: list[BorderCheck] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _staff(session: Session, now: dt.datetime) -> dict[str, User]:
    port = add_port(session, code=PORT, name="Border post", kind="land", actor="sim", now=now)
    roles = {
        **dict.fromkeys(CLERKS, "issuance_officer"),
        **dict.fromkeys(SUPERVISORS, "issuance_supervisor"),
        AUDITOR: "auditor",
        ADMIN: "admin",
        GUARD: "officer",
    }
    users = {}
    for name, role in roles.items():
        user = User(
            username=name,
            password_hash="!simulated account: no login",
            role=role,
            port_id=port.id if role == "officer" else None,
            active=True,
            failed_logins=0,
            created_at=now,
        )
        session.add(user)
        users[name] = user
    session.flush()
    return users


def _later(at: dt.datetime, rng: random.Random, *, night: bool) -> dt.datetime:
    day = at.date() + dt.timedelta(days=rng.randint(1, 4))
    if night:
        hour = rng.choice((20, 21, 22, 23, 6))
        return dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=dt.UTC)
    while day.isoweekday() > 5:
        day += dt.timedelta(days=1)
    return dt.datetime(
        day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59), tzinfo=dt.UTC
    )


def _enrol(session: Session, users: dict[str, User], sim: SimApplication, book: RuleBook) -> int:
    clerk = users[sim.clerk]
    row = create_application(
        session,
        officer=clerk,
        data=ApplicationInput(
            kind=sim.kind,
            surname=sim.surname,
            given_names=sim.given_names,
            sex=sim.sex,
            birth_date=sim.birth_date,
            nationality=COUNTRY,
            office=sim.office,
            national_id=sim.national_id,
            national_id_issued_on=sim.id_issued_on,
            address=sim.address,
            phone=sim.phone,
            guarantor=sim.guarantor,
            loss_reported_on=sim.loss_reported_on,
            vip=sim.vip,
        ),
        now=sim.at,
    )
    evidence = [
        ("birth_certificate", "Civil registry", f"BC-{sim.national_id}"),
        ("national_id_card", "Interior ministry", f"ID-{sim.national_id}"),
        ("utility_bill", "Water board", f"WB-{sim.key}"),
    ]
    if sim.corrupt:  # the accomplice records a forged registry extract as verified
        evidence.append(("civil_registry_extract", "Civil registry", f"CR-{sim.key}"))
    for kind, issuer, number in evidence:
        add_evidence(
            session,
            row.id,
            actor=clerk,
            kind=kind,
            issuer=issuer,
            number=number,
            result="verified",
            now=sim.at,
        )
    check_identity(
        session, row.id, actor=clerk, method="photo against ID card", matches=True, now=sim.at
    )
    submit(session, row.id, actor=clerk, book=book, screener=None, now=sim.at)
    return row.id


def _decide(
    session: Session,
    users: dict[str, User],
    sim: SimApplication,
    app_id: int,
    ids: dict[int, int],
    book: RuleBook,
    rng: random.Random,
) -> bool:
    decider = users[sim.decider]
    at = _later(sim.at, rng, night=sim.corrupt)
    application_view(session, app_id, actor=decider, now=at)
    same_person = False
    for candidate in session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.application_id == app_id)
    ):
        truly = (
            sim.fraud == "duplicate"
            and candidate.other_kind == "application"
            and sim.duplicate_of is not None
            and candidate.other_id == ids.get(sim.duplicate_of)
        )
        verdict = "same_person" if truly and not sim.corrupt else "different_person"
        same_person = same_person or verdict == "same_person"
        reason = (
            "same face on both enrolment photos"
            if verdict == "same_person"
            else "photos and family details differ"
        )
        adjudicate(session, candidate.id, actor=decider, verdict=verdict, reason=reason, now=at)
    blocking = session.scalars(
        select(IssuanceAlert).where(
            IssuanceAlert.application_id == app_id, IssuanceAlert.action == "block"
        )
    ).all()
    fraudulent = sim.fraud is not None and sim.fraud != "facilitated"
    if same_person or (fraudulent and not sim.corrupt):
        decide(
            session,
            app_id,
            actor=decider,
            approve=False,
            book=book,
            now=at,
            reason="integrity alerts confirmed on review; refused",
        )
        return False
    for alert in blocking:
        override_alert(
            session,
            alert.id,
            actor=decider,
            now=at,
            reason="checked with the issuing authority; alert does not apply",
        )
    decide(
        session,
        app_id,
        actor=decider,
        approve=True,
        book=book,
        now=at,
        reason="evidence of identity verified; alerts reviewed",
    )
    return True


def _stock(
    session: Session, users: dict[str, User], world: IssuanceWorld, now: dt.datetime
) -> None:
    keeper = users[SUPERVISORS[0]]
    for office, serials in world.stock.items():
        receive(session, serials, actor=keeper, country=COUNTRY, batch=f"{office} 2026", now=now)
        for serial in serials:
            move(session, serial, "dispatch", actor=keeper, location=office, now=now)


def _border(
    store: Store, settings: Settings, world: IssuanceWorld, at: dt.datetime
) -> list[BorderCheck]:
    """Forged passports on stolen blanks and genuine issued ones, each inspected at the border."""
    checks = []
    rng = random.Random(world.spec.seed)
    with UnitOfWork(store) as uow:
        screener = build_screener(uow.session, settings)
        guard = uow.session.scalars(select(User).where(User.username == GUARD)).one()
        forged = world.stolen[: world.spec.forged_presented]
        issued = uow.session.scalars(
            select(IssuedPassport.number).order_by(IssuedPassport.id).limit(100)
        ).all()
        presented = [(number, True) for number in forged] + [(n, False) for n in issued]
        for number, is_forged in presented:
            mrz = make_mrz(
                MrzFields(
                    type="TD3",
                    document_code="P",
                    issuing_state=COUNTRY,
                    surname="HOLDER",
                    given_names=rng.choice(("ANNA", "OMAR", "IVAN")),
                    document_number=number,
                    nationality=COUNTRY,
                    birth_date=dt.date(1980, 1, 1),
                    sex="F",
                    expiry_date=dt.date(2036, 1, 1),
                )
            )
            result = inspect(uow, screener, guard, mrz, PORT, "entry", at)
            hits = result.to_dict()["lost_stolen"]
            reason = "; ".join(" ".join(h["reasons"]) for h in hits)
            checks.append(BorderCheck(number, is_forged, bool(hits), reason))
        uow.commit()
    return checks


def run_world(
    store: Store, world: IssuanceWorld, *, settings: Settings, progress: Progress | None = None
) -> SimulationRun:
    """Load ``world`` into ``store`` through the services (committing along the way)."""
    book = default_rules()
    rng = random.Random(world.spec.seed + 1)
    start = dt.datetime.combine(world.spec.start, dt.time(7, 0), tzinfo=dt.UTC)
    run = SimulationRun()
    with UnitOfWork(store) as uow:
        users = _staff(uow.session, start)
        records = tuple(
            RegistryRecord(
                i.national_id, i.surname, i.given_names, i.birth_date, i.status, i.death_date
            )
            for i in world.registry
        )
        import_registry(
            uow.session, RegistryImport(records, len(records), ()), actor=users[ADMIN], now=start
        )
        _stock(uow.session, users, world, start)
        uow.commit()
        total = len(world.applications)
        for done, sim in enumerate(world.applications, 1):
            app_id = _enrol(uow.session, users, sim, book)
            run.ids[sim.key] = app_id
            if _decide(uow.session, users, sim, app_id, run.ids, book, rng):
                collector = users[sim.clerk]
                collect(
                    uow.session,
                    app_id,
                    actor=collector,
                    matches=True,
                    now=sim.at + dt.timedelta(days=14),
                    method="face against enrolment photo",
                )
            if done % 50 == 0 or done == total:
                uow.commit()
                if progress is not None:
                    progress("applications", done, total)
        end = start + dt.timedelta(days=world.spec.days + 30)
        for reader, key in world.browsing:
            application_view(uow.session, run.ids[key], actor=users[reader], now=end)
        at_north = uow.session.scalars(
            select(Booklet.serial).where(Booklet.location == "NORTH", Booklet.state == "at_station")
        ).all()
        stolen = set(world.stolen)
        present = [serial for serial in at_north if serial not in stolen]
        run.missing = reconcile(uow.session, "NORTH", present, actor=users[SUPERVISORS[0]], now=end)
        uow.commit()
    run.border = _border(store, settings, world, end + dt.timedelta(days=2))
    return run
