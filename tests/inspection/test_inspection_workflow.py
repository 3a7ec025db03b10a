"""Primary inspection end to end on SQLite and PostgreSQL: inspect, decide, approve, audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from borderpost.audit import verify
from borderpost.inspection import (
    Conflict,
    Forbidden,
    Invalid,
    approve,
    decide,
    reject,
)
from borderpost.screening.engine import Screener
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import AuditEvent, Base, Crossing, Referral, ScreeningHit, Stay
from borderpost.watchlists.files import read_lost_stolen, read_watchlist
from borderpost.watchlists.lost_stolen import import_lost_stolen, lost_stolen_records
from borderpost.watchlists.service import import_snapshot, load_entries
from tests.support.accounts import add_user
from tests.support.documents import passport_mrz
from tests.support.inspection import NOW, inspect_card, user

_Row = TypeVar("_Row", bound=Base)
ANNA = passport_mrz("Eriksson", "Anna Maria", "L898902C3", dt.date(1974, 8, 12))
DRAGO = passport_mrz("Drago", "Ivan Petrovich", "R1234567", dt.date(1970, 3, 4), "RUS")


def _decide(
    store: Store,
    inspection_id: int,
    decision: str,
    at: dt.datetime = NOW,
    *,
    officer: str = "ana",
    cleared: dict[int, str] | None = None,
    permit: str | None = None,
) -> dict[str, Any]:
    with UnitOfWork(store) as uow:
        result = decide(
            uow,
            inspection_id,
            user(uow, officer),
            decision,
            "documents and answers consistent",
            cleared,
            at,
            permit_type=permit,
        )
        uow.commit()
    return result.to_dict()


def _rows(store: Store, model: type[_Row]) -> list[_Row]:
    with UnitOfWork(store) as uow:
        rows = list(uow.session.scalars(select(model)))
        uow.session.expunge_all()  # keep the loaded values past the unit of work
        return rows


def _actions(store: Store) -> list[str]:
    with UnitOfWork(store) as uow:
        return list(uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_admitted_entry_opens_a_stay_and_the_exit_closes_it(
    store: Store, screener: Screener
) -> None:
    inspection_id, card = inspect_card(store, screener, ANNA)
    assert card["suggestion"] == {"action": "admit", "reasons": ["no rule fired"], "signals": []}
    assert card["document"]["verdict"] == "valid"
    assert card["hits"] == [] and card["lost_stolen"] == []
    assert card["history"]["match"] == "new"
    decided = _decide(store, inspection_id, "admit")
    assert decided["approval"] == "not_required"
    assert "permitted until 2027-05-29" in decided["effects"][1]  # UTO 180 days
    stays = _rows(store, Stay)
    assert len(stays) == 1 and stays[0].exit_crossing_id is None

    later = NOW + dt.timedelta(days=20)
    exit_id, exit_card = inspect_card(store, screener, ANNA, later, direction="exit")
    history = exit_card["history"]
    assert history["match"] == "document"
    assert [c["direction"] for c in history["crossings"]] == ["entry"]
    effects = _decide(store, exit_id, "admit", later)["effects"]
    assert "closed" in effects[1] and "overstayed" not in effects[1]
    (stay,) = _rows(store, Stay)
    assert stay.exit_crossing_id is not None
    assert [c.direction for c in _rows(store, Crossing)] == ["entry", "exit"]


def test_second_visit_found_across_spelling_variants(store: Store, screener: Screener) -> None:
    first, _ = inspect_card(store, screener, ANNA)
    _decide(store, first, "admit")
    variant = passport_mrz("Erikson", "Ana Maria", "Q1111111", dt.date(1974, 8, 12))
    _, card = inspect_card(store, screener, variant, NOW + dt.timedelta(days=400))
    history = card["history"]
    assert history["match"] == "name_variant"
    assert "ERIKSON" in history["match_detail"]
    assert [c["port"] for c in history["crossings"]] == ["LHR"]
    # Someone else born the same day is not taken for her.
    other = passport_mrz("Johansson", "Anna", "Q2222222", dt.date(1974, 8, 12))
    _, card = inspect_card(store, screener, other)
    assert card["history"]["match"] == "new"


def test_overstay_on_a_previous_visit_is_flagged(store: Store, screener: Screener) -> None:
    first, _ = inspect_card(store, screener, ANNA)
    _decide(store, first, "admit", permit="transit")  # 3 days, never left
    _, card = inspect_card(store, screener, ANNA, NOW + dt.timedelta(days=30))
    (overstay,) = card["history"]["overstays"]
    assert overstay["days_over"] == 28  # permitted until 3 December
    assert "no exit recorded" in overstay["reason"]
    assert card["suggestion"]["action"] == "refer"
    assert any("previous stay" in r for r in card["suggestion"]["reasons"])


def test_watchlisted_traveller_four_eyes_and_audit(store: Store, lists: tuple[Path, Path]) -> None:
    with UnitOfWork(store) as uow:
        imported = read_watchlist("csv", [lists[0]])
        import_snapshot(
            uow, imported.snapshot, imported.report, source_format="csv", files=["l.csv"], now=NOW
        )
        import_lost_stolen(uow, "SLTD", read_lost_stolen([lists[1]]).records)
        uow.commit()
    with UnitOfWork(store) as uow:
        screener = Screener(load_entries(uow.session), lost_stolen=lost_stolen_records(uow.session))
    inspection_id, card = inspect_card(store, screener, DRAGO)
    (hit,) = card["hits"]
    assert hit["list"] == "lookouts" and hit["entry_id"] == "W1"
    assert hit["high_risk"] and hit["reasons"]
    assert card["suggestion"]["action"] == "refer"

    with pytest.raises(Invalid, match="not cleared"):
        _decide(store, inspection_id, "admit")
    with pytest.raises(Invalid, match="needs a reason"):
        _decide(store, inspection_id, "admit", cleared={hit["id"]: ""})
    pending = _decide(
        store, inspection_id, "admit", cleared={hit["id"]: "different father's name on file"}
    )
    assert pending["approval"] == "pending" and pending["effects"] == []
    assert "high-risk" in pending["approval_reasons"][0]
    assert _rows(store, Crossing) == []
    with pytest.raises(Conflict):
        _decide(store, inspection_id, "refer")

    decision_id = pending["decision"]
    assert isinstance(decision_id, int)
    for who, message in (
        ("ana", "own decision"),
        ("ben", "only a supervisor"),
        ("sam", "own port"),
    ):
        with UnitOfWork(store) as uow, pytest.raises(Forbidden, match=message):
            approve(uow, decision_id, user(uow, who), NOW)
    with UnitOfWork(store) as uow:
        approved = approve(uow, decision_id, user(uow, "sue"), NOW + dt.timedelta(minutes=5))
        uow.commit()
    assert approved.approval == "approved" and "entry crossing" in approved.effects[0]
    (stored_hit,) = _rows(store, ScreeningHit)
    assert stored_hit.cleared_at is not None
    with UnitOfWork(store) as uow, pytest.raises(Conflict):
        approve(uow, decision_id, user(uow, "sue"), NOW)

    with UnitOfWork(store) as uow:
        assert verify(uow.session).intact
    actions = _actions(store)
    for action in (
        "inspection.create",
        "screening.hit",
        "traveller.read",
        "hit.clear",
        "decision.create",
        "decision.approve",
        "crossing.record",
        "stay.open",
    ):
        assert action in actions, action


def test_failed_document_admit_needs_approval_and_can_be_rejected(
    store: Store, screener: Screener
) -> None:
    broken = ANNA[:-1] + ("0" if ANNA[-1] != "0" else "1")
    inspection_id, card = inspect_card(store, screener, broken)
    assert card["document"]["verdict"] == "invalid"
    assert card["suggestion"]["action"] == "refer"
    pending = _decide(store, inspection_id, "admit", officer="sue")  # even a supervisor
    assert pending["approval"] == "pending"
    assert any("document failed" in r for r in pending["approval_reasons"])
    assert isinstance(pending["decision"], int)
    with UnitOfWork(store) as uow, pytest.raises(Forbidden):
        reject(uow, pending["decision"], user(uow, "sue"), "cannot approve my own", NOW)
    with UnitOfWork(store) as uow:
        manager = add_user(uow.session, "max", "supervisor", user(uow, "sue").port_id, NOW)
        rejected = reject(uow, pending["decision"], manager, "check digit wrong: refer", NOW)
        uow.commit()
    assert rejected.approval == "rejected"
    # A rejected decision leaves the inspection open for a new one.
    assert _decide(store, inspection_id, "refer")["effects"][0].startswith("referral")
    assert len(_rows(store, Referral)) == 1


def test_stolen_document_suggests_detention(store: Store, screener: Screener) -> None:
    stolen = passport_mrz("Nobody", "Some", "ST0LEN123", dt.date(1980, 1, 1))
    _, card = inspect_card(store, screener, stolen)
    (hit,) = card["lost_stolen"]
    assert "stolen-list entry ST0LEN123" in hit["reasons"][0]
    assert card["suggestion"]["action"] == "detain"


def test_officer_acts_only_at_own_port(store: Store, screener: Screener) -> None:
    with pytest.raises(Forbidden, match="own port"):
        inspect_card(store, screener, ANNA, officer="olga")
    inspection_id, _ = inspect_card(store, screener, ANNA)
    with pytest.raises(Forbidden, match="own port"):
        _decide(store, inspection_id, "admit", officer="olga")


def test_unreadable_input_is_a_clear_error(store: Store, screener: Screener) -> None:
    for text in ("", "   ", "hello world"):
        with pytest.raises(Invalid):
            inspect_card(store, screener, text)
    with pytest.raises(Invalid, match="direction"):
        inspect_card(store, screener, ANNA, direction="sideways")
