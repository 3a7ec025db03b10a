"""The duplicate-identity search with faces: the applicant's enrolment photo searched 1:N over
every earlier applicant's (public-domain portraits), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest
from sqlalchemy import func, select

from borderpost.issuance import IssuanceConflict, IssuanceInvalid
from borderpost.issuance.applications import add_evidence, check_identity, create_application
from borderpost.issuance.decisions import submit
from borderpost.issuance.photos import enrol_photo, read_photo
from borderpost.issuance.rules import default_rules
from borderpost.issuance.views import application_view
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import ApplicationFace, AuditEvent, DuplicateCandidate
from tests.biometrics.portraits import astronaut, coffee, encode, grace_hopper_bytes, variations
from tests.support.issuance import NOW, enrol, person, user

LATER = NOW + dt.timedelta(hours=1)


@cache
def _collins() -> bytes:
    return encode(astronaut())


@cache
def _collins_again() -> bytes:
    """The same face as another capture would give it (recompressed at JPEG quality 30)."""
    return variations(astronaut())["JPEG quality 30"]


def _first(store: Store, photo: bytes | None) -> int:
    """IVAN PETROV's application, submitted with ``photo``."""
    with UnitOfWork(store) as uow:
        row = enrol(uow.session, person(), photo=photo)
        uow.commit()
        return row.id


def _second(store: Store, photo: bytes | None, **changes: object) -> tuple[int, dict[str, Any]]:
    """A second application under another identity (name, sex, birth date, identity number,
    contacts), taken with ``photo`` and submitted: its id and the submission's answer."""
    values: dict[str, object] = {
        "surname": "KOVACS",
        "given_names": "MARIA",
        "sex": "F",
        "birth_date": dt.date(1979, 7, 2),
        "national_id": "790702-0042",
        "address": "3 Hill Street",
        "phone": "+99 555 0199",
        **changes,
    }
    with UnitOfWork(store) as uow:
        omar = user(uow.session, "omar")
        row = create_application(uow.session, officer=omar, data=person(**values), now=LATER)
        if photo is not None:
            enrol_photo(uow.session, row.id, actor=omar, photo=photo, now=LATER)
        for kind, number in (("birth_certificate", "BC-9"), ("national_id_card", "ID-9")):
            add_evidence(
                uow.session,
                row.id,
                actor=omar,
                kind=kind,
                issuer="Civil registry",
                number=number,
                result="verified",
                now=LATER,
            )
        check_identity(
            uow.session, row.id, actor=omar, method="photo against ID", matches=True, now=LATER
        )
        answer = submit(
            uow.session, row.id, actor=omar, book=default_rules(), screener=None, now=LATER
        )
        uow.commit()
        return row.id, answer


def test_one_face_under_two_identities_is_a_candidate(store: Store) -> None:
    first = _first(store, _collins())
    second, answer = _second(store, _collins_again())
    (match,) = answer["duplicates"]
    assert (match["other_kind"], match["other_id"]) == ("application", first)
    assert match["reasons"][0].startswith("face: one face under two identities")
    assert "within the threshold 0.60" in match["reasons"][0]
    assert "'MARIA KOVACS'" in match["reasons"][1] and "'IVAN PETROV'" in match["reasons"][1]
    assert 0.5 < match["score"] <= 1.0
    assert "against 1 earlier enrolled photo(s): 1 within" in answer["face_search"]
    with UnitOfWork(store) as uow:
        candidate = uow.session.scalars(select(DuplicateCandidate)).one()
        # A candidate for a person to adjudicate: nothing is refused automatically.
        assert candidate.status == "open" and candidate.application_id == second
        view = application_view(uow.session, second, actor=user(uow.session, "sara"), now=LATER)
        assert view["status"] == "submitted" and view["photo"]["enrolled"] is True
        search = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "issuance.face_search")
        ).all()
        assert [(e.subject_id, e.details["candidates"]) for e in search] == [
            (str(first), []),
            (str(second), [first]),
        ]


def test_different_faces_and_the_same_identity_are_not_candidates(store: Store) -> None:
    _first(store, _collins())
    _, answer = _second(store, grace_hopper_bytes())
    assert answer["duplicates"] == []
    assert "against 1 earlier enrolled photo(s): 0 within" in answer["face_search"]
    # The same face under the same identity number is a renewal, not a duplicate.
    _, renewal = _second(
        store,
        _collins_again(),
        kind="renewal",
        surname="PETROV",
        given_names="IVAN",
        sex="M",
        birth_date=dt.date(1985, 3, 14),
        national_id="850314-0001",
    )
    assert renewal["duplicates"] == []
    assert "against 2 earlier enrolled photo(s): 1 within" in renewal["face_search"]


def test_without_a_photo_the_search_says_so(store: Store) -> None:
    first = _first(store, _collins())
    # The same identity claimed again without a photo: the name candidate says no photo.
    _, answer = _second(
        store,
        None,
        surname="PETROV",
        given_names="IVAN",
        sex="M",
        birth_date=dt.date(1985, 3, 14),
    )
    assert answer["face_search"] == "no photo enrolled: the face was not searched"
    (match,) = answer["duplicates"]
    assert match["other_id"] == first
    assert match["reasons"][-1] == "face: no photo enrolled for this application"


def test_unusable_photos_are_refused_and_nothing_is_half_stored(store: Store) -> None:
    with UnitOfWork(store) as uow:
        ines = user(uow.session, "ines")
        row = create_application(uow.session, officer=ines, data=person(), now=NOW)
        enrol_photo(uow.session, row.id, actor=ines, photo=_collins(), now=NOW)
        uow.commit()
        app_id = row.id
    broken = _collins()[:300] + b"\x00" * 40
    cases = {
        b"\xff\xd8\xff\xe0 not really a jpeg": "photo: ",
        broken: "photo: ",
        encode(coffee()): "photo: no face found",
        b"": "photo: ",
    }
    for data, message in cases.items():
        with UnitOfWork(store) as uow:
            ines = user(uow.session, "ines")
            with pytest.raises(IssuanceInvalid) as raised:
                enrol_photo(uow.session, app_id, actor=ines, photo=data, now=LATER)
            assert str(raised.value).startswith(message), raised.value
            uow.commit()
    with UnitOfWork(store) as uow:
        kept = uow.session.get(ApplicationFace, app_id)
        assert kept is not None and kept.photo == _collins() and len(kept.template) == 512
        photos = uow.session.scalar(
            select(func.count(AuditEvent.seq)).where(AuditEvent.action == "issuance.photo")
        )
        assert photos == 1


def test_photo_reads_are_audited_and_only_drafts_take_photos(store: Store) -> None:
    first = _first(store, _collins())
    with UnitOfWork(store) as uow:
        sara = user(uow.session, "sara")
        data = read_photo(uow.session, first, actor=sara, purpose="adjudicate candidate", now=LATER)
        assert data == _collins()
        with pytest.raises(IssuanceConflict, match="before submission"):
            enrol_photo(uow.session, first, actor=user(uow.session, "ines"), photo=data, now=LATER)
        uow.commit()
    with UnitOfWork(store) as uow:
        reads = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "issuance.photo_read")
        ).all()
        assert [(e.actor, e.details["purpose"]) for e in reads] == [
            ("sara", "adjudicate candidate")
        ]
