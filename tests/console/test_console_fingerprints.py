"""Fingerprints in the console (in-process): an analyst attaches a lookout's print from the
lookout page; the inspect form takes the booth's prints, and the verdict card shows a
lookout whose finger matches as a candidate; an unusable print is a finding, not an error."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import LookoutFingerprint
from tests.biometrics.fingers import finger_image, png
from tests.console.conftest import Login
from tests.web.test_web_face import MRZ


def _prints(store: Store) -> int:
    with UnitOfWork(store) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(LookoutFingerprint)) or 0)


def test_a_lookout_print_is_attached_and_found_at_the_inspect_form(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    csrf = login(client, "ann")
    page = client.get("/console/lists/lookout").text
    assert page.count('action="/console/lists/lookout/fingerprint"') == 1
    assert '<option value="2" selected>2 · right index</option>' in page
    form = {"csrf": csrf, "fp_list": "lookouts", "fp_entry": "W1", "fp_finger": "2"}
    bad = client.post(
        "/console/lists/lookout/fingerprint",
        data=form,
        files={"fingerprint": ("w1.png", b"\x89PNG\r\n\x1a\n broken", "image/png")},
    )
    assert bad.status_code == 422 and 'id="fingerprint-error"' in bad.text
    assert "not a readable PNG" in bad.text
    assert _prints(seeded[1]) == 0
    good = client.post(
        "/console/lists/lookout/fingerprint",
        data=form,
        files={"fingerprint": ("w1.png", png(finger_image(3, 0)), "image/png")},
    )
    assert good.status_code == 200, good.text
    assert "Fingerprint attached" in good.text and "W1 (Ivan Petrovich Drago)" in good.text
    assert _prints(seeded[1]) == 1

    csrf = login(client, "olga")
    assert client.post("/console/lists/lookout/fingerprint", data=form).status_code == 403
    assert 'name="finger_2"' in client.get("/console/inspect").text
    inspect_form = {"csrf": csrf, "mrz": MRZ, "port": "LHR", "direction": "entry"}
    answer = client.post(
        "/console/inspect",
        data=inspect_form,
        files=[
            ("finger_2", ("index.png", png(finger_image(3, 2)), "image/png")),
            ("finger_7", ("left.png", b"not an image at all", "image/png")),
        ],
    )
    assert answer.status_code == 303, answer.text
    card = client.get(answer.headers["location"]).text
    assert 'id="fingerprint-candidates"' in card
    assert "fingerprint (right index) matches lookout Ivan Petrovich Drago" in card
    assert "candidate for an officer to confirm" in card
    assert "fingerprint_unusable" in card and "left index" in card
    assert _prints(seeded[1]) == 1  # the booth's prints are not kept
