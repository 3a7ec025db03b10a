"""End to end: booklets go missing in a stock count, the stolen-blank records join the
border's lost/stolen list, and a forged passport on a stolen blank raises a hit at primary
inspection (on SQLite and PostgreSQL). Also the same through the REST API."""

from __future__ import annotations

import datetime as dt

from borderpost.config import Settings
from borderpost.inspection import inspect
from borderpost.issuance.stock import move, receive, reconcile, serial_range
from borderpost.store import Store, UnitOfWork
from borderpost.watchlists.screener import build_screener
from tests.support.documents import passport_mrz
from tests.support.issuance import NOW, user


def test_stolen_blank_presented_at_the_border_raises_a_hit(store: Store) -> None:
    with UnitOfWork(store) as uow:
        sara = user(uow.session, "sara")
        receive(
            uow.session, serial_range("UT", 500, 5), actor=sara, country="UTO", batch="B9", now=NOW
        )
        for serial in serial_range("UT", 500, 5):
            move(uow.session, serial, "dispatch", actor=sara, location="NORTH", now=NOW)
        # Two booklets of the series are gone when the station is counted.
        missing = reconcile(uow.session, "NORTH", serial_range("UT", 502, 3), actor=sara, now=NOW)
        assert missing == ["UT0000500", "UT0000501"]
        uow.commit()
    with UnitOfWork(store) as uow:
        screener = build_screener(uow.session, Settings(database_url="sqlite://"))
    forged = passport_mrz("Forger", "Fake", "UT0000501", dt.date(1990, 5, 5), sex="M")
    genuine_series = passport_mrz("Honest", "Holder", "UT0000503", dt.date(1990, 5, 5), sex="M")
    with UnitOfWork(store) as uow:
        officer = user(uow.session, "ana")
        result = inspect(uow, screener, officer, forged, "LHR", "entry", NOW + dt.timedelta(days=3))
        clean = inspect(
            uow, screener, officer, genuine_series, "LHR", "entry", NOW + dt.timedelta(days=3)
        )
        uow.commit()
    card = result.to_dict()
    (hit,) = card["lost_stolen"]
    assert "blank-stolen-list entry UT0000501 (UTO)" in " ".join(hit["reasons"])
    assert card["suggestion"]["action"] != "admit"
    assert clean.to_dict()["lost_stolen"] == []
