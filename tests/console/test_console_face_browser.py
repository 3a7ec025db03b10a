"""The impostor warning in a real browser: a primary inspection with a chip portrait and a live
capture of a different person shows "possible impostor" beside the chip verdict, as a
candidate for the officer (Debian's Chromium through Playwright), whether the inspection came
through the API or through the console's form (files chosen, as a reader and a camera give
them)."""

from __future__ import annotations

import base64

import httpx
from playwright.sync_api import Browser, FilePayload, expect

from borderpost.config import Settings
from borderpost.store import Store
from tests.biometrics.portraits import grace_hopper_bytes
from tests.console.conftest import PASSWORD
from tests.console.test_console_browser import _page, browser
from tests.console.test_console_live_capture import chip_files
from tests.web.test_web_face import MRZ, chip_with_portrait

__all__ = ["browser"]  # the module-scoped Chromium fixture, shared


def test_impostor_warning_beside_the_chip_verdict(
    browser: Browser, live_server: str, seeded: tuple[Settings, Store]
) -> None:
    chip = chip_with_portrait(seeded[1])
    with httpx.Client(base_url=live_server, timeout=120) as api:
        token = api.post(
            "/api/v1/auth/token", data={"username": "olga", "password": PASSWORD}
        ).json()["access_token"]
        answer = api.post(
            "/api/v1/inspections",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "mrz": MRZ,
                "port": "LHR",
                "direction": "entry",
                "chip": chip,
                "live_face": base64.b64encode(grace_hopper_bytes()).decode("ascii"),
            },
        )
    assert answer.status_code == 201, answer.text
    inspection = answer.json()["id"]

    page = _page(browser, live_server, "olga")
    page.goto(f"/console/inspections/{inspection}")
    card = page.locator("#face")
    expect(card.locator("h2")).to_contain_text("possible impostor")
    expect(card).to_contain_text("never an automatic refusal")
    expect(page.locator("#chip h2")).to_contain_text("authentic")
    page.context.close()


def test_console_form_with_chip_and_live_capture_warns_of_an_impostor(
    browser: Browser, live_server: str, seeded: tuple[Settings, Store]
) -> None:
    files = chip_files(chip_with_portrait(seeded[1]))
    page = _page(browser, live_server, "olga")
    page.goto("/console/inspect")
    page.get_by_label("Machine-readable zone (scan or type)").fill(MRZ)
    page.locator("#chip_sod").set_input_files(
        [FilePayload(name=n, mimeType=m, buffer=b) for f, (n, b, m) in files if f == "chip_sod"]
    )
    page.locator("#chip_dg").set_input_files(
        [FilePayload(name=n, mimeType=m, buffer=b) for f, (n, b, m) in files if f == "chip_dg"]
    )
    page.get_by_label("Live capture of the traveller's face").set_input_files(
        {"name": "capture.jpg", "mimeType": "image/jpeg", "buffer": grace_hopper_bytes()}
    )
    # Where the browser has a camera API (127.0.0.1 is a secure context), the button shows.
    expect(page.get_by_role("button", name="Use the camera")).to_be_visible()
    page.get_by_role("button", name="Inspect", exact=True).click()
    page.wait_for_url("**/console/inspections/*", timeout=120_000)
    expect(page.locator("#chip h2")).to_contain_text("authentic")
    card = page.locator("#face")
    expect(card.locator("h2")).to_contain_text("possible impostor")
    expect(card).to_contain_text("never an automatic refusal")
    expect(page.locator(".verdict")).to_contain_text("Refer")
    page.context.close()


#: A camera for the page: a canvas stream stands in for the booth's camera (the shared
#: browser has no fake-device flags), so the page's own getUserMedia code path runs.
FAKE_CAMERA = """
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 320; canvas.height = 240;
  const g = canvas.getContext("2d");
  let tick = 0;
  const draw = () => { g.fillStyle = `hsl(${tick++ % 360}, 60%, 50%)`; g.fillRect(0, 0, 320, 240) };
  setInterval(draw, 30);
  return canvas.captureStream(15);
};
"""


def test_camera_snapshot_fills_the_live_capture_field(browser: Browser, live_server: str) -> None:
    page = _page(browser, live_server, "olga")
    page.add_init_script(FAKE_CAMERA)
    page.goto("/console/inspect")
    page.get_by_role("button", name="Use the camera").click()
    expect(page.locator(".camera-video")).to_be_visible()
    page.wait_for_function("() => document.querySelector('.camera-video').videoWidth > 0")
    page.get_by_role("button", name="Take the picture").click()
    expect(page.locator(".camera-status")).to_contain_text("Snapshot taken")
    chosen = page.evaluate(
        "() => { const f = document.getElementById('live_face').files;"
        " return f.length ? [f.length, f[0].name, f[0].type, f[0].size] : [0]; }"
    )
    assert chosen[:3] == [1, "live-capture.jpg", "image/jpeg"] and chosen[3] > 500
    expect(page.locator(".camera-snapshot")).to_be_visible()
    expect(page.locator(".camera-video")).to_be_hidden()  # the camera is released
    page.context.close()
