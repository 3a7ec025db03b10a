"""A screener for the inspections vehicle tests link to (the inspection tests' lists)."""

from __future__ import annotations

import pytest

from borderpost.screening.engine import Screener
from borderpost.watchlists.files import read_lost_stolen, read_watchlist
from tests.support.inspection import LOST_STOLEN, WATCHLIST


@pytest.fixture(scope="module")
def screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    folder = tmp_path_factory.mktemp("lists")
    (folder / "lookouts.csv").write_text(WATCHLIST)
    (folder / "sltd.csv").write_text(LOST_STOLEN)
    watchlist = read_watchlist("csv", [folder / "lookouts.csv"]).snapshot.entries
    return Screener(watchlist, lost_stolen=read_lost_stolen([folder / "sltd.csv"]).records)
