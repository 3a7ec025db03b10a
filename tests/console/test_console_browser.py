"""The console in a real browser (Debian's Chromium through Playwright), keyboard first:
each role logs in; an officer scans a passport that hits the watchlist and refers, clears a
hit and admits (which waits for four eyes); the supervisor approves; the auditor finds the
approval in the trail; an analyst uploads a flight's PAXLST, sees the watchlist hit and
confirms it; no role reaches another role's pages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.console.conftest import DRAGO, PASSWORD, watchlisted_paxlst
from tests.support.web import ROLE_USERS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: Where each role lands after login (the first page of its menu).
LANDING = {
    "officer": "Primary inspection",
    "supervisor": "Primary inspection",
    "analyst": "Dashboard",
    "auditor": "Dashboard",
    "admin": "Lists",
    "issuance_officer": "Passport applications",
    "issuance_supervisor": "Passport applications",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("BORDERPOST_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium chromium-driver)")
        pytest.skip(f"{CHROMIUM} is missing (make test installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _page(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=base)
    page = context.new_page()
    page.goto("/console/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/console/login" not in url)
    return page


def _scan(page: Page, mrz: str) -> None:
    """Type the MRZ as a document reader does: each line ended by Enter."""
    page.goto("/console/inspect")
    expect(page.get_by_label("Machine-readable zone (scan or type)")).to_be_focused()
    for line in mrz.split("\n"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.wait_for_url("**/console/inspections/*")


@pytest.mark.parametrize("role", sorted(ROLE_USERS))
def test_each_role_logs_in_and_lands_on_its_page(
    browser: Browser, live_server: str, role: str
) -> None:
    page = _page(browser, live_server, ROLE_USERS[role])
    expect(page.locator("main h1")).to_contain_text(LANDING[role])
    page.context.close()


def test_inspection_hit_refer_approve_and_audit(browser: Browser, live_server: str) -> None:
    officer = _page(browser, live_server, "olga")
    _scan(officer, DRAGO)
    expect(officer.locator(".verdict")).to_contain_text("CHECK")
    hits = officer.locator("#hits-heading + table")
    expect(hits).to_contain_text("DRAGO")
    expect(hits).to_contain_text("Ivan Petrovich Drago")
    # Keyboard only: the suggested action has the focus; a reason, Enter.
    expect(officer.locator("input[name=decision][value=refer]")).to_be_focused()
    officer.keyboard.press("Tab")
    officer.keyboard.type("possible match with the national lookout list")
    hits.locator("summary").first.click()
    expect(hits.locator("details li").first).to_be_visible()
    officer.get_by_label("Reason (required)").focus()
    officer.keyboard.press("Enter")
    officer.wait_for_url("**#decision")
    expect(officer.locator(".decision-line")).to_contain_text("in force")

    # Same traveller again: the officer clears the hit and admits, which needs four eyes.
    _scan(officer, DRAGO)
    officer.locator("input[name=decision][value=admit]").check()
    officer.get_by_label("Reason (required)").fill("secondary found a different person")
    officer.locator("input[name^=clear_]").fill("different birthplace and photo on file")
    officer.get_by_role("button", name="Record decision").click()
    expect(officer.locator(".decision-line")).to_contain_text("awaiting a supervisor")

    supervisor = _page(browser, live_server, "sue")
    supervisor.goto("/console/referrals")
    expect(supervisor.locator("main table")).to_contain_text("DRAGO")
    supervisor.goto("/console/approvals")
    expect(supervisor.locator(".approval").first).to_contain_text("olga")
    supervisor.locator(".approval").first.get_by_role("button", name="Approve").click()
    expect(supervisor.locator(".notice")).to_contain_text("approved")

    auditor = _page(browser, live_server, "aud")
    auditor.goto("/console/audit")
    auditor.get_by_label("Action (or its start)").fill("decision.approve")
    auditor.get_by_label("Action (or its start)").press("Enter")
    expect(auditor.locator("table.events tbody")).to_contain_text("sue")
    expect(auditor.locator("table.events tbody")).to_contain_text("decision.approve")
    auditor.goto("/console/audit/chain")
    expect(auditor.locator(".verdict")).to_contain_text("INTACT")
    for page in (officer, supervisor, auditor):
        page.context.close()


def test_roles_cannot_reach_other_roles_pages(browser: Browser, live_server: str) -> None:
    refused = {
        "olga": "/console/audit",
        "sue": "/console/lists/lookout",
        "ann": "/console/approvals",
        "aud": "/console/inspect",
        "adm": "/console/dashboard",
    }
    for username, path in refused.items():
        page = _page(browser, live_server, username)
        answer = page.goto(path)
        assert answer is not None and answer.status == 403, (username, path)
        expect(page.locator("main h1")).to_contain_text("Not allowed")
        page.context.close()


def test_bad_input_is_a_clear_message(browser: Browser, live_server: str) -> None:
    officer = _page(browser, live_server, "olga")
    officer.goto("/console/inspect")
    officer.get_by_label("Machine-readable zone (scan or type)").fill("NOT AN MRZ AT ALL")
    officer.get_by_role("button", name="Inspect").click()
    expect(officer.locator(".field-error")).to_contain_text("no MRZ could be read")
    expect(officer.get_by_label("Machine-readable zone (scan or type)")).to_have_attribute(
        "aria-invalid", "true"
    )
    officer.context.close()


def test_analyst_uploads_a_flight_and_confirms_the_hit(browser: Browser, live_server: str) -> None:
    analyst = _page(browser, live_server, "ann")
    analyst.get_by_role("link", name="Manifests").click()
    analyst.get_by_label("PAXLST or PNRGOV file (UN/EDIFACT)").set_input_files(
        {"name": "zz123.edi", "mimeType": "text/plain", "buffer": watchlisted_paxlst()}
    )
    analyst.get_by_role("button", name="Submit for assessment").click()
    analyst.wait_for_url("**/console/targeting/manifests/*")
    travellers = analyst.locator("table.travellers")
    expect(travellers).to_contain_text("DRAGO")
    expect(travellers).to_contain_text("Ivan Petrovich Drago")
    analyst.get_by_role("link", name="Review queue").first.click()
    hit = analyst.locator("section.review", has_text="DRAGO").filter(has_text="Watchlist")
    hit.get_by_label("Confirmed").check()
    hit.get_by_label("Reason (required)").fill("same birth date and passport as the listing")
    hit.get_by_role("button", name="Record review").click()
    expect(analyst.locator(".notice")).to_contain_text("Confirmed")
    expect(analyst.locator(".notice")).to_contain_text("A lookout was sent to LHR")
    analyst.context.close()
