"""Lookout photos stored with their face templates and searched 1:N (SQLite and PostgreSQL),
with the public-domain portraits of tests/biometrics/portraits.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from borderpost.biometrics import analyse_face
from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, LookoutPhoto
from borderpost.watchlists.errors import PhotoInputError, UnknownEntryError
from borderpost.watchlists.face_gallery import LookoutFaces
from borderpost.watchlists.lookouts import LOOKOUT_LIST, add_lookout
from borderpost.watchlists.photos import add_photo, list_photos, photo_image, remove_photo
from tests.biometrics.portraits import (
    astronaut,
    coffee,
    encode,
    grace_hopper,
    grace_hopper_bytes,
    variations,
)

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
LIMIT = 8 * 1024 * 1024


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    settings = Settings(database_url=database_url, secret_key=SecretStr("s" * 40))
    opened = open_store(settings, auto_migrate=True)
    with UnitOfWork(opened) as uow:
        add_lookout(
            uow,
            name="Grace Brewster Hopper",
            reason="test lookout with a public-domain photo",
            actor="ann",
            now=NOW,
        )
        uow.commit()
    yield opened
    opened.dispose()


def _attach(store: Store, data: bytes, entry: str = "NL-00001") -> int:
    with UnitOfWork(store) as uow:
        view = add_photo(
            uow,
            list_name=LOOKOUT_LIST,
            entry_id=entry,
            data=data,
            max_bytes=LIMIT,
            actor="ann",
            now=NOW,
            note="US Navy portrait",
        )
        uow.commit()
    return view.id


def _count(store: Store, model: type[LookoutPhoto] | type[AuditEvent]) -> int:
    with UnitOfWork(store) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_variation_of_her_photo_finds_the_lookout_and_another_face_does_not(
    store: Store,
) -> None:
    photo = _attach(store, grace_hopper_bytes())
    gallery = LookoutFaces()
    hopper = analyse_face(variations(grace_hopper())["darker"]).template
    collins = analyse_face(encode(astronaut())).template
    assert hopper is not None and collins is not None
    with UnitOfWork(store) as uow:
        found = gallery.search(
            uow.session, hopper, min_score=0.5, probe_name="the live capture", actor="t", now=NOW
        )
        assert [(c.entry_id, c.photo_id) for c in found] == [("NL-00001", photo)]
        assert found[0].score > 0.7
        assert found[0].reason.startswith(
            "face resembles lookout photo of Grace Brewster Hopper (national-lookouts NL-00001"
        )
        assert "candidate for an officer to confirm" in found[0].reason
        other = gallery.search(
            uow.session, collins, min_score=0.5, probe_name="the live capture", actor="t", now=NOW
        )
        assert other == []
        loads = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "lookout_photo.load")
        ).all()
        assert len(loads) == 1  # templates loaded once, the second search reused them
        uow.commit()

    with UnitOfWork(store) as uow:  # removed: out of the gallery in the same process
        remove_photo(uow, photo, reason="photo shows someone else", actor="ann", now=NOW)
        uow.commit()
    with UnitOfWork(store) as uow:
        assert gallery.refresh(uow.session, actor="t", now=NOW) == 0
        assert (
            gallery.search(uow.session, hopper, min_score=0.5, probe_name="x", actor="t", now=NOW)
            == []
        )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xff\xd8\xff\xe0 truncated, not really a jpeg", "image_undecodable"),
        (b"", "image_empty"),
        (b"%PDF-1.4 a document, not a photo", "image_undecodable"),
    ],
)
def test_a_corrupt_photo_is_refused_and_nothing_is_stored(
    store: Store, data: bytes, code: str
) -> None:
    events = _count(store, AuditEvent)
    with pytest.raises(PhotoInputError) as refused:
        _attach(store, data)
    assert refused.value.code == code
    assert "the photo" in refused.value.message
    assert _count(store, LookoutPhoto) == 0
    assert _count(store, AuditEvent) == events


def test_a_photo_without_a_face_or_for_no_entry_is_refused(store: Store) -> None:
    with pytest.raises(PhotoInputError, match="no usable face in the photo: no face found"):
        _attach(store, encode(coffee()))
    with pytest.raises(UnknownEntryError, match="no current entry 'NL-09999'"):
        _attach(store, grace_hopper_bytes(), entry="NL-09999")
    assert _count(store, LookoutPhoto) == 0


def test_every_access_is_audited_and_duplicates_are_refused(store: Store) -> None:
    photo = _attach(store, grace_hopper_bytes())
    with pytest.raises(PhotoInputError, match="already attached to NL-00001"):
        _attach(store, grace_hopper_bytes())
    with UnitOfWork(store) as uow:
        views = list_photos(uow.session, LOOKOUT_LIST, "NL-00001", actor="olga", now=NOW)
        data, media = photo_image(uow.session, photo, actor="olga", now=NOW)
        uow.commit()
    assert [v.id for v in views] == [photo] and views[0].media_type == "image/jpeg"
    assert views[0].face["faces_found"] == 1 and "template" not in views[0].to_dict()
    assert data == grace_hopper_bytes() and media == "image/jpeg"
    with UnitOfWork(store) as uow:
        actions = [
            (e.actor, e.action)
            for e in uow.session.scalars(
                select(AuditEvent).where(AuditEvent.action.like("lookout_photo.%"))
            )
        ]
    assert actions == [
        ("ann", "lookout_photo.add"),
        ("olga", "lookout_photo.list"),
        ("olga", "lookout_photo.read"),
    ]
