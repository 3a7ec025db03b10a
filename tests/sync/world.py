"""A post's day for the sync tests: real inspections and decisions through the inspection
service (travellers, documents, inspections, hits, decisions, crossings, stays, audit events)."""

from __future__ import annotations

import datetime as dt
import random

from borderpost.inspection import decide, inspect
from borderpost.inspection.ports import add_port
from borderpost.screening.engine import Screener
from borderpost.screening.model import ListEntry
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import Port
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
