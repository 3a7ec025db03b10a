"""Seizures and arrests raise leads as they are recorded: by hand, and by ledger import, in
the recording transaction (nothing indexed when it is rolled back)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import func, select

from borderpost.casework.importing import import_ledger
from borderpost.casework.ledger_files import read_ledger
from borderpost.casework.recording import record_arrest, record_seizure
from borderpost.intel.recording import (
    ArrestDraft,
    LedgerMapping,
    Party,
    SeizureDraft,
    make_item,
    person,
    phone,
    vehicle,
)
from borderpost.leads import lead_queue, record_facts
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import IntelLead, IntelRecord
from borderpost.vehicles.crossings import record_crossing
from tests.casework.conftest import DATA, NOW, user


def _seizure(ref: str, number: str) -> SeizureDraft:
    return SeizureDraft(
        ref=ref,
        date=dt.date(2026, 3, 2),
        items=(make_item("cocaine", Decimal("4.1"), "kg"),),
        source="seizure report 2026/117",
        port="NMG",
        parties=(
            Party(person("Grace Wanjiru", dt.date(1990, 1, 2), "KEN"), "courier"),
            Party(phone(number, "KE"), "found"),
        ),
    )


def _arrest(ref: str, number: str) -> ArrestDraft:
    return ArrestDraft(
        ref=ref,
        date=dt.date(2026, 5, 19),
        person=person("Peter Otieno", dt.date(1979, 4, 5)),
        charge="trafficking in narcotics",
        source="arrest report NMG/A/9",
        port="NMG",
        parties=(Party(phone(number, "KE"), "found"),),
    )


def test_an_arrest_naming_a_seized_phone_raises_a_lead(store: Store) -> None:
    with UnitOfWork(store) as uow:
        record_seizure(
            uow.session, _seizure("S-1", "0712 345 678"), user=user(uow, "olga"), now=NOW
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        assert record_facts(uow.session, "S-1") is not None
        assert lead_queue(uow.session) == []
        record_arrest(uow.session, _arrest("A-1", "+254712345678"), user=user(uow, "sue"), now=NOW)
        uow.commit()
    with UnitOfWork(store) as uow:
        (lead,) = lead_queue(uow.session)
        assert {lead["record"], lead["other"]} == {"S-1", "A-1"}
        assert any("+254712345678" in reason for reason in lead["reasons"]), lead["reasons"]


def test_a_record_rolled_back_leaves_no_index_and_no_lead(store: Store) -> None:
    with UnitOfWork(store) as uow:
        record_seizure(
            uow.session, _seizure("S-1", "0712 345 678"), user=user(uow, "olga"), now=NOW
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        record_arrest(uow.session, _arrest("A-1", "0712345678"), user=user(uow, "sue"), now=NOW)
        uow.rollback()
    with UnitOfWork(store) as uow:
        assert uow.session.scalar(select(func.count()).select_from(IntelLead)) == 0
        assert list(uow.session.scalars(select(IntelRecord.ref))) == ["S-1"]


def test_a_ledger_import_indexes_every_recorded_row(store: Store, mapping: LedgerMapping) -> None:
    rows = list(read_ledger(DATA / "namanga_ledger.csv"))
    with UnitOfWork(store) as uow:
        dry = import_ledger(
            uow.session, rows, mapping, name="ledger", user=user(uow, "ann"), now=NOW, dry_run=True
        )
        assert dry.recorded and uow.session.scalar(select(func.count(IntelRecord.id))) == 0
        report = import_ledger(
            uow.session, rows, mapping, name="ledger", user=user(uow, "ann"), now=NOW
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        indexed = set(uow.session.scalars(select(IntelRecord.ref)))
    assert indexed == set(report.recorded)


def test_a_crossing_of_a_seized_truck_raises_a_lead(store: Store) -> None:
    truck = vehicle("KCA 123A", "KE")
    draft = replace(_seizure("S-9", "0712 345 678"), parties=(Party(truck, "conveyance"),))
    with UnitOfWork(store) as uow:
        record_seizure(uow.session, draft, user=user(uow, "olga"), now=NOW)
        record_crossing(
            uow.session,
            officer="olga",
            port="NMG",
            direction="entry",
            now=NOW,
            plate="KCA 123A",
            country="KEN",
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        (lead,) = lead_queue(uow.session)
        assert lead["other"] == "S-9" and lead["record"].startswith("VC-")
        assert any("KE:KCA123A" in reason for reason in lead["reasons"]), lead["reasons"]
