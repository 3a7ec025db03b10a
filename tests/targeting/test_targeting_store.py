"""The pipeline over a store (SQLite and PostgreSQL): a generated world's flights screened
against the world's watchlist, hits reviewed by a person, lookouts, statistics, retention."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from borderpost.audit.log import events
from borderpost.config import Settings
from borderpost.inspection.errors import Forbidden, Invalid, NotFound
from borderpost.passengers import manifest_from_sim, write_paxlst
from borderpost.screening.engine import Screener
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import HitReview, ManifestTraveller, PnrBooking, TargetingHit
from borderpost.targeting.pipeline import receive
from borderpost.targeting.retention import MASK, RetentionPolicy, run, unmask
from borderpost.targeting.review import lookouts, record_review, review_queue, rule_statistics
from borderpost.watchlists.files import read_watchlist
from borderpost.worldgen import write_world

NOW = dt.datetime(2026, 1, 3, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("targeting-world")
    write_world(WorldSpec(seed=7, travellers=3_000, days=3), folder)
    return folder


@pytest.fixture(scope="module")
def screener(world: Path) -> Screener:
    parsed = read_watchlist("csv", [world / "watchlist.csv"], list_name="sim-watchlist")
    return Screener(parsed.snapshot.entries)


def _flights(world: Path) -> list[dict[str, Any]]:
    lines = (world / "manifests.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _listed(world: Path) -> set[str]:
    """Traveller ids the world's watchlist refers to (W000000017 is traveller T000000017)."""
    text = (world / "watchlist.csv").read_text("utf-8").splitlines()[1:]
    return {"T" + line.split(",")[0][1:] for line in text if line.startswith("W0")}


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield opened
    opened.dispose()


def test_a_worlds_flight_finds_its_listed_travellers(world: Path, screener: Screener) -> None:
    listed = _listed(world)
    record = max(
        _flights(world),
        key=lambda r: sum(p["traveller_id"] in listed for p in r["passengers"]),
    )
    expected = {p["surname"] for p in record["passengers"] if p["traveller_id"] in listed}
    assert expected
    text = write_paxlst([manifest_from_sim(record)], prepared=dt.datetime(2026, 1, 1))
    from borderpost.passengers import read
    from borderpost.targeting import assess_reading

    (result,) = assess_reading(read(text.encode()), screener, today=dt.date(2026, 1, 1))
    found = {a.person.surname for a in result.assessments if a.hits}
    assert expected <= found
    assert all(a.status == "to_review" for a in result.assessments if a.hits)


def test_receive_review_lookout_stats_and_retention(
    world: Path, screener: Screener, store: Store
) -> None:
    listed = _listed(world)
    record = next(
        r for r in _flights(world) if any(p["traveller_id"] in listed for p in r["passengers"])
    )
    data = write_paxlst([manifest_from_sim(record)], prepared=dt.datetime(2026, 1, 1)).encode()
    with UnitOfWork(store) as uow:
        (stored,) = receive(uow.session, data, screener, actor="ann", now=NOW)
        uow.commit()
    assert stored.hits > 0
    with UnitOfWork(store) as uow:
        queue = review_queue(uow.session)
        assert len(queue) == stored.hits and all(item["status"] == "open" for item in queue)
        hit = next(item for item in queue if item["kind"] == "watchlist")
        with pytest.raises(Invalid, match="outcome"):
            record_review(
                uow.session, hit["id"], outcome="shoot", reason="x" * 9, reviewer="a", now=NOW
            )
        with pytest.raises(NotFound):
            record_review(
                uow.session, 10**6, outcome="confirmed", reason="seen it", reviewer="a", now=NOW
            )
        done = record_review(
            uow.session,
            hit["id"],
            outcome="confirmed",
            reason="same DOB and passport",
            reviewer="ann",
            now=NOW,
        )
        uow.commit()
    assert done["lookout"] is not None
    port = record["destination"]
    with UnitOfWork(store) as uow:
        (lookout,) = lookouts(uow.session, port=port)
        assert lookout["surname"] == hit["traveller"]["surname"]
        assert lookouts(uow.session, port="NOWHERE") == []
        assert len(review_queue(uow.session)) == stored.hits - 1
        stats = {row["rule"]: row for row in rule_statistics(uow.session, today=NOW.date())}
        assert stats["TP-001"]["hits"] == 0 and stats["TP-001"]["overdue"] is False
        actions = [event.action for event in events(uow.session)]
        assert actions.count("targeting.receive") == 1 and "targeting.review" in actions
        travellers = uow.session.scalar(select(func.count()).select_from(ManifestTraveller))
        assert travellers is not None
    # A day later: travellers without a retained hit are deleted; the confirmed one is kept.
    policy = RetentionPolicy()
    with UnitOfWork(store) as uow:
        early = run(uow.session, policy, now=NOW + dt.timedelta(hours=23), actor="job")
        assert early.travellers_deleted == 0
        # Close every other hit as a false match: nothing keeps them any more.
        for item in review_queue(uow.session):
            record_review(
                uow.session,
                item["id"],
                outcome="false_match",
                reason="other person",
                reviewer="ann",
                now=NOW,
            )
        report = run(uow.session, policy, now=NOW + dt.timedelta(hours=25), actor="job")
        uow.commit()
    assert report.travellers_kept == 1
    assert report.travellers_deleted == travellers - 1
    with UnitOfWork(store) as uow:
        assert uow.session.scalar(select(func.count()).select_from(ManifestTraveller)) == 1
        remaining = uow.session.scalar(select(func.count()).select_from(TargetingHit))
        orphans = uow.session.scalars(select(HitReview).where(HitReview.hit_id.is_(None))).all()
        assert remaining is not None and remaining >= 1
        assert all(review.reason == "(deleted with the API data)" for review in orphans)


def test_pnr_masked_then_deleted_and_unmasking_is_audited(store: Store) -> None:
    with UnitOfWork(store) as uow:
        uow.session.add(
            PnrBooking(
                record_locator="ABC123",
                data={
                    "record_locator": "ABC123",
                    "travellers": [
                        {"surname": "DOE", "given_names": "ANNA", "frequent_flyer": "FF1"}
                    ],
                    "contacts": ["CTC +44 20 7946 0018"],
                    "addresses": [],
                    "payments": [{"type": "CC", "number": "4111"}],
                    "remarks": ["VIP"],
                },
                received_at=NOW,
            )
        )
        uow.commit()
    policy = RetentionPolicy()
    with UnitOfWork(store) as uow:
        report = run(uow.session, policy, now=NOW + dt.timedelta(days=184), actor="job")
        uow.commit()
    assert report.bookings_masked == 1 and report.bookings_deleted == 0
    with UnitOfWork(store) as uow:
        booking = uow.session.scalars(select(PnrBooking)).one()
        assert booking.data["travellers"][0]["surname"] == MASK
        assert booking.data["contacts"] == [MASK] and booking.data["remarks"] == [MASK]
        with pytest.raises(Forbidden):
            unmask(
                uow.session,
                booking.id,
                actor="olga",
                role="officer",
                justification="curious about it",
                now=NOW,
            )
        with pytest.raises(Invalid, match="justification"):
            unmask(uow.session, booking.id, actor="ann", role="analyst", justification="x", now=NOW)
        full = unmask(
            uow.session,
            booking.id,
            actor="ann",
            role="analyst",
            justification="case 2026/17: courier network",
            now=NOW,
        )
        assert full["travellers"][0]["surname"] == "DOE"
        assert full["contacts"] == ["CTC +44 20 7946 0018"]
        (event,) = [e for e in events(uow.session) if e.action == "pnr.unmask"]
        assert event.actor == "ann" and "courier" in str(event.details)
        uow.commit()
    with UnitOfWork(store) as uow:
        report = run(uow.session, policy, now=NOW + dt.timedelta(days=1827), actor="job")
        uow.commit()
    assert report.bookings_deleted == 1
