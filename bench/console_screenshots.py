"""Screenshots of the web console's main pages, at 1366x768, into ``docs/screenshots/``.

Runs the demo job (``borderpost demo --no-serve``) into a fresh data folder, gives the demo
accounts passwords, serves the console on a free loopback port and drives Debian's Chromium
through it: a primary inspection of a watchlisted traveller of the demo world, the
supervisor's queues, the analyst's lists and dashboard, a demo flight's PAXLST with a
watchlisted traveller uploaded for pre-arrival targeting and its review queue, the auditor's
trail.

    .venv/bin/python bench/console_screenshots.py [--out docs/screenshots] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from pydantic import SecretStr

from borderpost.cli.demo_console import DemoLogin, demo_logins, listed_passport
from borderpost.cli.demo_world import BOOTH_DAY, DEMO_WORLD
from borderpost.config import Settings
from borderpost.passengers import manifest_from_sim, write_paxlst
from borderpost.store import open_store
from borderpost.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}


def _run_demo(data: Path) -> None:
    env = {**os.environ, "BORDERPOST_DATA_DIR": str(data)}
    env.pop("BORDERPOST_DATABASE_URL", None)
    command = [sys.executable, "-c", "from borderpost.cli import main; main()", "demo"]
    subprocess.run([*command, "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)


def _serve(settings: Settings) -> tuple[uvicorn.Server, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = open_store(settings)
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, store=store, warm=True), port=port, log_level="error")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def _listed_flight(world: Path) -> bytes | None:
    """The PAXLST of the first demo flight carrying a traveller the watchlist names."""
    truth = json.loads((world / "truth.json").read_text(encoding="utf-8"))
    listed = {row["traveller_id"] for row in truth["watchlist"] if row["traveller_id"]}
    with (world / "manifests.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if any(p["traveller_id"] in listed for p in record["passengers"]):
                text = write_paxlst([manifest_from_sim(record)], prepared=dt.datetime(2026, 1, 1))
                return text.encode()
    return None


def _login(browser: Browser, base: str, login: DemoLogin) -> Page:
    page = browser.new_context(viewport=VIEWPORT, base_url=base).new_page()
    page.goto("/console/login")
    page.get_by_label("Username").fill(login.username)
    page.get_by_label("Password").fill(login.password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/console/login" not in url)
    return page


def _shoot(page: Page, out: Path, name: str, path: str | None = None) -> None:
    if path is not None:
        page.goto(path)
    page.screenshot(path=str(out / f"{name}.png"))
    print(f"{out / name}.png  {page.url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--data", type=Path, default=None, help="Data folder (default: temporary).")
    options = parser.parse_args()
    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    data = options.data or Path(tempfile.mkdtemp(prefix="borderpost-shots-"))
    started = time.perf_counter()
    _run_demo(data)
    settings = Settings(
        data_dir=data, database_url=None, secret_key=SecretStr(secrets.token_urlsafe(48))
    )
    store = open_store(settings)
    logins = {login.role: login for login in demo_logins(store, dt.datetime.now(dt.UTC))}
    store.dispose()
    mrz = listed_passport(data / "demo-world")
    if mrz is None:
        raise SystemExit("no watchlisted traveller's passport in the demo world")
    server, base = _serve(settings)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        _shoot(
            browser.new_context(viewport=VIEWPORT, base_url=base).new_page(),
            out,
            "login",
            "/console/login",
        )
        officer = _login(browser, base, logins["officer"])
        officer.get_by_label("Machine-readable zone (scan or type)").fill(mrz)
        _shoot(officer, out, "inspect")
        officer.keyboard.press("Enter")
        officer.wait_for_url("**/console/inspections/*")
        officer.locator("#hits-heading + table summary").first.click()
        _shoot(officer, out, "verdict")
        officer.get_by_label("Reason (required)").fill("possible watchlist match, to secondary")
        officer.get_by_role("button", name="Record decision").click()
        officer.wait_for_url("**#decision")
        _shoot(officer, out, "referrals", "/console/referrals")
        supervisor = _login(browser, base, logins["supervisor"])
        _shoot(supervisor, out, "approvals", "/console/approvals")
        day = (DEMO_WORLD.start + dt.timedelta(days=BOOTH_DAY)).isoformat()
        _shoot(supervisor, out, "dashboard_port", f"/console/dashboard?day={day}")
        analyst = _login(browser, base, logins["analyst"])
        _shoot(analyst, out, "dashboard_hq", f"/console/dashboard?day={day}")
        _shoot(analyst, out, "lists", "/console/lists")
        _shoot(analyst, out, "search", "/console/lists/search?name=Ahmed+Kalfan+Ghailani")
        _shoot(analyst, out, "lookout", "/console/lists/lookout")
        flight = _listed_flight(data / "demo-world")
        if flight is not None:
            analyst.goto("/console/targeting/manifests")
            analyst.get_by_label("PAXLST or PNRGOV file (UN/EDIFACT)").set_input_files(
                {"name": "flight.edi", "mimeType": "text/plain", "buffer": flight}
            )
            analyst.get_by_role("button", name="Submit for assessment").click()
            analyst.wait_for_url("**/console/targeting/manifests/*")
            _shoot(analyst, out, "manifest")
            _shoot(analyst, out, "review_queue", "/console/targeting/reviews")
        auditor = _login(browser, base, logins["auditor"])
        _shoot(auditor, out, "audit", "/console/audit?action=decision")
        _shoot(auditor, out, "chain", "/console/audit/chain")
        _shoot(auditor, out, "officers", "/console/audit/officers")
        browser.close()
    server.should_exit = True
    print(f"{len(list(out.glob('*.png')))} screenshots in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
