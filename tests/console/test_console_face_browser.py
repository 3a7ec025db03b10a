"""The impostor warning in a real browser: a primary inspection with a chip portrait and a live
capture of a different person shows "possible impostor" beside the chip verdict, as a
candidate for the officer (Debian's Chromium through Playwright)."""

from __future__ import annotations

import base64

import httpx
from playwright.sync_api import Browser, expect

from borderpost.config import Settings
from borderpost.store import Store
from tests.biometrics.portraits import grace_hopper_bytes
from tests.console.conftest import PASSWORD
from tests.console.test_console_browser import _page, browser
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
