"""The console's inspect form takes the chip's files and a live capture (in-process): the
verdict card shows the chip verdict and the face result; unusable files are refused with the
reason and nothing is inspected; an analyst attaches a lookout photo from the lookout page."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import Inspection, LookoutPhoto
from borderpost.web import create_app
from tests.biometrics.portraits import grace_hopper_bytes
from tests.console.conftest import Login
from tests.web.test_web_face import MRZ, chip_with_portrait

Files = list[tuple[str, tuple[str, bytes, str]]]


def chip_files(chip: dict[str, Any]) -> Files:
    """The chip of :func:`chip_with_portrait` as the files a reader writes."""
    files: Files = [
        ("chip_sod", ("EF.SOD", base64.b64decode(chip["sod"]), "application/octet-stream"))
    ]
    for number, data in chip["data_groups"].items():
        files.append(
            ("chip_dg", (f"EF_DG{number}.bin", base64.b64decode(data), "application/octet-stream"))
        )
    return files


def _inspections(store: Store) -> int:
    with UnitOfWork(store) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Inspection)) or 0)


def _post(client: TestClient, csrf: str, files: Files) -> Any:
    form = {"csrf": csrf, "mrz": MRZ, "port": "LHR", "direction": "entry"}
    return client.post("/console/inspect", data=form, files=files)


def test_the_form_offers_a_live_capture_and_the_chip(client: TestClient, login: Login) -> None:
    login(client, "olga")
    page = client.get("/console/inspect").text
    assert 'enctype="multipart/form-data"' in page
    assert 'name="live_face" accept="image/*" capture="user"' in page
    assert 'name="chip_sod"' in page and 'name="chip_dg" multiple' in page
    assert 'data-camera="live_face"' in page  # the camera button (shown by the script)


def test_chip_and_live_capture_give_the_face_beside_the_chip_verdict(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    chip = chip_with_portrait(seeded[1])
    csrf = login(client, "olga")
    live = [("live_face", ("capture.jpg", grace_hopper_bytes(), "image/jpeg"))]
    answer = _post(client, csrf, chip_files(chip) + live)
    assert answer.status_code == 303, answer.text
    card = client.get(answer.headers["location"]).text
    assert 'id="chip"' in card and "authentic" in card
    assert 'id="face"' in card and "possible impostor" in card
    assert "never an automatic refusal" in card


@pytest.mark.parametrize(
    ("files", "field", "message"),
    [
        (
            [("live_face", ("capture.jpg", b"GIF89a but truncated", "image/jpeg"))],
            "live_face",
            "the live capture is not a readable JPEG, PNG or JPEG 2000",
        ),
        (
            [("live_face", ("capture.txt", b"just some text", "text/plain"))],
            "live_face",
            "the live capture is not a readable JPEG, PNG or JPEG 2000",
        ),
        (
            [("chip_dg", ("portrait.bin", b"\x75\x00", "application/octet-stream"))],
            "chip_dg",
            "name each data group file by its number",
        ),
        (
            [("chip_dg", ("DG2.bin", b"\x75\x00", "application/octet-stream"))],
            "chip_sod",
            "the data groups need the chip's EF.SOD",
        ),
    ],
)
def test_unusable_files_are_refused_and_nothing_is_inspected(
    client: TestClient,
    login: Login,
    seeded: tuple[Settings, Store],
    files: Files,
    field: str,
    message: str,
) -> None:
    csrf = login(client, "olga")
    before = _inspections(seeded[1])
    answer = _post(client, csrf, files)
    assert answer.status_code == 422
    assert f'id="{field}-error"' in answer.text and message in answer.text.replace("&#39;", "'")
    assert _inspections(seeded[1]) == before


@pytest.fixture
def small_client(seeded: tuple[Settings, Store]) -> Iterator[TestClient]:
    settings = seeded[0].model_copy(update={"face_upload_max_bytes": 64 * 1024})
    app = create_app(settings, store=seeded[1])
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


def test_a_capture_over_the_size_cap_is_refused(
    small_client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    csrf = login(small_client, "olga")
    big = b"\xff\xd8\xff\xe0" + bytes(70 * 1024)
    answer = _post(small_client, csrf, [("live_face", ("big.jpg", big, "image/jpeg"))])
    assert answer.status_code == 422
    assert "the live capture (big.jpg) is larger than 64 kB" in answer.text


def test_an_analyst_attaches_a_photo_to_a_lookout(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    csrf = login(client, "ann")
    page = client.get("/console/lists/lookout").text
    assert 'action="/console/lists/lookout/photo"' in page
    form = {"csrf": csrf, "photo_list": "lookouts", "photo_entry": "W1", "photo_note": "file"}
    bad = client.post(
        "/console/lists/lookout/photo",
        data=form,
        files={"photo": ("w1.jpg", b"\x89PNG\r\n\x1a\n broken", "image/png")},
    )
    assert bad.status_code == 422 and 'id="photo-error"' in bad.text
    assert "not a readable JPEG, PNG or JPEG 2000" in bad.text
    with UnitOfWork(seeded[1]) as uow:
        assert uow.session.scalar(select(func.count()).select_from(LookoutPhoto)) == 0
    good = client.post(
        "/console/lists/lookout/photo",
        data=form,
        files={"photo": ("w1.jpg", grace_hopper_bytes(), "image/jpeg")},
    )
    assert good.status_code == 200, good.text
    assert "Photo attached" in good.text and "W1 (Ivan Petrovich Drago)" in good.text
    login(client, "olga")
    assert client.post("/console/lists/lookout/photo", data=form).status_code == 403
