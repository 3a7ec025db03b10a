"""Cargo manifests received, assessed, examined; targeted against random hit rates (SQLite
and PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import select

from borderpost.cargo import (
    draw_controls,
    examination_statistics,
    manifest_view,
    manifests,
    receive_manifest,
    record_examination,
)
from borderpost.config import Settings
from borderpost.conveyances.cuscar_writer import write_cuscar
from borderpost.inspection.errors import Conflict, Invalid, NotFound
from borderpost.sim.cargo import generate_cargo
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, CargoContainer
from tests.support.accounts import add_user
from tests.support.inspection import NOW

DATA = Path(__file__).parents[1] / "data"


class Box(NamedTuple):
    id: int
    number: str
    selected: bool
    control: bool


@pytest.fixture
def store(database_url: str) -> Iterator[tuple[Store, int]]:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        user = add_user(uow.session, "al", "analyst", None, NOW)
        uow.commit()
        user_id = user.id
    yield store, user_id
    store.dispose()


def _receive(store: Store, user_id: int, data: bytes) -> list[dict[str, object]]:
    with UnitOfWork(store) as uow:
        out = receive_manifest(uow.session, data, user_id=user_id, actor="al", now=NOW)
        uow.commit()
    return out


def test_cuscar_sample_stored_with_selection(store: tuple[Store, int]) -> None:
    db, user_id = store
    (summary,) = _receive(db, user_id, (DATA / "cuscar" / "two_bills.edi").read_bytes())
    assert summary["source"] == "cuscar" and summary["containers"] == 2
    with UnitOfWork(db) as uow:
        view = manifest_view(uow.session, int(str(summary["id"])))
        listed = manifests(uow.session)
        actions = list(uow.session.scalars(select(AuditEvent.action)))
    assert listed[0]["containers"] == 2 and listed[0]["selected"] == 1
    boxes = {b["number"]: b for c in view["consignments"] for b in c["containers"]}
    assert not boxes["CSQU3054383"]["selected"]
    banana = boxes["MSKU1234565"]
    assert banana["selected"] and banana["reason"].startswith("selected")
    assert {i["indicator"] for i in banana["indicators"]} >= {"said_to_contain", "missing_seal"}
    # Nobody was on record before: every consignee is new.
    assert any(i["indicator"] == "new_consignee" for i in banana["indicators"])
    assert "cargo.manifest" in actions


def test_csv_and_bad_files(store: tuple[Store, int]) -> None:
    db, user_id = store
    (summary,) = _receive(db, user_id, (DATA / "cargo" / "three_rows.csv").read_bytes())
    assert summary["source"] == "csv" and summary["consignments"] == 2
    assert any("line 4" in w for w in summary["warnings"])  # type: ignore[attr-defined]
    with UnitOfWork(db) as uow:
        for data, words in (
            (b"", "empty"),
            (b"a,b\n1,2\n", "bill-of-lading"),
            (b"UNB+UNOA:1+X+Y'UNZ+0+1'", "no CUSCAR"),
        ):
            with pytest.raises(Invalid, match=words):
                receive_manifest(uow.session, data, user_id=user_id, actor="al", now=NOW)


def test_history_and_seizure_links_feed_the_next_manifest(store: tuple[Store, int]) -> None:
    db, user_id = store
    sample = (DATA / "cuscar" / "two_bills.edi").read_bytes()
    _receive(db, user_id, sample)
    with UnitOfWork(db) as uow:
        banana = uow.session.scalars(
            select(CargoContainer).where(CargoContainer.number == "MSKU1234565")
        ).one()
        record_examination(
            uow.session,
            container_id=banana.id,
            outcome="contraband",
            finding="cocaine behind a false wall",
            user_id=user_id,
            actor="al",
            now=NOW,
        )
        uow.commit()
    (second,) = _receive(db, user_id, sample)
    with UnitOfWork(db) as uow:
        view = manifest_view(uow.session, int(str(second["id"])))
    boxes = {b["number"]: b for c in view["consignments"] for b in c["containers"]}
    fired = {i["indicator"]: i["reason"] for i in boxes["MSKU1234565"]["indicators"]}
    assert "new_consignee" not in fired  # received before
    assert "appears in seizure examination" in fired["seizure_link"]


def test_controls_examinations_and_lift(store: tuple[Store, int]) -> None:
    db, user_id = store
    world = generate_cargo(5, voyages=1, consignments=120)
    (summary,) = _receive(db, user_id, write_cuscar(world.manifests).encode())
    manifest_id = int(str(summary["id"]))
    with UnitOfWork(db) as uow:
        drawn = draw_controls(
            uow.session,
            manifest_id=manifest_id,
            rate=0.1,
            actor="al",
            now=NOW,
            rng=random.Random(1),
        )
        uow.commit()
    assert len(drawn) == round(0.1 * int(str(summary["containers"])))
    with UnitOfWork(db) as uow:
        rows = uow.session.scalars(
            select(CargoContainer).where(CargoContainer.manifest_id == manifest_id)
        )
        boxes = [Box(b.id, b.number, b.selected, b.control) for b in rows]
        for box in boxes:
            if box.selected or box.control:
                planted = box.number in world.planted
                record_examination(
                    uow.session,
                    container_id=box.id,
                    outcome="contraband" if planted else "nothing_found",
                    finding="found the load" if planted else None,
                    user_id=user_id,
                    actor="al",
                    now=NOW,
                )
        uow.commit()
        stats = examination_statistics(uow.session, manifest_id=manifest_id)
    selected = [b for b in boxes if b.selected]
    assert stats["targeted"]["examined"] == len(selected)
    assert stats["targeted"]["hits"] == sum(b.number in world.planted for b in selected)
    assert stats["control"]["examined"] == len(drawn)
    assert "random controls" in stats["reason"]
    with UnitOfWork(db) as uow:
        box = (
            boxes[0]
            if boxes[0].selected or boxes[0].control
            else next(b for b in boxes if b.selected or b.control)
        )
        with pytest.raises(Conflict, match="already examined"):
            record_examination(
                uow.session,
                container_id=box.id,
                outcome="nothing_found",
                finding=None,
                user_id=user_id,
                actor="al",
                now=NOW,
            )
        with pytest.raises(Invalid, match="describe"):
            record_examination(
                uow.session,
                container_id=boxes[-1].id,
                outcome="contraband",
                finding="",
                user_id=user_id,
                actor="al",
                now=NOW,
            )
        with pytest.raises(Invalid, match="rate"):
            draw_controls(uow.session, manifest_id=manifest_id, rate=0.9, actor="al", now=NOW)
        with pytest.raises(NotFound):
            draw_controls(uow.session, manifest_id=999, rate=0.1, actor="al", now=NOW)
