"""HQ served by uvicorn on loopback (in a thread), on SQLite and PostgreSQL, and posts on SQLite
files of their own."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from pydantic import SecretStr

from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.sync.client import HqClient
from borderpost.sync.node import init_post
from borderpost.sync.posts import register_post
from borderpost.web import create_app
from tests.sync.world import NOW, set_up_port

SECRET = "sync-tests-" + "s" * 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerThread:
    """uvicorn serving an app on loopback in a daemon thread."""

    def __init__(self, app: object, port: int, **options: object) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **options)  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the HQ server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@dataclass
class Hq:
    store: Store
    settings: Settings
    url: str
    keys: dict[str, str]


@pytest.fixture
def hq(database_url: str) -> Iterator[Hq]:
    """HQ with ports KAS and MOR registered as posts, served on loopback."""
    settings = Settings(database_url=database_url, secret_key=SecretStr(SECRET))
    store = open_store(settings, auto_migrate=True)
    keys = {}
    for code in ("KAS", "MOR"):
        set_up_port(store, code, officer=False)
        with UnitOfWork(store) as uow:
            keys[code] = register_post(uow.session, code, actor="admin", now=NOW)
            uow.commit()
    port = free_port()
    with ServerThread(create_app(settings, store=store), port):
        yield Hq(store, settings, f"http://127.0.0.1:{port}", keys)
    store.dispose()


PostFactory = Callable[[str], Store]


@pytest.fixture
def make_post(hq: Hq, tmp_path: Path) -> Iterator[PostFactory]:
    """``make_post(code)``: a post database with its port, an officer and a supervisor."""
    opened: list[Store] = []

    def make(code: str) -> Store:
        store = open_store(Settings(database_url=f"sqlite:///{tmp_path / f'{code}.db'}"))
        set_up_port(store, code)
        with UnitOfWork(store) as uow:
            init_post(uow.session, code=code, hq_url=hq.url, key=hq.keys[code], actor="t", now=NOW)
            uow.commit()
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.dispose()


def client_of(hq: Hq, code: str) -> HqClient:
    return HqClient(hq.url, hq.keys[code])
