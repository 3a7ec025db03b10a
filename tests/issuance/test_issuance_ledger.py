"""The blank-booklet ledger: the invariant received = on hand + issued + spoiled + destroyed +
missing under every transition (Hypothesis state machines, on the pure ledger and on the
stored one), witnesses for destruction, and the stolen-blank record of a missing booklet."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from borderpost.inspection.errors import Forbidden
from borderpost.issuance import StockError
from borderpost.issuance.errors import IssuanceInvalid
from borderpost.issuance.ledger import STATES, TRANSITIONS, Ledger, LedgerError
from borderpost.issuance.stock import (
    STOLEN_BLANKS_LIST,
    balance,
    move,
    receive,
    reconcile,
    serial_range,
)
from borderpost.store.models import Booklet, LostStolenDocument, User, metadata

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
EVENTS = sorted(TRANSITIONS)


def _keeper(name: str = "sara", role: str = "issuance_supervisor") -> User:
    return User(username=name, role=role, active=True, password_hash="x", failed_logins=0)


class PureLedgerMachine(RuleBasedStateMachine):
    """Any sequence of receipts and events, refused or not, keeps the invariant."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger = Ledger()
        self.next_serial = 0

    @rule(count=st.integers(1, 4))
    def receive(self, count: int) -> None:
        for _ in range(count):
            self.next_serial += 1
            self.ledger.receive(f"S{self.next_serial}")

    @precondition(lambda self: self.next_serial > 0)
    @rule(
        index=st.integers(0, 50),
        event=st.sampled_from(EVENTS),
        witness=st.sampled_from([None, "sara", "tom"]),
    )
    def apply(self, index: int, event: str, witness: str | None) -> None:
        serial = f"S{index % self.next_serial + 1}"
        before = self.ledger.states[serial]
        sources, target = TRANSITIONS[event]
        try:
            after = self.ledger.apply(
                serial, event, actor="sara", witness=witness, location="CAPITAL"
            )
        except LedgerError:
            assert self.ledger.states[serial] == before
            assert before not in sources or (event == "destroy" and witness in (None, "sara"))
        else:
            assert before in sources and after == target

    @invariant()
    def balanced(self) -> None:
        self.ledger.check()


TestPureLedger = PureLedgerMachine.TestCase
# The machine is shared: slow input generation under load is not a failure of the ledger.
TestPureLedger.settings = settings(
    max_examples=150,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class StoredLedgerMachine(RuleBasedStateMachine):
    """The stored ledger follows the pure model step by step, the invariant holds after every
    transition, and each missing booklet has exactly one stolen-blank record."""

    def __init__(self) -> None:
        super().__init__()
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
        metadata.create_all(engine)
        self.session = Session(engine)
        self.model = Ledger()
        self.next = 1
        self.keeper = _keeper()

    @initialize()
    def first_delivery(self) -> None:
        self.receive(3)

    @rule(count=st.integers(1, 3))
    def receive(self, count: int) -> None:
        serials = serial_range("UT", self.next, count)
        receive(self.session, serials, actor=self.keeper, country="UTO", batch="b", now=NOW)
        for serial in serials:
            self.model.receive(serial)
        self.next += count

    @rule(
        index=st.integers(0, 50),
        event=st.sampled_from(EVENTS),
        witness=st.sampled_from([None, "sara", "tom"]),
    )
    def apply(self, index: int, event: str, witness: str | None) -> None:
        serial = sorted(self.model.states)[index % len(self.model.states)]
        try:
            expected: str | None = self.model.apply(
                serial, event, actor="sara", witness=witness, location="CAPITAL"
            )
        except LedgerError:
            expected = None
        try:
            row = move(
                self.session,
                serial,
                event,
                actor=self.keeper,
                now=NOW,
                location="CAPITAL",
                witness=witness,
                reason="state machine step",
            )
        except StockError:
            assert expected is None  # refused before anything changed
        else:
            assert row.state == expected

    @rule()
    def count_station(self) -> None:
        """A stock count at the station finds every booklet but the first at-station one."""
        at_station = sorted(s for s, state in self.model.states.items() if state == "at_station")
        spoiled_there = self.session.scalars(
            select(Booklet.serial).where(Booklet.location == "CAPITAL", Booklet.state == "spoiled")
        ).all()
        present = [*at_station[1:], *spoiled_there]
        missing = reconcile(self.session, "CAPITAL", present, actor=self.keeper, now=NOW)
        assert missing == at_station[:1]
        for serial in missing:
            self.model.apply(serial, "missing", actor="sara")

    @invariant()
    def balanced(self) -> None:
        found = balance(self.session)
        assert found.holds, found.describe()
        assert found == self.model.balance()

    @invariant()
    def one_stolen_record_per_missing_serial(self) -> None:
        missing = self.session.scalars(
            select(Booklet.serial).where(Booklet.state == "missing")
        ).all()
        records = self.session.scalars(
            select(LostStolenDocument.number).where(
                LostStolenDocument.list_name == STOLEN_BLANKS_LIST
            )
        ).all()
        assert sorted(records) == sorted(missing)

    def teardown(self) -> None:
        self.session.close()


TestStoredLedger = StoredLedgerMachine.TestCase
TestStoredLedger.settings = settings(
    max_examples=15,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_states_cover_the_invariant() -> None:
    assert set(STATES) == {
        "in_safe",
        "at_station",
        "personalised",
        "spoiled",
        "destroyed",
        "missing",
    }


def test_destruction_needs_another_person_as_witness() -> None:
    ledger = Ledger()
    ledger.receive("S1")
    ledger.apply("S1", "dispatch", actor="sara", location="CAPITAL")
    ledger.apply("S1", "spoil", actor="sara")
    with pytest.raises(LedgerError, match="destruction needs a witness"):
        ledger.apply("S1", "destroy", actor="sara")
    with pytest.raises(LedgerError, match="sara cannot witness their own destruction"):
        ledger.apply("S1", "destroy", actor="sara", witness="SARA")
    assert ledger.apply("S1", "destroy", actor="sara", witness="tom") == "destroyed"
    with pytest.raises(LedgerError, match="S1 is destroyed: missing needs a booklet that is"):
        ledger.apply("S1", "missing", actor="sara")


def test_stolen_blank_record_holds_number_type_and_country_only() -> None:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        keeper = _keeper()
        receive(session, ["UT0000042"], actor=keeper, country="UTO", batch="b", now=NOW)
        with pytest.raises(IssuanceInvalid, match="say why it is missing"):
            move(session, "UT0000042", "missing", actor=keeper, now=NOW)
        row = move(session, "UT0000042", "missing", actor=keeper, now=NOW, reason="safe count")
        (record,) = session.scalars(select(LostStolenDocument)).all()
        assert row.lost_stolen_id == record.id
        assert (record.list_name, record.country, record.number, record.document_type) == (
            STOLEN_BLANKS_LIST,
            "UTO",
            "UT0000042",
            "passport",
        )
        assert record.status == "blank-stolen" and record.reference is None
        assert record.reported_on == NOW.date()
        with pytest.raises(StockError, match="UT0000042 is missing"):
            move(session, "UT0000042", "missing", actor=keeper, now=NOW, reason="again")
        assert len(session.scalars(select(LostStolenDocument)).all()) == 1


def test_receipt_refuses_repeats_and_officers() -> None:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        receive(session, ["UT1"], actor=_keeper(), country="UTO", batch="b", now=NOW)
        with pytest.raises(StockError, match="already received: UT1"):
            receive(session, ["UT1"], actor=_keeper(), country="UTO", batch="b", now=NOW)
        with pytest.raises(IssuanceInvalid, match="repeated"):
            receive(session, ["UT2", "ut2"], actor=_keeper(), country="UTO", batch="b", now=NOW)
        with pytest.raises(Forbidden, match="may not receive booklet stock"):
            receive(
                session,
                ["UT3"],
                actor=_keeper("ines", "issuance_officer"),
                country="UTO",
                batch="b",
                now=NOW,
            )
