"""Port-of-entry records on SQLite and PostgreSQL: one of each, linked, read back intact."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError

from borderpost.config import Settings
from borderpost.store import UnitOfWork, open_store
from borderpost.store.models import (
    Crossing,
    Decision,
    DocumentSeen,
    Inspection,
    Port,
    Referral,
    ScreeningHit,
    Stay,
    User,
)
from borderpost.store.repos.ports import PortRepo
from borderpost.store.repos.travellers import TravellerRepo, name_key
from borderpost.store.repos.users import UserRepo

AT = dt.datetime(2026, 12, 1, 23, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_records_round_trip(database_url: str) -> None:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        session = uow.session
        port = PortRepo(session).add(
            Port(
                code="LHR",
                name="Heathrow",
                kind="airport",
                country="GBR",
                timezone="Europe/London",
                shift_start=dt.time(6),
                shift_end=dt.time(22),
                created_at=AT,
            )
        )
        officer = UserRepo(session).add(
            User(username="ana", password_hash="x", role="officer", port_id=port.id, created_at=AT)
        )
        travellers = TravellerRepo(session)
        traveller = travellers.add(
            surname="Eriksson", given_names="Anna María", nationality="UTO", created_at=AT
        )
        document = travellers.add_document(
            DocumentSeen(
                traveller_id=traveller.id,
                document_type="P",
                number="L898902C3",
                issuing_state="UTO",
                expiry_date=dt.date(2030, 1, 1),
                first_seen_at=AT,
            )
        )
        inspection = Inspection(
            port_id=port.id,
            direction="entry",
            officer_id=officer.id,
            traveller_id=traveller.id,
            document_id=document.id,
            verdict="hit",
            findings=[{"code": "expired", "severity": "warning"}],
            suggested_action="refer",
            created_at=AT,
        )
        session.add(inspection)
        session.flush()
        entry = Crossing(
            traveller_id=traveller.id,
            document_id=document.id,
            port_id=port.id,
            direction="entry",
            occurred_at=AT,
            officer_id=officer.id,
            inspection_id=inspection.id,
        )
        session.add_all(
            [
                ScreeningHit(
                    inspection_id=inspection.id,
                    list_name="UN",
                    entry_id="QDi.1",
                    name="ANNA ERIKSSON",
                    matched_name="ANNA ERIKSON",
                    score=0.91,
                    reasons=[{"feature": "name", "score": 0.91}],
                ),
                Decision(
                    inspection_id=inspection.id,
                    decision="admit",
                    reason="false match",
                    officer_id=officer.id,
                    decided_at=AT,
                ),
                Referral(inspection_id=inspection.id, reason="document", created_at=AT),
                entry,
            ]
        )
        session.flush()
        session.add(
            Stay(
                traveller_id=traveller.id,
                entry_crossing_id=entry.id,
                permit_type="visitor",
                permitted_until=dt.date(2027, 2, 28),
            )
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        session = uow.session
        (found,) = TravellerRepo(session).by_name_key(name_key("ERIKSSON", "ANNA MARIA"))
        assert found.name_key == "ANNA ERIKSSON MARIA"
        assert [d.number for d in TravellerRepo(session).documents("UTO", "L898902C3")] == [
            "L898902C3"
        ]
        row = session.scalars(select(Inspection)).one()
        assert row.created_at == AT and row.created_at.tzinfo is dt.UTC
        assert row.findings == [{"code": "expired", "severity": "warning"}]
        decision = session.scalars(select(Decision)).one()
        assert (decision.approval, decision.approved_by) == ("not_required", None)
        assert session.scalars(select(Referral)).one().status == "open"
        stay = session.scalars(select(Stay)).one()
        assert stay.exit_crossing_id is None and stay.permitted_until == dt.date(2027, 2, 28)
        assert PortRepo(session).by_code("lhr") is not None
        assert [user.username for user, _ in UserRepo(session).all_with_ports()] == ["ana"]
    store.dispose()


def test_constraints_hold(database_url: str) -> None:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow, pytest.raises(IntegrityError):
        uow.session.add(Port(code="X1", name="x", kind="boat", created_at=AT))
        uow.session.flush()
    with UnitOfWork(store) as uow, pytest.raises(StatementError, match="naive datetime"):
        uow.session.add(Port(code="X1", name="x", kind="land", created_at=dt.datetime(2026, 1, 1)))
        uow.session.flush()
    store.dispose()
