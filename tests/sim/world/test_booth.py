"""A day of a generated world through the real inspection workflow, on both databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from borderpost.audit.log import verify
from borderpost.config import Settings
from borderpost.screening.engine import Screener
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import UnitOfWork, open_store
from borderpost.watchlists.lost_stolen import lost_stolen_records
from borderpost.watchlists.service import load_entries
from borderpost.worldgen import write_world
from borderpost.worldgen.booth import run_day, staff_world
from borderpost.worldgen.load import load_lists

pytestmark = pytest.mark.slow

SPEC = WorldSpec(seed=5, travellers=1500, days=6)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("booth-world")
    write_world(SPEC, folder)
    return folder


def test_a_day_at_the_booths_stops_what_the_truth_planted(
    world: Path, database_url: str, tmp_path: Path
) -> None:
    store = open_store(Settings(database_url=database_url, data_dir=tmp_path), auto_migrate=True)
    try:
        start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        with UnitOfWork(store) as uow:
            load_lists(uow, world)
            uow.commit()
        created = staff_world(store, world, start)
        assert created > 8
        assert staff_world(store, world, start) == 0  # staffing twice changes nothing
        with UnitOfWork(store) as uow:
            screener = Screener(
                load_entries(uow.session, None), lost_stolen=lost_stolen_records(uow.session)
            )
        day = run_day(store, world, screener, day=2)
        assert day.inspected > 50
        assert day.suspect > 0 and day.stopped == day.suspect, day.missed
        assert day.false_stops <= max(2, day.inspected // 50)
        assert sum(day.decisions.values()) == day.inspected
        assert day.decisions["admit (not_required)"] > 0
        with UnitOfWork(store) as uow:
            assert verify(uow.session).intact
    finally:
        store.dispose()  # a store left to the collector warns in whichever test it meets
