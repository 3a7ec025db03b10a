"""Vehicle crossings, the stored stolen list, hits decided by a person, intelligence facts
(on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from borderpost.config import Settings
from borderpost.inspection.errors import Conflict, Forbidden, Invalid, NotFound
from borderpost.inspection.ports import add_port
from borderpost.screening.engine import Screener
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, StolenVehicleRecord
from borderpost.vehicles import (
    check_vehicle,
    decide_hit,
    facts_of,
    import_stolen_list,
    open_hits,
    record_crossing,
)
from borderpost.vehicles.crossings import Occupant
from tests.support.accounts import add_user
from tests.support.documents import passport_mrz
from tests.support.inspection import NOW, inspect_card

LIST = (
    "VIN,Engine number,Registration,Country,Make,Reported on,Case\n"
    "1G4AH59H45G118341,LX5123456,UT1234AB,UTO,Buick,2026-03-01,P-77\n"
    "WVWZZZ1JZXW000001,,AB123CD,FRA,Volkswagen,2026-02-01,FR-9\n"
)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        ids = {
            code: add_port(uow.session, code=code, name=code, kind="land", actor="t", now=NOW).id
            for code in ("KAS", "BOR")
        }
        add_user(uow.session, "ana", "officer", ids["KAS"], NOW)
        add_user(uow.session, "olga", "officer", ids["BOR"], NOW)
        add_user(uow.session, "al", "analyst", None, NOW)
        import_stolen_list(uow.session, LIST, list_name="national", actor="admin", now=NOW)
        uow.commit()
    yield store
    store.dispose()


def test_check_reads_identifiers_and_finds_stolen(store: Store) -> None:
    with UnitOfWork(store) as uow:
        card = check_vehicle(
            uow.session,
            actor="ana",
            now=NOW,
            vin="1G4AH59H4SG118341",
            plate="ut 12O4-ab",
            country="UTO",
        )
        uow.commit()
    assert card["vin"]["status"] == "invalid"  # the S breaks the check digit
    assert card["plate"]["plate"] == "UT1204AB"
    (hit,) = card["stolen_hits"]
    assert not hit["exact"] and "position 10: S for 5" in hit["reason"]
    with UnitOfWork(store) as uow:
        actions = list(uow.session.scalars(select(AuditEvent.action)))
    assert "vehicle.check" in actions
    with UnitOfWork(store) as uow, pytest.raises(Invalid, match="give a VIN"):
        check_vehicle(uow.session, actor="ana", now=NOW)


def test_crossing_links_inspection_hits_and_facts(store: Store, screener: Screener) -> None:
    mrz = passport_mrz("Eriksson", "Anna Maria", "L898902C3", dt.date(1974, 8, 12))
    inspection_id, _card = inspect_card(store, screener, mrz, officer="ana", port="KAS")
    with UnitOfWork(store) as uow:
        crossing = record_crossing(
            uow.session,
            officer="ana",
            port="KAS",
            direction="exit",
            now=NOW,
            plate="UT 9999-ZZ",
            country="UTO",
            vin="1G4AH59H45G118341",
            engine_number="LX5123456",
            container="csqu 305438 3",
            occupants=[
                Occupant("driver", inspection_id=inspection_id),
                Occupant("passenger", name="Okafor John", birth_date=dt.date(1980, 1, 2)),
            ],
        )
        uow.commit()
    assert [h["field"] for h in crossing["hits"]] == ["vin", "engine_number"]
    assert all(h["exact"] and h["status"] == "open" for h in crossing["hits"])
    assert crossing["occupants"][0]["traveller_id"] is not None
    with UnitOfWork(store) as uow:
        facts = facts_of(uow.session, crossing["id"])
    assert facts.kind == "crossing" and facts.place == "KAS"
    kinds = dict(facts.identifiers)
    assert kinds["vehicle"] == "UTO:UT9999ZZ" and kinds["vin"] == "1G4AH59H45G118341"
    assert kinds["container"] == "CSQU3054383"
    people = [value for kind, value in facts.identifiers if kind == "person"]
    assert people == ["ANNA ERIKSSON MARIA|1974-08-12", "JOHN OKAFOR|1980-01-02"]
    # The hit is decided by an officer of the port, once, with a reason.
    hit_id = crossing["hits"][0]["id"]
    with UnitOfWork(store) as uow:
        assert [h["id"] for h in open_hits(uow.session, port="KAS")] == [
            h["id"] for h in reversed(crossing["hits"])
        ]
        with pytest.raises(Forbidden, match="own port"):
            decide_hit(
                uow.session, hit_id=hit_id, actor="olga", confirm=True, reason="same car", now=NOW
            )
        with pytest.raises(Invalid, match="reason"):
            decide_hit(uow.session, hit_id=hit_id, actor="ana", confirm=True, reason="ok", now=NOW)
        decided = decide_hit(
            uow.session,
            hit_id=hit_id,
            actor="ana",
            confirm=True,
            reason="VIN plate and engine match the report",
            now=NOW,
        )
        uow.commit()
    assert decided["status"] == "confirmed"
    with UnitOfWork(store) as uow, pytest.raises(Conflict, match="already confirmed"):
        decide_hit(
            uow.session, hit_id=hit_id, actor="ana", confirm=False, reason="changed mind", now=NOW
        )
    # The same vehicle is known on its next crossing.
    with UnitOfWork(store) as uow:
        card = check_vehicle(uow.session, actor="ana", now=NOW, vin="1G4AH59H45G118341")
    assert [c["crossing_id"] for c in card["earlier_crossings"]] == [crossing["id"]]


def test_crossing_refusals(store: Store) -> None:
    with UnitOfWork(store) as uow:
        with pytest.raises(Forbidden):
            record_crossing(
                uow.session, officer="ana", port="BOR", direction="entry", now=NOW, plate="AB12CD"
            )
        with pytest.raises(Forbidden):
            record_crossing(
                uow.session, officer="al", port="KAS", direction="entry", now=NOW, plate="AB12CD"
            )
        with pytest.raises(Invalid, match="direction"):
            record_crossing(
                uow.session, officer="ana", port="KAS", direction="in", now=NOW, plate="AB12CD"
            )
        with pytest.raises(Invalid, match="one driver"):
            record_crossing(
                uow.session,
                officer="ana",
                port="KAS",
                direction="entry",
                now=NOW,
                plate="AB12CD",
                occupants=[Occupant("driver", name="A"), Occupant("driver", name="B")],
            )
        with pytest.raises(NotFound, match="inspection 999"):
            record_crossing(
                uow.session,
                officer="ana",
                port="KAS",
                direction="entry",
                now=NOW,
                plate="AB12CD",
                occupants=[Occupant("driver", inspection_id=999)],
            )
        with pytest.raises(Invalid, match="container"):
            record_crossing(
                uow.session,
                officer="ana",
                port="KAS",
                direction="entry",
                now=NOW,
                plate="AB12CD",
                container="NOPE",
            )


def test_reimport_withdraws_and_refuses_bad_files(store: Store) -> None:
    with UnitOfWork(store) as uow:
        summary = import_stolen_list(
            uow.session,
            LIST.splitlines()[0] + "\n" + LIST.splitlines()[1] + "\n",
            list_name="national",
            actor="admin",
            now=NOW,
        )
        uow.commit()
    assert (summary.added, summary.kept, summary.withdrawn) == (0, 1, 1)
    with UnitOfWork(store) as uow:
        card = check_vehicle(uow.session, actor="ana", now=NOW, vin="WVWZZZ1JZXW000001")
        assert card["stolen_hits"] == []  # withdrawn, but kept
        assert len(list(uow.session.scalars(select(StolenVehicleRecord)))) == 2
        with pytest.raises(Invalid, match="line 2: neither"):
            import_stolen_list(
                uow.session, "vin,engine,make\n,,Ford\n", list_name="x", actor="a", now=NOW
            )
