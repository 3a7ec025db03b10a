"""Post → HQ synchronisation: records written at a post, applied at HQ, pushed over HTTP, and
the time a post with a large queue takes to catch up.

    .venv/bin/python bench/sync.py [--records 100000] [--batch 500]

A post database (SQLite) is filled with inspections as a post writes them while offline
(traveller, document, inspection, hits, decision, crossing, audit events; every change also
goes into the outbox in the same transaction) until about ``--records`` events are queued.

* **applied**: HQ's apply alone (``borderpost.sync.server.receive_push`` in-process, one
  transaction per batch) on a scratch HQ database;
* **pushed**: the post catching up with HQ served by ``borderpost serve --role hq`` on
  loopback: read a batch, send it over HTTP, HQ applies it and answers, the post deletes what
  was acknowledged; repeated until the outbox is empty.

HQ's databases are SQLite files in a temporary folder (a production HQ runs PostgreSQL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peers import machine  # noqa: E402 - bench scripts import their sibling module

from borderpost.config import Settings  # noqa: E402
from borderpost.store import Store, UnitOfWork, open_store  # noqa: E402
from borderpost.sync.client import HqClient, push  # noqa: E402
from borderpost.sync.node import init_post  # noqa: E402
from borderpost.sync.outbox import backlog, pending  # noqa: E402
from borderpost.sync.posts import register_post  # noqa: E402
from borderpost.sync.server import receive_push  # noqa: E402
from borderpost.sync.wire import PushRequest  # noqa: E402
from tests.sync.world import NOW, record_crossings, set_up_port  # noqa: E402

console = Console(width=None if sys.stdout.isatty() else 160)
SECRET = "bench-sync-" + "k" * 40
CODE = "KAS"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _hq(url: str) -> tuple[Store, str]:
    store = open_store(Settings(database_url=url), auto_migrate=True)
    set_up_port(store, CODE, officer=False)
    with UnitOfWork(store) as uow:
        key = register_post(uow.session, CODE, actor="bench", now=NOW)
        uow.commit()
    return store, key


def _fill(post: Store, wanted: int) -> tuple[int, float]:
    """Write crossings until about ``wanted`` events are queued; (events, seconds)."""
    started = time.perf_counter()
    seed = 0
    with UnitOfWork(post) as uow:
        queued = backlog(uow.session)
    while queued < wanted:
        # about 6.4 events per crossing (one audit event per five crossings)
        count = max(50, min(2000, int((wanted - queued) / 6.4) + 1))
        record_crossings(post, CODE, count, seed=seed, per_commit=500)
        seed += 1
        with UnitOfWork(post) as uow:
            queued = backlog(uow.session)
        console.print(f"  queued {queued:,} events", highlight=False)
    return queued, time.perf_counter() - started


def _apply_in_process(post: Store, hq_url: str, batch: int) -> tuple[int, float]:
    hq, key = _hq(hq_url)
    applied, seconds, after = 0, 0.0, 0
    while True:
        with UnitOfWork(post) as uow:
            events = pending(uow.session, batch, after=after)
        if not events:
            break
        request = PushRequest.model_validate(
            {"post": CODE, "sent_at": dt.datetime.now(dt.UTC), "backlog": 0, "events": events}
        )
        started = time.perf_counter()
        with UnitOfWork(hq) as uow:
            reply = receive_push(uow, key, request, dt.datetime.now(dt.UTC))
            uow.commit()
        seconds += time.perf_counter() - started
        applied += reply.applied
        after = events[-1]["seq"]
    hq.dispose()
    return applied, seconds


def _serve_hq(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BORDERPOST_DATABASE_URL": url, "BORDERPOST_SECRET_KEY": SECRET}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from borderpost.cli import main; main()",
                "serve",
                "--role",
                "hq",
                "--port",
                str(port),
                "--no-warm",
            ],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"HQ did not start (see {log})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="events to queue")
    parser.add_argument("--batch", type=int, default=500, help="events per request")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    console.print(machine(), highlight=False)

    post = open_store(Settings(database_url=f"sqlite:///{folder / 'post.db'}"))
    set_up_port(post, CODE)
    scratch_url = f"sqlite:///{folder / 'scratch-hq.db'}"
    hq_url = f"sqlite:///{folder / 'hq.db'}"
    hq, key = _hq(hq_url)
    hq.dispose()
    with UnitOfWork(post) as uow:
        init_post(
            uow.session, code=CODE, hq_url="http://127.0.0.1:1", key=key, actor="bench", now=NOW
        )
        uow.commit()
    console.print(f"filling the post's outbox to {args.records:,} events ...")
    queued, fill_seconds = _fill(post, args.records)

    console.print("HQ applying in-process ...")
    applied, apply_seconds = _apply_in_process(post, scratch_url, args.batch)

    port = _free_port()
    process = _serve_hq(hq_url, port, folder / "hq.log")
    try:
        client = HqClient(f"http://127.0.0.1:{port}", key, timeout=300)
        console.print("the post catching up over HTTP ...")
        started = time.perf_counter()
        report = push(post, client, batch_size=args.batch)
        push_seconds = time.perf_counter() - started
        client.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    post.dispose()

    table = Table(title=f"post → HQ sync, {queued:,} queued events, batches of {args.batch}")
    for column in ("step", "events", "seconds", "events/s"):
        table.add_column(column, justify="right" if column != "step" else "left")
    rows = [
        ("written at the post (records + outbox)", queued, fill_seconds),
        ("applied at HQ (in-process, SQLite)", applied, apply_seconds),
        ("pushed over HTTP and applied (HQ on SQLite)", report.sent, push_seconds),
    ]
    for step, events, seconds in rows:
        if events:
            table.add_row(step, f"{events:,}", f"{seconds:.1f}", f"{events / seconds:,.0f}")
    console.print(table)
    console.print(
        f"catch-up: a post with {queued:,} queued events emptied its outbox in "
        f"{push_seconds:.1f} s ({report.batches} requests, backlog now {report.backlog})",
        highlight=False,
    )


if __name__ == "__main__":
    main()
