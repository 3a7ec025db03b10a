"""The done-when test: HQ and two posts as separate processes on loopback; thousands of records
made at the posts while HQ is down; then HQ comes up and the link is cut at random points of the
push (HQ killed mid-batch, answers lost, posts killed and restarted). At the end HQ holds every
record exactly once, and every audit chain verifies."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from borderpost import audit
from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, OutboxEvent, SyncNode, SyncPost
from borderpost.sync.node import init_post
from borderpost.sync.posts import register_post
from tests.sync.checks import assert_hq_holds, hq_count, post_chain_at_hq
from tests.sync.conftest import SECRET, free_port
from tests.sync.proxy import FlakyProxy
from tests.sync.world import NOW, inspect_travellers, record_crossings, set_up_port

BORDERPOST = str(Path(sys.executable).with_name("borderpost"))
POSTS = ("KAS", "MOR")
CROSSINGS = 350  # per post: about 2,000 records each


class Node:
    """A ``borderpost serve`` process that can be killed and started again."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.args, self.env, self.log = name, args, env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                [BORDERPOST, *self.args],
                env={**os.environ, **self.env},
                stdout=sink,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


def _wait_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not come up")


def _backlog(store: Store) -> tuple[int, int]:
    with UnitOfWork(store) as uow:
        queued = int(uow.session.scalar(select(func.count()).select_from(OutboxEvent)) or 0)
        last = int(uow.session.scalar(select(SyncNode.last_seq)) or 0)
    return queued, last


def _applied(hq: Store) -> dict[str, int]:
    with UnitOfWork(hq) as uow:
        return {p.code: p.applied_seq for p in uow.session.scalars(select(SyncPost))}


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    folder.mkdir()
    yield folder


@pytest.fixture
def stores() -> Iterator[list[Store]]:
    """Stores the test opens, disposed however it ends (one left to the collector warns in
    whichever later test the collection happens to run)."""
    opened: list[Store] = []
    yield opened
    for store in opened:
        store.dispose()


@pytest.mark.slow
def test_hq_holds_every_record_once_through_kills_and_lost_answers(
    database_url: str, tmp_path: Path, logs: Path, stores: list[Store]
) -> None:
    rng = random.Random(2026)
    begun = time.monotonic()

    def mark(what: str) -> None:
        print(f"{time.monotonic() - begun:6.1f} s  {what}")

    hq_settings = Settings(database_url=database_url, secret_key=SecretStr(SECRET))
    hq = open_store(hq_settings, auto_migrate=True)
    stores.append(hq)
    keys = {}
    for code in POSTS:
        set_up_port(hq, code, officer=False)
        with UnitOfWork(hq) as uow:
            keys[code] = register_post(uow.session, code, actor="admin", now=NOW)
            uow.commit()
    hq_port = free_port()
    proxy = FlakyProxy(hq_port, seed=7)
    hq_node = Node(
        "hq",
        ["serve", "--role", "hq", "--port", str(hq_port), "--no-warm"],
        {"BORDERPOST_DATABASE_URL": database_url, "BORDERPOST_SECRET_KEY": SECRET},
        logs / "hq.log",
    )
    posts: dict[str, Store] = {}
    nodes: dict[str, Node] = {}
    try:
        for code in POSTS:
            url = f"sqlite:///{tmp_path / f'{code}.db'}"
            posts[code] = store = open_store(Settings(database_url=url))
            stores.append(store)
            set_up_port(store, code)
            with UnitOfWork(store) as uow:
                init_post(
                    uow.session,
                    code=code,
                    hq_url=f"http://127.0.0.1:{proxy.port}",
                    key=keys[code],
                    actor="t",
                    now=NOW,
                )
                uow.commit()
            nodes[code] = Node(
                code,
                ["serve", "--role", "post", "--port", str(free_port()), "--no-warm"],
                {
                    "BORDERPOST_DATABASE_URL": url,
                    "BORDERPOST_SYNC_INTERVAL_SECONDS": "0.5",
                    "BORDERPOST_SYNC_BATCH_SIZE": "100",
                    "BORDERPOST_SYNC_TIMEOUT_SECONDS": "5",
                },
                logs / f"{code}.log",
            )
            nodes[code].start()
        mark("posts started")
        # HQ is down: the posts work on, their sync loops failing every 0.5 s.
        for number, code in enumerate(POSTS):
            inspect_travellers(posts[code], code, 3, seed=number)
            record_crossings(posts[code], code, CROSSINGS, seed=10 + number)
        mark("records made")
        queued = {code: _backlog(posts[code])[0] for code in POSTS}
        assert all(count > 1500 for count in queued.values()), queued
        assert hq_count(hq, "inspections") == 0

        started = time.monotonic()
        hq_node.start()
        _wait_up(f"http://127.0.0.1:{hq_port}")
        mark(f"HQ up in {time.monotonic() - started:.1f} s")
        proxy.drop = 0.35
        kills = restarts = 0
        # Each step comes 0.2-0.8 s after the last, while events remain to push.
        for step in ("kill_hq", "restart_post"):
            time.sleep(rng.uniform(0.2, 0.8))
            if sum(_backlog(posts[c])[0] for c in POSTS) == 0:
                break
            if step == "kill_hq":  # in the middle of whatever batch it is applying
                hq_node.kill()
                kills += 1
                mark("HQ killed")
                record_crossings(posts["KAS"], "KAS", 10, seed=90 + kills)  # posts work on
                hq_node.start()
                _wait_up(f"http://127.0.0.1:{hq_port}")
                mark("HQ up again")
            else:
                node = nodes[POSTS[restarts % 2]]
                node.kill()
                restarts += 1
                node.start()
        mark("chaos over")
        # Answers go on being lost until three were and half of what is left has gone through.
        left = sum(_backlog(posts[c])[0] for c in POSTS)
        deadline = time.monotonic() + 180
        while True:
            applied = _applied(hq)
            backlog = {code: _backlog(posts[code]) for code in POSTS}
            if all(b[0] == 0 and applied[c] == b[1] for c, b in backlog.items()):
                break
            if sum(b[0] for b in backlog.values()) <= left // 2 and proxy.dropped >= 3:
                proxy.drop = 0.0
            assert time.monotonic() < deadline, (backlog, applied)
            time.sleep(0.3)
        mark("drained")
    finally:
        for node in (*nodes.values(), hq_node):
            node.stop()
        proxy.close()

    mark("stopped")
    assert kills >= 1 or restarts >= 1
    total = 0
    for code in POSTS:
        total += assert_hq_holds(hq, posts[code], code)
        chain = post_chain_at_hq(hq, code)
        assert chain.intact and chain.count > 0, chain.reason
        with UnitOfWork(posts[code]) as uow:
            assert audit.verify(uow.session).intact
    assert total > 3500
    with UnitOfWork(hq) as uow:
        assert audit.verify(uow.session).intact
        batches = [
            e.details
            for e in uow.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "sync.batch")
            )
        ]
    assert sum(d["applied"] for d in batches) == sum(_backlog(posts[c])[1] for c in POSTS)
    # answers lost after HQ committed make the posts send events again
    assert proxy.dropped > 0 and sum(d["duplicates"] for d in batches) > 0
    print(
        f"chaos: {kills} HQ kills, {restarts} post restarts, {proxy.dropped} answers lost, "
        f"{sum(d['duplicates'] for d in batches)} events received twice, {total} records"
    )
