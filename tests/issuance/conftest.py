"""The issuance tests' world: a store with issuance staff, an auditor, a border officer at
port LHR, and helpers that take an application through its steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from borderpost.config import Settings
from borderpost.inspection.ports import add_port
from borderpost.store import Store, UnitOfWork, open_store
from tests.support.accounts import add_user
from tests.support.issuance import NOW, STAFF


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        port = add_port(uow.session, code="LHR", name="LHR", kind="airport", actor="t", now=NOW)
        for username, role in STAFF:
            add_user(
                uow.session,
                username,
                role,
                port.id if role in ("officer", "supervisor") else None,
                NOW - dt.timedelta(days=1),
            )
        uow.commit()
    yield store
    store.dispose()
