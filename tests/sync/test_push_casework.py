"""Seizures, arrests, cash declarations and vehicle crossings reach HQ from two posts: the
entities and vehicles both posts name are one row at HQ (merged by natural key), each post's
records stay their own, and the links between them point at the right HQ rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from borderpost.casework.recording import record_arrest, record_seizure
from borderpost.cash.model import Line
from borderpost.cash.model import Party as CashParty
from borderpost.cash.profiles import profile
from borderpost.cash.rates import parse_rates
from borderpost.cash.records import DeclarationIn, declare
from borderpost.cash.stored import import_rates, stored_rates
from borderpost.intel.recording import (
    ArrestDraft,
    Party,
    SeizureDraft,
    make_item,
    person,
    phone,
)
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import (
    CaseArrest,
    CaseEntity,
    CaseLink,
    CaseSeizure,
    CashDeclaration,
    Vehicle,
    VehicleCrossing,
    metadata,
)
from borderpost.store.repos.users import UserRepo
from borderpost.sync.client import push
from borderpost.sync.errors import SyncApplyError
from borderpost.sync.rows import decode_value, encode_row
from borderpost.sync.tables import SYNCED_TABLES, SyncRegistryError, check_registry
from borderpost.vehicles.crossings import record_crossing
from tests.sync.checks import assert_hq_holds
from tests.sync.conftest import Hq, PostFactory, client_of
from tests.sync.world import NOW, officer_name

PHONE = "+254712345678"
VIN = "1M8GDM9AXKP042788"
RATES = "date,currency,quote,rate\n2026-11-30,USD,EUR,0.92\n"


def _casework(store: Store, code: str) -> None:
    """A seizure naming the phone, and an arrest after it naming the phone too."""
    with UnitOfWork(store) as uow:
        officer = UserRepo(uow.session).by_username(officer_name(code))
        assert officer is not None
        record_seizure(
            uow.session,
            SeizureDraft(
                ref=f"{code}/S/1",
                date=dt.date(2026, 11, 30),
                items=(make_item("cocaine", Decimal("2.5"), "kg"),),
                source=f"seizure report {code} 1",
                port=code,
                parties=(
                    Party(person(f"Courier {code}", dt.date(1990, 1, 2), "KEN"), "courier"),
                    Party(phone(PHONE, "KE"), "found"),
                ),
            ),
            user=officer,
            now=NOW,
        )
        record_arrest(
            uow.session,
            ArrestDraft(
                ref=f"{code}/A/1",
                date=dt.date(2026, 12, 1),
                person=person(f"Courier {code}", dt.date(1990, 1, 2)),
                charge="trafficking in narcotics",
                source=f"arrest report {code} 1",
                port=code,
                seizure_ref=f"{code}/S/1",
                parties=(Party(phone("0712 345 678", "KE"), "found"),),
            ),
            user=officer,
            now=NOW,
        )
        uow.commit()


def _cash_and_vehicle(store: Store, code: str) -> None:
    with UnitOfWork(store) as uow:
        import_rates(uow.session, parse_rates(RATES), actor="t", now=NOW)
        officer = UserRepo(uow.session).by_username(officer_name(code))
        assert officer is not None
        declare(
            uow.session,
            DeclarationIn(
                port=code,
                kind="accompanied",
                direction="entry",
                occurred_at=NOW,
                lines=[Line("currency", "USD", Decimal("12000"))],
                parties=[CashParty("carrier", "AMINA DIALLO", dt.date(1980, 5, 1), phone=PHONE)],
                origin="NBO",
                intended_use="purchase of goods",
            ),
            officer=officer,
            profile=profile("EU"),
            rates=stored_rates(uow.session),
            now=NOW,
        )
        record_crossing(
            uow.session,
            officer=officer_name(code),
            port=code,
            direction="entry",
            now=NOW,
            plate="KCA 123A",
            country="KEN",
            vin=VIN,
        )
        uow.commit()


def test_two_posts_naming_one_phone_make_one_entity_at_hq(hq: Hq, make_post: PostFactory) -> None:
    posts = {"KAS": make_post("KAS"), "MOR": make_post("MOR")}
    for code, store in posts.items():
        _casework(store, code)
        _cash_and_vehicle(store, code)
    for code, store in posts.items():
        client = client_of(hq, code)
        report = push(store, client, batch_size=7)
        client.close()
        assert report.backlog == 0
        assert_hq_holds(hq.store, store, code)
    with UnitOfWork(hq.store) as uow:
        session = uow.session
        (entity,) = session.scalars(select(CaseEntity).where(CaseEntity.kind == "phone")).all()
        assert entity.key == PHONE
        seizures = {s.ref: s.id for s in session.scalars(select(CaseSeizure))}
        assert set(seizures) == {"KAS/S/1", "MOR/S/1"}
        arrests = session.scalars(select(CaseArrest)).all()
        assert {a.seizure_id for a in arrests} == set(seizures.values())
        phone_links = session.scalars(
            select(CaseLink).where(CaseLink.right_kind == "phone", CaseLink.right_id == entity.id)
        ).all()
        ends = {(link.left_kind, link.left_id) for link in phone_links}
        assert {("seizure", i) for i in seizures.values()} <= ends
        assert {("arrest", a.id) for a in arrests} <= ends
        for link in session.scalars(select(CaseLink)):
            for kind, node in ((link.left_kind, link.left_id), (link.right_kind, link.right_id)):
                model = {"seizure": CaseSeizure, "arrest": CaseArrest}.get(kind, CaseEntity)
                assert session.get(model, node) is not None, (kind, node)
        # each post numbered its declaration CD0000001: the second is kept as its post's
        refs = set(session.scalars(select(CashDeclaration.ref)))
        assert refs == {"CD0000001", "MOR:CD0000001"}
        assert session.scalar(select(func.count()).select_from(Vehicle)) == 1
        assert session.scalar(select(func.count()).select_from(VehicleCrossing)) == 2


def test_amounts_travel_as_exact_decimal_text() -> None:
    table = metadata.tables["cash_declarations"]
    sent = encode_row({"total": Decimal("11040.0000000001")})
    assert sent == {"total": "11040.0000000001"}
    assert decode_value(table, "total", sent["total"]) == Decimal("11040.0000000001")
    for bad in ("NaN", "12,5", 12.5):
        with pytest.raises(SyncApplyError, match="not a decimal amount"):
            decode_value(table, "total", bad)


def test_the_registry_options_are_checked() -> None:
    check_registry()
    with pytest.raises(SyncRegistryError, match=r"case_links\.left_id may point at 'case_arrests'"):
        check_registry(tuple(t for t in SYNCED_TABLES if t != "case_arrests"))
