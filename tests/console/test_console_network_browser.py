"""The network view in a real browser (Debian's Chromium through Playwright): the SVG is drawn
from the server's layout, a click on a node shows its reasons and records and dims the rest,
a community can be highlighted, zoom changes the view box, the keyboard reaches the nodes."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from borderpost.config import Settings
from borderpost.store import Store
from tests.console.test_console_browser import _page, browser
from tests.console.test_console_intel import add_records

__all__ = ["browser"]  # the module-scoped Chromium fixture, shared with the console's tests


def test_the_network_view_is_interactive(
    browser: Browser, live_server: str, seeded: tuple[Settings, Store]
) -> None:
    add_records(seeded[1])
    page = _page(browser, live_server, "ann")
    page.goto("/console/intel/network")
    view = page.locator("#network-view")
    expect(view).to_be_visible()
    circles = view.locator("circle")
    expect(circles.first).to_be_visible()
    count = circles.count()
    assert count >= 4
    phone = view.locator('circle[data-id="phone:+2290197000001"]')
    phone.click()
    details = page.locator("#node-details")
    expect(details).to_be_visible()
    expect(page.locator("#node-name")).to_have_text("phone:+2290197000001")
    expect(page.locator("#node-records")).to_contain_text("S-12")
    expect(page.locator("#node-reasons li").first).not_to_be_empty()
    dimmed = view.locator('circle[opacity="0.15"]')
    assert dimmed.count() >= 1  # the crossing is not a neighbour of the phone
    phone.click()  # a second click clears the selection
    expect(details).to_be_hidden()
    before = view.get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    assert view.get_attribute("viewBox") != before
    page.get_by_role("button", name="Reset view").click()
    assert view.get_attribute("viewBox") == "0 0 1000 700"
    community = phone.get_attribute("data-community")
    page.locator("#community-select").select_option(community)
    expect(phone).to_have_attribute("opacity", "1")
    page.locator("#community-select").select_option("")
    circles.first.focus()
    page.keyboard.press("Enter")
    expect(details).to_be_visible()
    page.context.close()
