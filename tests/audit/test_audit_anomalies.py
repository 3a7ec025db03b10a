"""Officer indicators: the pure rules, and the same read from records on both databases."""

from __future__ import annotations

import datetime as dt

from borderpost.audit.anomalies import (
    Activity,
    DecisionRecord,
    HitRecord,
    Shift,
    Thresholds,
    indicators,
    officer_indicators,
)
from borderpost.config import Settings
from borderpost.store import UnitOfWork, open_store
from borderpost.store.models import Decision, Inspection, Port, ScreeningHit, User
from borderpost.store.repos.travellers import TravellerRepo

DAY = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
SHIFT = Shift(dt.time(6), dt.time(22), "Europe/London")


def test_shift_covers_local_hours_and_midnight() -> None:
    assert SHIFT.covers(DAY.replace(hour=6)) and not SHIFT.covers(DAY.replace(hour=22))
    summer = dt.datetime(2026, 7, 1, 5, 30, tzinfo=dt.UTC)  # 06:30 in London (BST)
    assert SHIFT.covers(summer)
    night = Shift(dt.time(22), dt.time(6))
    assert night.covers(DAY.replace(hour=23)) and night.covers(DAY.replace(hour=2))
    assert not night.covers(DAY.replace(hour=12))


def test_quiet_records_raise_nothing() -> None:
    hits = [HitRecord("LHR", f"o{i % 3}", i, f"t{i}", None, None) for i in range(30)]
    decisions = [DecisionRecord("LHR", f"o{i % 3}", "admit", "admit") for i in range(30)]
    activities = [Activity("LHR", "o1", DAY.replace(hour=10))] * 5
    found = indicators(hits=hits, decisions=decisions, activities=activities, shifts={"LHR": SHIFT})
    assert found == []


def test_thresholds_are_respected() -> None:
    hits = [HitRecord("LHR", "ana", i, "t1", "ana", DAY) for i in range(4)]
    hits += [HitRecord("LHR", "bob", 10 + i, f"t{i}", None, None) for i in range(10)]
    found = indicators(hits=hits, decisions=[], activities=[], shifts={})
    # 4 hits are below min_hits for a rate, but 4 clearances of one traveller repeat.
    assert [(i.officer, i.kind) for i in found] == [("ana", "repeat_clearing")]
    found = indicators(
        hits=hits, decisions=[], activities=[], shifts={}, thresholds=Thresholds(min_hits=4)
    )
    assert {i.kind for i in found} == {"clearance_rate", "repeat_clearing"}


def test_indicators_from_records(database_url: str) -> None:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        session = uow.session
        port = Port(
            code="LHR",
            name="Heathrow",
            kind="airport",
            timezone="Europe/London",
            shift_start=dt.time(6),
            shift_end=dt.time(22),
            created_at=DAY,
        )
        session.add(port)
        session.flush()
        officers = {}
        for name in ("ana", "bob", "cy"):
            officers[name] = User(
                username=name, password_hash="x", role="officer", port_id=port.id, created_at=DAY
            )
            session.add(officers[name])
        session.flush()
        repo = TravellerRepo(session)
        regular = repo.add(surname="Moreau", given_names="Luc", created_at=DAY)
        for name, officer in officers.items():
            ana = name == "ana"
            for index in range(10):
                at = DAY + dt.timedelta(days=index, hours=23 if ana else 10)
                traveller = (
                    regular
                    if ana
                    else repo.add(surname=f"T{name}{index}", given_names="", created_at=DAY)
                )
                inspection = Inspection(
                    port_id=port.id,
                    direction="entry",
                    officer_id=officer.id,
                    traveller_id=traveller.id,
                    verdict="hit",
                    findings=[],
                    suggested_action="refer",
                    created_at=at,
                )
                session.add(inspection)
                session.flush()
                cleared = index < (9 if ana else 2)
                session.add(
                    ScreeningHit(
                        inspection_id=inspection.id,
                        list_name="UN",
                        entry_id="QDi.1",
                        name="x",
                        matched_name="y",
                        score=0.9,
                        reasons=[],
                        cleared_by=officer.id if cleared else None,
                        cleared_at=at if cleared else None,
                        clear_reason="different person" if cleared else None,
                    )
                )
                session.add(
                    Decision(
                        inspection_id=inspection.id,
                        decision="admit" if ana else "refer",
                        reason="r",
                        officer_id=officer.id,
                        decided_at=at,
                    )
                )
        uow.commit()
    with UnitOfWork(store) as uow:
        found = officer_indicators(uow.session, port_code="lhr")
        assert officer_indicators(uow.session, port_code="XXX") == []
        later = officer_indicators(uow.session, since=DAY + dt.timedelta(days=9))
    store.dispose()
    assert {(i.officer, i.kind) for i in found} == {
        ("ana", "clearance_rate"),
        ("ana", "outside_shift"),
        ("ana", "overrides"),
        ("ana", "repeat_clearing"),
    }
    by_kind = {i.kind: i for i in found}
    assert by_kind["clearance_rate"].reason == (
        "cleared 9 of 10 screening hits on their inspections (90%); "
        "the port's norm is 43% (13 of 30)"
    )
    assert "10 of 10 decisions (100%; 10 of them admitted" in by_kind["overrides"].reason
    assert by_kind["outside_shift"].reason.startswith("29 of 29 actions (100%) outside")
    assert "Moreau, Luc" in by_kind["repeat_clearing"].reason
    assert "9 separate inspections" in by_kind["repeat_clearing"].reason
    assert all(i.kind != "repeat_clearing" for i in later)
