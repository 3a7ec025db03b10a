"""The console in-process on SQLite: two ports, one account per role (a second officer and
supervisor at the other port), a small watchlist and a lost/stolen list, and a helper that
logs a test client in through the real login form."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from pydantic import SecretStr

from borderpost.config import Settings
from borderpost.documents import MrzFields, make_mrz
from borderpost.identity import create_user
from borderpost.inspection.ports import add_port
from borderpost.passengers import write_paxlst
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.watchlists.uploads import import_uploads
from borderpost.web import create_app
from tests.support.manifests import manifest, person
from tests.support.web import ACCOUNTS

SECRET = "console-tests-" + "k" * 40
PASSWORD = "correct horse battery"
WATCHLIST = b"id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n"
LOST_STOLEN = (
    b"issuing_country,document_number,document_type,status,reported_on,reference\n"
    b"UTO,ST0LEN123,passport,stolen,2026-01-05,INT-1\n"
)
_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def passport(surname: str, given: str, number: str, born: dt.date, country: str = "UTO") -> str:
    """A genuine TD3 MRZ."""
    return make_mrz(
        MrzFields(
            type="TD3",
            document_code="P",
            issuing_state=country,
            surname=surname,
            given_names=given,
            document_number=number,
            nationality=country,
            birth_date=born,
            sex="M",
            expiry_date=dt.date(2031, 5, 1),
        )
    )


DRAGO = passport("Drago", "Ivan Petrovich", "R1234567", dt.date(1970, 3, 4), "RUS")
ANNA = passport("Eriksson", "Anna Maria", "L898902C3", dt.date(1974, 8, 12))
STOLEN = passport("Brown", "Tom", "ST0LEN123", dt.date(1980, 1, 2))


def watchlisted_paxlst() -> bytes:
    """A generated flight into LHR (PAXLST, by the project's writer): one traveller on the
    test watchlist (Drago) and one clean traveller."""
    flight = manifest(
        person(
            "DRAGO",
            "IVAN PETROVICH",
            born=dt.date(1970, 3, 4),
            nationality="RUS",
            number="R1234567",
            issuer="RUS",
        ),
        person("MUSTERMANN", "ERIKA"),
        destination="LHR",
    )
    return write_paxlst([flight], prepared=dt.datetime(2026, 3, 9, 12, 0)).encode()


def seed(store: Store) -> None:
    """Ports, accounts and lists of the console tests."""
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        for code in ("LHR", "DOV"):
            add_port(uow.session, code=code, name=code, kind="airport", actor="t", now=now)
        for username, (role, port) in ACCOUNTS.items():
            create_user(
                uow.session,
                username=username,
                password=PASSWORD,
                role=role,
                port_code=port,
                actor="t",
                now=now,
            )
        for name, fmt, content in (("w.csv", "csv", WATCHLIST), ("s.csv", "sltd", LOST_STOLEN)):
            import_uploads(
                uow,
                [(name, content)],
                list_format=fmt,
                list_name="lookouts" if fmt == "csv" else None,
                version=None,
                allow_empty=False,
                actor="t",
                now=now,
            )
        uow.commit()


def console_settings(folder: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{folder / 'console.db'}",
        secret_key=SecretStr(SECRET),
        token_minutes=30,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Store]]:
    """One seeded database per test module (tests add to it, never rely on it being empty)."""
    settings = console_settings(tmp_path_factory.mktemp("console"))
    store = open_store(settings, auto_migrate=True)
    seed(store)
    yield settings, store
    store.dispose()


@pytest.fixture
def client(seeded: tuple[Settings, Store]) -> Iterator[TestClient]:
    settings, store = seeded
    with TestClient(create_app(settings, store=store), follow_redirects=False) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = _CSRF.search(html)
    assert found is not None, "the page has no CSRF field"
    return found.group(1)


Login = Callable[[TestClient, str], str]


def _login(client: TestClient, username: str) -> str:
    """Log ``client`` in as ``username`` through the form; returns the session's CSRF token."""
    client.cookies.clear()
    page = client.get("/console/login")
    answer = client.post(
        "/console/login",
        data={"csrf": csrf_of(page.text), "username": username, "password": PASSWORD},
    )
    assert answer.status_code == 303, answer.text
    return csrf_of(client.get("/console/", follow_redirects=True).text)


@pytest.fixture
def login() -> Login:
    return _login


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live_server(seeded: tuple[Settings, Store]) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    settings, store = seeded
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the console server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
