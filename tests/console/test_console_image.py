"""The inspection page reads an uploaded photo into the MRZ field; the officer then inspects."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.console.conftest import DRAGO, Login
from tests.support.images import blank_png, photo_of


def _upload(client: TestClient, token: str, image: bytes, name: str = "doc.jpg") -> tuple[int, str]:
    answer = client.post(
        "/console/inspect/image",
        data={"csrf": token, "port": "LHR", "direction": "exit", "mrz": ""},
        files={"image": (name, image)},
    )
    return answer.status_code, answer.text


def test_the_page_offers_an_image_upload(client: TestClient, login: Login) -> None:
    login(client, "olga")
    page = client.get("/console/inspect").text
    assert 'type="file" id="image" name="image"' in page
    assert 'formaction="/console/inspect/image" formenctype="multipart/form-data"' in page


def test_a_photo_fills_the_mrz_field_then_inspection_runs(client: TestClient, login: Login) -> None:
    token = login(client, "olga")
    status, page = _upload(client, token, photo_of(DRAGO))
    assert status == 200, page[:500]
    found = re.search(r"<textarea[^>]*>([^<]*)</textarea>", page)
    assert found is not None and html.unescape(found.group(1)) == DRAGO
    assert "Read from the image with confidence" in page
    assert 'value="exit" checked' in page  # the officer's choices are kept
    answer = client.post(
        "/console/inspect",
        data={"csrf": token, "mrz": DRAGO, "port": "LHR", "direction": "exit"},
    )
    assert answer.status_code == 303


def test_a_bad_upload_comes_back_with_the_reason(client: TestClient, login: Login) -> None:
    token = login(client, "olga")
    status, page = _upload(client, token, blank_png(), "blank.png")
    assert status == 422 and "no machine readable zone was found" in page
    assert 'id="image-error" role="alert"' in page
    status, page = _upload(client, token, b"GIF89a broken", "x.gif")
    assert status == 422 and "not an image this reader can decode" in page
    missing = client.post(
        "/console/inspect/image", data={"csrf": token, "port": "LHR", "direction": "entry"}
    )
    assert missing.status_code == 422 and "Choose a photo or scan" in missing.text


def test_an_upload_without_the_csrf_token_is_refused(client: TestClient, login: Login) -> None:
    login(client, "olga")
    answer = client.post(
        "/console/inspect/image",
        data={"port": "LHR", "direction": "entry"},
        files={"image": ("doc.png", blank_png())},
    )
    assert answer.status_code in (400, 403)
