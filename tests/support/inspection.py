"""Primary inspection in tests: the lists, the clock, and one call that inspects and commits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from borderpost.documents import DocumentFields
from borderpost.inspection import inspect
from borderpost.screening.engine import Screener
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import User
from borderpost.store.repos.users import UserRepo

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
WATCHLIST = "id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n"
LOST_STOLEN = (
    "issuing_country,document_number,document_type,status,reported_on,reference\n"
    "UTO,ST0LEN123,passport,stolen,2026-01-05,INT-1\n"
)
#: (username, role, port) of the accounts of ``tests/inspection``.
STAFF = (
    ("ana", "officer", "LHR"),
    ("ben", "officer", "LHR"),
    ("sue", "supervisor", "LHR"),
    ("sam", "supervisor", "DOV"),
    ("olga", "officer", "DOV"),
)


def user(uow: UnitOfWork, username: str) -> User:
    """The stored account (it must exist)."""
    found = UserRepo(uow.session).by_username(username)
    assert found is not None
    return found


def inspect_card(
    store: Store,
    screener: Screener,
    mrz: str | None,
    at: dt.datetime = NOW,
    *,
    fields: DocumentFields | None = None,
    officer: str = "ana",
    port: str = "LHR",
    direction: str = "entry",
) -> tuple[int, dict[str, Any]]:
    """Inspect and commit; the inspection's id and its JSON card."""
    with UnitOfWork(store) as uow:
        result = inspect(uow, screener, user(uow, officer), mrz, port, direction, at, fields=fields)
        uow.commit()
    return result.inspection_id, result.to_dict()
