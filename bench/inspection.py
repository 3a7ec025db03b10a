"""Primary inspections over HTTP: throughput and latency at 1, 8 and 32 concurrent clients.

    .venv/bin/python bench/inspection.py [--travellers 20000] [--requests 500]
                                         [--clients 1,8,32] [--json PATH]

Sets up a temporary SQLite database the way an operator would, with the ``borderpost``
command: OFAC SDN and the UN consolidated list from ``../shared/data/lists/``, a generated
world's watchlist and lost/stolen list (``borderpost sim world --load``), a port and an
officer. Then it starts ``borderpost serve`` on a free loopback port, logs in, and drives
``POST /api/v1/inspections`` with the world's documents (MRZ text) from asynchronous httpx
clients, each sending its next request when the last one is answered. A request fails if it
does not answer ``201``; one that gets no answer at all is lost.

Target on the 2-core machine: p95 at most 100 ms with 8 concurrent clients, nothing lost or
failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT.parent / "shared" / "data" / "lists"
PASSWORD = "bench officer password"
console = Console(width=None if sys.stdout.isatty() else 160)


def _borderpost(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "from borderpost.cli import main; main()", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"borderpost {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def prepare(folder: Path, travellers: int, seed: int) -> tuple[dict[str, str], list[str]]:
    """Load the lists, add a port and an officer; the environment and the world's MRZs."""
    env = {
        **os.environ,
        "BORDERPOST_DATA_DIR": str(folder / "var"),
        "BORDERPOST_SECRET_KEY": secrets.token_urlsafe(48),
    }
    env.pop("BORDERPOST_DATABASE_URL", None)
    started = time.perf_counter()
    _borderpost(env, "lists", "import", "--format", "ofac", str(LISTS / "ofac_sdn_2021-07-07"))
    un = LISTS / "un_consolidated_2026-02-27" / "consolidated.xml"
    _borderpost(env, "lists", "import", "--format", "un", str(un))
    world = folder / "world"
    _borderpost(
        env, "sim", "world", "--seed", str(seed), "--travellers", str(travellers),
        "--out", str(world), "--load",
    )  # fmt: skip
    _borderpost(env, "ports", "add", "--code", "BENCH", "--name", "Bench", "--kind", "airport")
    _borderpost(
        env, "users", "create", "--username", "bench.officer", "--role", "officer",
        "--port", "BENCH", "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    lists = json.loads(_borderpost(env, "lists", "show", "--json").splitlines()[0])
    console.print(f"loaded in {time.perf_counter() - started:.0f} s: {lists}")
    with (world / "documents.jsonl").open(encoding="utf-8") as lines:
        mrzs = [json.loads(line)["mrz"] for line in lines if line.strip()]
    return env, mrzs


@dataclass
class Level:
    """What one concurrency level measured."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failed: int = 0
    lost: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    def to_dict(self) -> dict[str, Any]:
        done = len(self.latencies)
        return {
            "clients": self.clients,
            "requests": done + self.lost,
            "answered": done,
            "failed": self.failed,
            "lost": self.lost,
            "seconds": round(self.seconds, 2),
            "per_second": round(done / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(self.percentile(0.50), 1),
            "p95_ms": round(self.percentile(0.95), 1),
            "p99_ms": round(self.percentile(0.99), 1),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if done else None,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


async def drive(base: str, token: str, mrzs: list[str], clients: int, requests: int) -> Level:
    """``requests`` inspections from ``clients`` concurrent clients (one connection each)."""
    level = Level(clients)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(mrzs[number % len(mrzs)])
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:

        async def client() -> None:
            while not queue.empty():
                mrz = queue.get_nowait()
                body = {"mrz": mrz, "port": "BENCH", "direction": "entry"}
                started = time.perf_counter()
                try:
                    response = await http.post("/api/v1/inspections", json=body, headers=headers)
                except httpx.HTTPError:
                    level.lost += 1
                    continue
                level.latencies.append(time.perf_counter() - started)
                level.statuses[response.status_code] = (
                    level.statuses.get(response.status_code, 0) + 1
                )
                if response.status_code != 201:
                    level.failed += 1

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        level.seconds = time.perf_counter() - started
    return level


def _wait_for(base: str, server: subprocess.Popen[bytes], limit: float = 600.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1.0).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server did not come up")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--travellers", type=int, default=20_000, help="size of the world")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=500, help="inspections per level")
    parser.add_argument("--clients", default="1,8,32", help="concurrency levels")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    levels = [int(part) for part in args.clients.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-inspection-") as tmp:
        env, mrzs = prepare(Path(tmp), args.travellers, args.seed)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-c", "from borderpost.cli import main; main()", "serve",
             "--host", "127.0.0.1", "--port", str(port)],
            env=env,
        )  # fmt: skip
        try:
            ready = _wait_for(base, server)
            console.print(f"server ready in {ready:.1f} s (screener built and warmed)")
            login = httpx.post(
                f"{base}/api/v1/auth/token",
                data={"username": "bench.officer", "password": PASSWORD},
            )
            login.raise_for_status()
            token = login.json()["access_token"]
            asyncio.run(drive(base, token, mrzs[-50:], 4, 100))  # warm-up, not reported
            results = []
            for clients in levels:
                level = asyncio.run(drive(base, token, mrzs, clients, args.requests))
                results.append(level.to_dict())
                console.print(results[-1])
        finally:
            server.terminate()
            server.wait(timeout=30)
    table = Table(title=f"POST /api/v1/inspections, {os.cpu_count()} cores, SQLite")
    for column in ("clients", "requests", "failed", "lost", "per s", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(column, justify="right")
    for row in results:
        table.add_row(
            *(
                str(row[key])
                for key in (
                    "clients", "requests", "failed", "lost", "per_second", "p50_ms", "p95_ms",
                    "p99_ms",
                )
            )
        )  # fmt: skip
    console.print(table)
    if args.json is not None:
        args.json.write_text(json.dumps({"levels": results, "travellers": args.travellers}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
