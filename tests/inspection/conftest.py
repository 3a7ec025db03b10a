"""The inspection tests' world: ports LHR and DOV, the staff of ``STAFF``, and a screener
built from the same list files a test may import into the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from borderpost.config import Settings
from borderpost.inspection.ports import add_port
from borderpost.screening.engine import Screener
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.watchlists.files import read_lost_stolen, read_watchlist
from tests.support.accounts import add_user
from tests.support.inspection import LOST_STOLEN, NOW, STAFF, WATCHLIST


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lists")
    (folder / "lookouts.csv").write_text(WATCHLIST)
    (folder / "sltd.csv").write_text(LOST_STOLEN)
    return folder / "lookouts.csv", folder / "sltd.csv"


@pytest.fixture(scope="module")
def screener(lists: tuple[Path, Path]) -> Screener:
    """One screener for the module, from the same files the store imports."""
    watchlist = read_watchlist("csv", [lists[0]]).snapshot.entries
    return Screener(watchlist, lost_stolen=read_lost_stolen([lists[1]]).records)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        ids = {
            code: add_port(uow.session, code=code, name=code, kind="airport", actor="t", now=NOW).id
            for code in ("LHR", "DOV")
        }
        for username, role, port in STAFF:
            add_user(uow.session, username, role, ids[port], NOW)
        uow.commit()
    yield store
    store.dispose()
