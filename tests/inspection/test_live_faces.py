"""Live face captures at the border: kept only when the face did not verify, read only with
an audited purpose, deleted after the retention period unless held for a referral (SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borderpost.biometrics import build_dg2
from borderpost.inspection import ChipData, Forbidden, NotFound, inspect
from borderpost.inspection.live_faces import purge_live_captures, read_live_capture
from borderpost.screening.engine import Screener
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import AuditEvent, LiveFaceCapture, Referral
from tests.biometrics.portraits import astronaut, encode, grace_hopper_bytes, variations
from tests.support.documents import passport_mrz
from tests.support.inspection import NOW, inspect_card, user

MRZ = passport_mrz("Collins", "Eileen", "NX7Q21K07", dt.date(1956, 11, 19), "NLD")
#: A chip whose DG2 holds the astronaut's portrait (its SOD is not valid: the chip verdict is
#: irrelevant here, the face comparison needs only DG2).
CHIP = ChipData(
    sod=b"\x30\x03\x02\x01\x00",
    data_groups={2: build_dg2(encode(astronaut()), image_format="jpeg", width=512, height=512)},
)


def _inspect_face(store: Store, screener: Screener, live: bytes) -> tuple[int, str]:
    with UnitOfWork(store) as uow:
        result = inspect(
            uow, screener, user(uow, "ana"), MRZ, "LHR", "entry", NOW, chip=CHIP, live_face=live
        )
        uow.commit()
    assert result.face is not None
    return result.inspection_id, str(result.face["outcome"])


def test_only_a_capture_that_did_not_verify_is_kept(store: Store, screener: Screener) -> None:
    genuine, outcome = _inspect_face(store, screener, variations(astronaut())["darker"])
    assert outcome == "match"
    impostor, outcome = _inspect_face(store, screener, grace_hopper_bytes())
    assert outcome == "no_match"
    with UnitOfWork(store) as uow:
        kept = uow.session.scalars(select(LiveFaceCapture)).all()
        assert [(k.inspection_id, k.outcome) for k in kept] == [(impostor, "no_match")]
        assert kept[0].image == grace_hopper_bytes()
        with pytest.raises(NotFound, match="no live capture kept"):
            read_live_capture(
                uow.session, genuine, actor=user(uow, "sue"), purpose="referral", now=NOW
            )
        with pytest.raises(Forbidden, match="only at their own port"):
            read_live_capture(
                uow.session, impostor, actor=user(uow, "olga"), purpose="curious", now=NOW
            )
        image = read_live_capture(
            uow.session, impostor, actor=user(uow, "sue"), purpose="secondary check", now=NOW
        )
        assert image == grace_hopper_bytes()
        uow.commit()
    with UnitOfWork(store) as uow:
        events = uow.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.like("biometrics.%"))
            .order_by(AuditEvent.seq)
        ).all()
        assert [(e.action, e.actor, e.subject_id) for e in events] == [
            ("biometrics.live_capture_kept", "ana", str(impostor)),
            ("biometrics.live_capture_read", "sue", str(impostor)),
        ]
        assert events[1].details["purpose"] == "secondary check"


def test_retention_deletes_old_captures_unless_held_for_a_referral(
    store: Store, screener: Screener
) -> None:
    """Five inspections with kept captures; the job runs ten days later with a 2-day period."""
    ids = [inspect_card(store, screener, MRZ)[0] for _ in range(5)]
    run_at = NOW + dt.timedelta(days=10)
    old = NOW
    with UnitOfWork(store) as uow:
        captured = {
            ids[0]: old,  # no referral: deleted
            ids[1]: old,  # referral still open: kept
            ids[2]: old,  # referral closed a day before the run: kept
            ids[3]: old,  # referral closed a week before the run: deleted
            ids[4]: run_at - dt.timedelta(days=1),  # within the period: kept
        }
        for inspection_id, at in captured.items():
            uow.session.add(
                LiveFaceCapture(
                    inspection_id=inspection_id,
                    image=b"jpeg",
                    image_sha256="0" * 64,
                    outcome="no_match",
                    captured_by="ana",
                    captured_at=at,
                )
            )
        for inspection_id, closed in (
            (ids[1], None),
            (ids[2], run_at - dt.timedelta(days=1)),
            (ids[3], run_at - dt.timedelta(days=7)),
        ):
            uow.session.add(
                Referral(
                    inspection_id=inspection_id,
                    status="open" if closed is None else "closed",
                    reason="face did not verify",
                    created_at=old,
                    closed_at=closed,
                )
            )
        uow.commit()
    with UnitOfWork(store) as uow:
        report = purge_live_captures(uow.session, days=2, now=run_at, actor="os:job")
        uow.commit()
    assert report.to_dict() == {
        "retention_days": 2,
        "live_captures_deleted": 2,
        "live_captures_kept_for_referrals": 2,
        "live_captures_within_period": 1,
    }
    with UnitOfWork(store) as uow:
        left = set(uow.session.scalars(select(LiveFaceCapture.inspection_id)))
        assert left == {ids[1], ids[2], ids[4]}
        event = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "retention.biometrics")
        ).one()
        assert event.actor == "os:job" and event.details["live_captures_deleted"] == 2
    with UnitOfWork(store) as uow:  # the next run finds nothing more to delete
        again = purge_live_captures(uow.session, days=2, now=run_at, actor="os:job")
        assert again.deleted == 0
