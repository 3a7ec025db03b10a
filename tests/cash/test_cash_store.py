"""Declarations, detentions and FIU submissions stored and read back on both databases,
with port scoping, offences, audit events and the on-time percentage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import select

from borderpost.cash.alerts import run_detection
from borderpost.cash.detentions import detain, detentions, release
from borderpost.cash.fiu import validate
from borderpost.cash.model import Line, Party
from borderpost.cash.profiles import profile
from borderpost.cash.rates import parse_rates
from borderpost.cash.reads import declaration_detail, declarations
from borderpost.cash.records import DeclarationIn, declare
from borderpost.cash.stored import import_rates, stored_rates
from borderpost.cash.submissions import export, on_time, submissions
from borderpost.config import Settings
from borderpost.inspection.errors import Conflict, Forbidden, Invalid
from borderpost.inspection.ports import add_port
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import (
    AuditEvent,
    CashDeclaration,
    CashLine,
    CashParty,
    Crossing,
    Inspection,
    Traveller,
    User,
)
from borderpost.store.repos.users import UserRepo
from tests.support.accounts import add_user

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
EU = profile("EU")
US = profile("US")
RATES = "date,currency,quote,rate\n2026-03-01,USD,EUR,0.92\n2026-03-01,EUR,USD,1.087\n"
STAFF = (
    ("ana", "officer", "CTN"),
    ("sam", "supervisor", "CTN"),
    ("olu", "officer", "KRK"),
    ("fiona", "analyst", None),
    ("audrey", "auditor", None),
)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        ids = {
            code: add_port(uow.session, code=code, name=code, kind="land", actor="t", now=NOW).id
            for code in ("CTN", "KRK")
        }
        for username, role, port in STAFF:
            add_user(uow.session, username, role, None if port is None else ids[port], NOW)
        import_rates(uow.session, parse_rates(RATES), actor="t", now=NOW)
        uow.commit()
    yield store
    store.dispose()


def _user(uow: UnitOfWork, name: str) -> User:
    user = UserRepo(uow.session).by_username(name)
    assert user is not None
    return user


def _in(amount: str, currency: str = "USD", **extra: object) -> DeclarationIn:
    values: dict[str, object] = {
        "port": "CTN",
        "kind": "accompanied",
        "direction": "entry",
        "occurred_at": NOW,
        "lines": [Line("currency", currency, Decimal(amount))],
        "parties": [
            Party(
                "carrier", "AMINA DIALLO", dt.date(1980, 5, 1), "BEN", "B1234567", "+22997123456"
            ),
            Party("recipient", "OUSMANE KANE", account="BJ66BJ0610100100144390000069"),
        ],
        "origin": "LOS",
        "intended_use": "purchase of goods",
    }
    values.update(extra)
    return DeclarationIn(**values)  # type: ignore[arg-type]


def test_declare_read_detain_export(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana, sam, fiona = _user(uow, "ana"), _user(uow, "sam"), _user(uow, "fiona")
        rates = stored_rates(uow.session)
        found = declare(
            uow.session,
            _in("12000", found=Decimal("15000")),
            officer=ana,
            profile=EU,
            rates=rates,
            now=NOW,
        )
        row = found.row
        assert row.ref.startswith("CD") and row.required
        assert row.total == Decimal("11040.00")  # USD 12 000 at 0.92
        assert [o.kind for o in found.offences] == ["false_declaration"]
        assert row.fiu_due_on == dt.date(2026, 3, 31)
        detention = detain(
            uow.session,
            row.id,
            legal_basis="Regulation 2018/1672 art. 7",
            reason="amount found exceeds the declaration",
            supervisor=sam,
            now=NOW,
        )
        with pytest.raises(Conflict):
            detain(
                uow.session,
                row.id,
                legal_basis="again",
                reason="again and again",
                supervisor=sam,
                now=NOW,
            )
        with pytest.raises(Forbidden):
            detain(
                uow.session, row.id, legal_basis="basis", reason="reason", supervisor=ana, now=NOW
            )
        sent = export(uow.session, row.id, user=fiona, entity_id="BJ-CUSTOMS", now=NOW)
        validate(sent.xml)
        assert sent.submission.on_time and sent.submission.report_code == "CBCR"
        release(
            uow.session,
            detention.id,
            reason="court order 17/2026",
            supervisor=sam,
            now=NOW + dt.timedelta(days=3),
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        ana, olu, fiona = _user(uow, "ana"), _user(uow, "olu"), _user(uow, "fiona")
        stored = uow.session.scalars(select(CashLine)).one()
        assert stored.amount == Decimal("12000") and stored.rate == Decimal("0.92")
        detail = declaration_detail(uow.session, row.id, ana, now=NOW)
        assert detail["parties"][0]["name"] == "AMINA DIALLO"
        assert detail["offences"][0]["kind"] == "false_declaration"
        with pytest.raises(Forbidden):
            declaration_detail(uow.session, row.id, olu, now=NOW)
        assert declarations(uow.session, olu, now=NOW) == []
        assert len(declarations(uow.session, fiona, now=NOW)) == 1
        (held,) = detentions(uow.session, today=NOW.date())
        assert held["state"] == "released"
        assert on_time(uow.session) == {
            "submitted": 1,
            "on_time": 1,
            "on_time_percent": 100.0,
            "pending": 0,
        }
        assert submissions(uow.session)[0]["submitted_by"] == "fiona"
        actions = [e.action for e in uow.session.scalars(select(AuditEvent))]
        for action in (
            "cash.declare",
            "cash.detain",
            "cash.fiu_export",
            "cash.release",
            "cash.read",
            "cash.list",
        ):
            assert action in actions


def test_late_submission_lowers_the_on_time_share(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana, fiona = _user(uow, "ana"), _user(uow, "fiona")
        rates = stored_rates(uow.session)
        first = declare(uow.session, _in("20000"), officer=ana, profile=EU, rates=rates, now=NOW)
        second = declare(uow.session, _in("30000"), officer=ana, profile=EU, rates=rates, now=NOW)
        export(uow.session, first.row.id, user=fiona, entity_id="X", now=NOW)
        late = NOW + dt.timedelta(days=40)
        assert not export(
            uow.session, second.row.id, user=fiona, entity_id="X", now=late
        ).submission.on_time
        assert on_time(uow.session)["on_time_percent"] == 50.0
        with pytest.raises(Forbidden):
            export(uow.session, first.row.id, user=ana, entity_id="X", now=NOW)


def test_us_family_members_are_added_up_across_declarations(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana = _user(uow, "ana")
        rates = stored_rates(uow.session)
        father = declare(
            uow.session,
            _in("6000", party_ref="FAM-9"),
            officer=ana,
            profile=US,
            rates=rates,
            now=NOW,
        )
        assert not father.row.required
        mother = declare(
            uow.session,
            _in("5000", party_ref="FAM-9", parties=[Party("carrier", "AWA DIALLO")]),
            officer=ana,
            profile=US,
            rates=rates,
            now=NOW,
        )
        assert mother.row.required and "2 declarations added up by party" in mother.row.reason


def test_bad_declarations_are_refused_and_nothing_is_stored(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana, olu = _user(uow, "ana"), _user(uow, "olu")
        rates = stored_rates(uow.session)
        with pytest.raises(Forbidden, match="own port"):
            declare(uow.session, _in("100"), officer=olu, profile=EU, rates=rates, now=NOW)
        with pytest.raises(Invalid, match="no GBP->EUR"):
            declare(uow.session, _in("100", "GBP"), officer=ana, profile=EU, rates=rates, now=NOW)
        with pytest.raises(Invalid, match="exactly one carrier"):
            declare(
                uow.session, _in("100", parties=[]), officer=ana, profile=EU, rates=rates, now=NOW
            )
        with pytest.raises(Invalid, match="longer than 64"):
            declare(uow.session, _in("100", party_ref="F" * 65), officer=ana, profile=EU,
                    rates=rates, now=NOW)  # fmt: skip
        with pytest.raises(Invalid, match="carrier's phone is longer than 40"):
            declare(uow.session, _in("100", parties=[Party("carrier", "X", phone="1" * 41)]),
                    officer=ana, profile=EU, rates=rates, now=NOW)  # fmt: skip
        with pytest.raises(Invalid, match="amount found"):
            declare(
                uow.session,
                _in("100", kind="ex_officio"),
                officer=ana,
                profile=EU,
                rates=rates,
                now=NOW,
            )
        uow.commit()
    with UnitOfWork(store) as uow:
        assert uow.session.scalars(select(CashDeclaration)).all() == []


def test_unaccompanied_disclosure_late_and_ex_officio(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana = _user(uow, "ana")
        rates = stored_rates(uow.session)
        late = declare(
            uow.session,
            _in(
                "50000",
                kind="unaccompanied",
                disclosure_requested_on=dt.date(2026, 2, 1),
                disclosed_on=dt.date(2026, 3, 4),
            ),
            officer=ana,
            profile=EU,
            rates=rates,
            now=NOW,
        )
        assert [o.kind for o in late.offences] == ["late_disclosure"]
        found = declare(
            uow.session,
            _in("0", kind="ex_officio", found=Decimal("18000")),
            officer=ana,
            profile=EU,
            rates=rates,
            now=NOW,
        )
        assert [o.kind for o in found.offences] == ["undeclared"]


def test_detection_over_stored_declarations(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana, fiona = _user(uow, "ana"), _user(uow, "fiona")
        rates = stored_rates(uow.session)
        for days, amount in ((0, "10600"), (10, "10500"), (20, "10700")):
            declare(
                uow.session,
                _in(amount, occurred_at=NOW + dt.timedelta(days=days)),
                officer=ana,
                profile=EU,
                rates=rates,
                now=NOW,
            )
        result = run_detection(uow.session, EU, user=fiona, now=NOW + dt.timedelta(days=21))
        assert {a.kind for a in result.alerts} >= {"structuring"}
        assert all(f.kind == "declaration" for f in result.facts) and result.facts
        with pytest.raises(Forbidden):
            run_detection(uow.session, EU, user=ana, now=NOW)


def test_a_declaration_links_to_its_inspection_crossing_and_traveller(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ana = _user(uow, "ana")
        traveller = Traveller(
            surname="DIALLO", given_names="AMINA", birth_date=dt.date(1980, 5, 1),
            name_key="DIALLO AMINA", created_at=NOW,
        )  # fmt: skip
        uow.session.add(traveller)
        uow.session.flush()
        assert ana.port_id is not None
        inspection = Inspection(
            port_id=ana.port_id, direction="entry", officer_id=ana.id, traveller_id=traveller.id,
            verdict="clear", findings=[], created_at=NOW,
        )  # fmt: skip
        uow.session.add(inspection)
        uow.session.flush()
        crossing = Crossing(
            traveller_id=traveller.id, port_id=ana.port_id, direction="entry", occurred_at=NOW,
            officer_id=ana.id, inspection_id=inspection.id,
        )  # fmt: skip
        uow.session.add(crossing)
        uow.session.flush()
        done = declare(
            uow.session, _in("12000", inspection_id=inspection.id), officer=ana, profile=EU,
            rates=stored_rates(uow.session), now=NOW,
        )  # fmt: skip
        assert done.row.inspection_id == inspection.id and done.row.crossing_id == crossing.id
        carrier = uow.session.scalars(select(CashParty).where(CashParty.role == "carrier")).one()
        assert carrier.traveller_id == traveller.id
        olu = _user(uow, "olu")
        assert olu.port_id is not None
        other = Inspection(
            port_id=olu.port_id, direction="entry", officer_id=olu.id, verdict="clear",
            findings=[], created_at=NOW,
        )  # fmt: skip
        uow.session.add(other)
        uow.session.flush()
        with pytest.raises(Invalid, match="another port"):
            declare(uow.session, _in("100", inspection_id=other.id), officer=ana, profile=EU,
                    rates=stored_rates(uow.session), now=NOW)  # fmt: skip
