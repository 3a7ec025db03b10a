"""An application from enrolment to collection: maker-checker, EoI, integrity alerts and the
adjudication of duplicate identities, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borderpost.inspection.errors import Forbidden
from borderpost.issuance import IssuanceConflict, SelfApprovalError
from borderpost.issuance.adjudication import adjudicate, queue
from borderpost.issuance.applications import add_evidence
from borderpost.issuance.decisions import collect, decide, override_alert
from borderpost.issuance.registry import parse_registry_csv
from borderpost.issuance.registry_store import import_registry
from borderpost.issuance.rules import default_rules
from borderpost.issuance.stock import balance, move, receive, serial_range
from borderpost.issuance.views import application_view
from borderpost.screening.engine import Screener
from borderpost.screening.model import BirthDate, ListEntry, PartialDate
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import AuditEvent, DuplicateCandidate, IssuanceAlert, IssuedPassport
from tests.support.issuance import NOW, enrol, person, user

REGISTRY = (
    b"national_id,surname,given_names,birth_date,status,death_date\n"
    b"850314-0001,PETROV,IVAN,1985-03-14,living,\n"
    b"400101-0002,OLDMAN,JACOB,1940-01-01,deceased,2019-06-30\n"
)


def _stock(store: Store) -> None:
    with UnitOfWork(store) as uow:
        sara = user(uow.session, "sara")
        receive(
            uow.session, serial_range("UT", 1, 3), actor=sara, country="UTO", batch="B1", now=NOW
        )
        for serial in ("UT0000001", "UT0000002"):
            move(uow.session, serial, "dispatch", actor=sara, location="CAPITAL", now=NOW)
        uow.commit()


def test_clean_application_is_approved_by_another_and_collected(store: Store) -> None:
    _stock(store)
    with UnitOfWork(store) as uow:
        import_registry(
            uow.session, parse_registry_csv(REGISTRY), actor=user(uow.session, "root"), now=NOW
        )
        row = enrol(uow.session, person())
        uow.commit()
        app_id = row.id
    with UnitOfWork(store) as uow:
        view = application_view(uow.session, app_id, actor=user(uow.session, "sara"), now=NOW)
        assert view["alerts"] == [] and view["duplicates"] == []
        assert all(o["met"] for o in view["objectives"]), view["objectives"]
        decide(
            uow.session,
            app_id,
            actor=user(uow.session, "sara"),
            approve=True,
            reason="all evidence verified",
            book=default_rules(),
            now=NOW,
        )
        collect(
            uow.session,
            app_id,
            actor=user(uow.session, "omar"),
            matches=True,
            method="face against enrolment photo",
            now=NOW,
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        passport = uow.session.scalar(select(IssuedPassport))
        assert passport is not None and passport.number == "UT0000001"
        assert passport.expires_on == dt.date(2036, 11, 25)
        reads = uow.session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "issuance.read")
        ).all()
        assert reads == ["sara"]


def test_self_approval_refused_even_for_a_supervisor(store: Store) -> None:
    with UnitOfWork(store) as uow:
        row = enrol(uow.session, person(), officer="sara")
        with pytest.raises(
            SelfApprovalError,
            match=r"sara took application #\d+ and may not decide it \(maker-checker\)",
        ):
            decide(
                uow.session,
                row.id,
                actor=user(uow.session, "sara"),
                approve=True,
                reason="looks fine to me",
                book=default_rules(),
                now=NOW,
            )


def test_officer_may_not_decide(store: Store) -> None:
    with UnitOfWork(store) as uow:
        row = enrol(uow.session, person())
        with pytest.raises(Forbidden, match=r"omar \(issuance_officer\) may not decide"):
            decide(
                uow.session,
                row.id,
                actor=user(uow.session, "omar"),
                approve=True,
                reason="looks fine to me",
                book=default_rules(),
                now=NOW,
            )


def test_dead_identity_blocks_until_overridden_by_another(store: Store) -> None:
    with UnitOfWork(store) as uow:
        import_registry(
            uow.session, parse_registry_csv(REGISTRY), actor=user(uow.session, "root"), now=NOW
        )
        row = enrol(
            uow.session,
            person(
                surname="OLDMAN",
                given_names="JACOB",
                birth_date=dt.date(1940, 1, 1),
                national_id="400101-0002",
                national_id_issued_on=dt.date(1958, 2, 1),
            ),
            officer="tom",
        )
        alerts = uow.session.scalars(select(IssuanceAlert)).all()
        assert [a.rule for a in alerts] == ["registry_deceased"]
        assert "deceased on 2019-06-30" in alerts[0].reason
        with pytest.raises(IssuanceConflict, match="registry_deceased is not overridden"):
            decide(
                uow.session,
                row.id,
                actor=user(uow.session, "sara"),
                approve=True,
                reason="registry says alive",
                book=default_rules(),
                now=NOW,
            )
        with pytest.raises(SelfApprovalError):
            override_alert(
                uow.session,
                alerts[0].id,
                actor=user(uow.session, "tom"),
                reason="registry error",
                now=NOW,
            )
        override_alert(
            uow.session,
            alerts[0].id,
            actor=user(uow.session, "sara"),
            reason="registry confirmed a clerical error, letter 2026/11",
            now=NOW,
        )
        with pytest.raises(IssuanceConflict, match="evidence of identity does not meet: living"):
            decide(
                uow.session,
                row.id,
                actor=user(uow.session, "sara"),
                approve=True,
                reason="override on file",
                book=default_rules(),
                now=NOW,
            )
        add_evidence(
            uow.session,
            row.id,
            actor=user(uow.session, "sara"),
            kind="civil_registry_extract",
            issuer="Civil registry, Capital",
            number="CR-2026-1182",
            result="verified",
            now=NOW,
        )
        approved = decide(
            uow.session,
            row.id,
            actor=user(uow.session, "sara"),
            approve=True,
            reason="override on file",
            book=default_rules(),
            now=NOW,
        )
        assert approved.status == "approved" and alerts[0].overridden_by == "sara"


def test_duplicate_across_scripts_goes_to_adjudication(store: Store) -> None:
    with UnitOfWork(store) as uow:
        first = enrol(
            uow.session,
            person(surname="KHARITONOVA", given_names="MARINA", sex="F", national_id="850314-0009"),
        )
        second = enrol(
            uow.session,
            person(
                surname="Харитонова",
                given_names="Марина",
                sex="F",
                national_id="860101-4444",
                birth_date=dt.date(1985, 3, 15),
            ),
            officer="sara",
        )
        (candidate,) = queue(uow.session, actor=user(uow.session, "tom"), now=NOW)
        assert candidate["application"]["id"] == second.id
        assert candidate["other"]["id"] == first.id
        assert any("Харитонова" in r for r in candidate["reasons"])
        assert "face: no photo enrolled for this application" in candidate["reasons"]
        with pytest.raises(IssuanceConflict, match="wait for adjudication"):
            decide(
                uow.session,
                second.id,
                actor=user(uow.session, "tom"),
                approve=True,
                reason="identity documents fine",
                book=default_rules(),
                now=NOW,
            )
        with pytest.raises(SelfApprovalError):
            adjudicate(
                uow.session,
                candidate["id"],
                actor=user(uow.session, "sara"),
                verdict="different_person",
                reason="not the same woman",
                now=NOW,
            )
        adjudicate(
            uow.session,
            candidate["id"],
            actor=user(uow.session, "tom"),
            verdict="same_person",
            reason="same face, same birth town",
            now=NOW,
        )
        with pytest.raises(IssuanceConflict, match="same person as another identity"):
            decide(
                uow.session,
                second.id,
                actor=user(uow.session, "tom"),
                approve=True,
                reason="identity documents fine",
                book=default_rules(),
                now=NOW,
            )


def test_watchlisted_applicant_raises_a_blocking_alert(store: Store) -> None:
    entry = ListEntry(
        list_name="lookouts",
        entry_id="W9",
        name="Ivan Petrov",
        kind="person",
        birth_dates=(BirthDate(PartialDate.parse("1985-03-14")),),
    )
    screener = Screener([entry])
    with UnitOfWork(store) as uow:
        row = enrol(uow.session, person(), screener=screener)
        (alert,) = uow.session.scalars(
            select(IssuanceAlert).where(IssuanceAlert.application_id == row.id)
        ).all()
        assert alert.rule == "watchlist" and alert.action == "block"
        assert "lookouts entry W9 'Ivan Petrov'" in alert.reason


def test_passport_of_the_earlier_register_is_searched_too(store: Store) -> None:
    with UnitOfWork(store) as uow:
        uow.session.add(
            IssuedPassport(
                country="UTO",
                number="OLD12345",
                surname="AL-RASHID",
                given_names="MOHAMMED",
                sex="M",
                birth_date=dt.date(1979, 7, 1),
                national_id="790701-7777",
                issued_on=dt.date(2015, 1, 1),
                expires_on=dt.date(2025, 1, 1),
            )
        )
        uow.session.flush()
        row = enrol(
            uow.session,
            person(
                surname="محمد الرشيد",
                given_names="",
                birth_date=dt.date(1979, 1, 7),
                national_id="NEW-1",
            ),
        )
        (candidate,) = uow.session.scalars(
            select(DuplicateCandidate).where(DuplicateCandidate.application_id == row.id)
        ).all()
        assert candidate.other_kind == "passport"
        assert any("day and month swapped" in reason for reason in candidate.reasons)


def test_identity_mismatch_at_collection_holds_the_passport(store: Store) -> None:
    _stock(store)
    with UnitOfWork(store) as uow:
        row = enrol(
            uow.session,
            person(),
            evidence=(
                ("civil_registry_extract", "Civil registry", "CR-9"),
                ("national_id_card", "Interior", "ID-9"),
                ("tax_record", "Revenue", "T-9"),
            ),
        )
        decide(
            uow.session,
            row.id,
            actor=user(uow.session, "sara"),
            approve=True,
            reason="all evidence verified",
            book=default_rules(),
            now=NOW,
        )
        held = collect(
            uow.session,
            row.id,
            actor=user(uow.session, "omar"),
            matches=False,
            method="face does not match enrolment photo",
            now=NOW,
        )
        assert held.status == "held" and held.passport_number is None
        assert uow.session.scalar(select(IssuedPassport)) is None
        assert balance(uow.session).personalised == 0
