"""Lookout fingerprints stored as ISO/IEC 19794-2 templates and searched 1:N (SQLite and
PostgreSQL), with the synthetic fingers of borderpost.sim (tests/biometrics/fingers.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from borderpost.biometrics.fingerprint import encode_fmr
from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, LookoutFingerprint
from borderpost.watchlists.errors import FingerprintInputError, UnknownEntryError
from borderpost.watchlists.finger_gallery import LookoutFingers
from borderpost.watchlists.fingerprints import (
    add_fingerprint,
    list_fingerprints,
    remove_fingerprint,
)
from borderpost.watchlists.lookouts import LOOKOUT_LIST, add_lookout
from tests.biometrics.fingers import analysed, finger_image, png

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    settings = Settings(database_url=database_url, secret_key=SecretStr("s" * 40))
    opened = open_store(settings, auto_migrate=True)
    with UnitOfWork(opened) as uow:
        add_lookout(uow, name="Ivan Petrovich Drago", reason="test lookout", actor="ann", now=NOW)
        uow.commit()
    yield opened
    opened.dispose()


def _attach(store: Store, data: bytes, finger: int = 2, entry: str = "NL-00001") -> int:
    with UnitOfWork(store) as uow:
        view = add_fingerprint(
            uow,
            list_name=LOOKOUT_LIST,
            entry_id=entry,
            finger=finger,
            data=data,
            actor="ann",
            now=NOW,
            note="taken at arrest",
        )
        uow.commit()
    return view.id


def _count(store: Store, model: type[LookoutFingerprint] | type[AuditEvent]) -> int:
    with UnitOfWork(store) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def _search(store: Store, gallery: LookoutFingers, seed: int, occasion: int) -> list[str]:
    probe = analysed(seed, occasion).record
    assert probe is not None
    with UnitOfWork(store) as uow:
        gallery.refresh(uow.session, actor="olga", now=NOW)
        found = gallery.search(probe, probe_finger=2, threshold=40)
        uow.commit()
    return [c.reason for c in found]


def test_another_impression_of_the_finger_finds_the_lookout_and_another_does_not(
    store: Store,
) -> None:
    fingerprint = _attach(store, png(finger_image(3, 0)))
    gallery = LookoutFingers()
    reasons = _search(store, gallery, 3, 2)
    assert len(reasons) == 1
    assert reasons[0].startswith(
        f"fingerprint (right index) matches lookout Ivan Petrovich Drago ({LOOKOUT_LIST} "
        f"NL-00001, fingerprint {fingerprint})"
    )
    assert "\u2265 40) \u2014 candidate for an officer to confirm" in reasons[0]
    assert _search(store, gallery, 4, 1) == []  # a different finger: no candidate
    with UnitOfWork(store) as uow:
        remove_fingerprint(
            uow, fingerprint, reason="attached to the wrong lookout", actor="ann", now=NOW
        )
        uow.commit()
    assert _search(store, gallery, 3, 2) == []  # removed: out of the search
    assert _search(store, LookoutFingers(), 3, 2) == []


def test_a_template_is_accepted_as_well_as_an_image(store: Store) -> None:
    record = analysed(4, 0).record
    assert record is not None
    _attach(store, encode_fmr(record), finger=7)
    with UnitOfWork(store) as uow:
        views = list_fingerprints(uow.session, LOOKOUT_LIST, "NL-00001", actor="ann", now=NOW)
    assert [(v.finger, v.minutiae) for v in views] == [(7, len(record.views[0].minutiae))]
    assert views[0].to_dict()["finger_name"] == "left index"


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (b"\x89PNG\r\n\x1a\n broken", "image_undecodable", "not a readable PNG"),
        (b"\xff\xa0\xff\xa8 a WSQ file", "wsq_unsupported", "WSQ"),
        (b"FMR\x00 20\x00 short", "fmr_malformed", "finger minutiae record"),
        (png(np.full((416, 336), 235, dtype=np.uint8)), "no_usable_ridges", "no usable ridges"),
    ],
    ids=["corrupt", "wsq", "bad-template", "blank"],
)
def test_an_unusable_print_is_refused_and_nothing_is_stored(
    store: Store, data: bytes, code: str, message: str
) -> None:
    events = _count(store, AuditEvent)
    with pytest.raises(FingerprintInputError, match=message) as raised:
        _attach(store, data)
    assert raised.value.code == code
    assert _count(store, LookoutFingerprint) == 0
    assert _count(store, AuditEvent) == events


def test_a_bad_finger_or_entry_is_refused(store: Store) -> None:
    with pytest.raises(FingerprintInputError, match="use 1-10") as raised:
        _attach(store, png(finger_image(3, 0)), finger=11)
    assert raised.value.code == "finger_position"
    with pytest.raises(UnknownEntryError):
        _attach(store, png(finger_image(3, 0)), entry="NL-99999")
    assert _count(store, LookoutFingerprint) == 0


def test_every_access_is_audited_and_duplicates_are_refused(store: Store) -> None:
    fingerprint = _attach(store, png(finger_image(3, 0)))
    with pytest.raises(FingerprintInputError, match="already attached"):
        _attach(store, png(finger_image(3, 0)))
    _search(store, LookoutFingers(), 3, 2)
    with UnitOfWork(store) as uow:
        list_fingerprints(uow.session, LOOKOUT_LIST, "NL-00001", actor="aud", now=NOW)
        with pytest.raises(FingerprintInputError, match="say why"):
            remove_fingerprint(uow, fingerprint, reason="no", actor="ann", now=NOW)
        remove_fingerprint(
            uow, fingerprint, reason="the wrong person's print", actor="ann", now=NOW
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        actions = [
            (e.actor, e.action)
            for e in uow.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.like("lookout_fingerprint.%"))
                .order_by(AuditEvent.seq)
            )
        ]
    assert actions == [
        ("ann", "lookout_fingerprint.add"),
        ("olga", "lookout_fingerprint.load"),
        ("aud", "lookout_fingerprint.list"),
        ("ann", "lookout_fingerprint.remove"),
    ]
