"""Storing watchlists: import OFAC SDN and the UN list, re-import, load every current entry.

    .venv/bin/python bench/watchlists.py [--runs 3] [--postgres URL]

Runs on a fresh SQLite file and, when a PostgreSQL URL is given (default:
``BORDERPOST_TEST_POSTGRES_URL``), in a scratch schema dropped afterwards. Parsing is timed
apart from storing; ``load_entries`` is what the screening engine calls to build its index.
Figures are medians over the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from borderpost.config import Settings
from borderpost.screening import ImportResult
from borderpost.store import UnitOfWork, open_store
from borderpost.watchlists import import_snapshot, load_entries
from borderpost.watchlists.files import read_watchlist

LISTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "lists"


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _run(url: str, ofac: ImportResult, un: ImportResult) -> dict[str, float]:
    store = open_store(Settings(database_url=url), auto_migrate=True)

    def store_list(result: ImportResult, source_format: str) -> None:
        with UnitOfWork(store) as uow:
            import_snapshot(
                uow, result.snapshot, result.report, source_format=source_format, files=[]
            )
            uow.commit()

    def load() -> None:
        with UnitOfWork(store) as uow:
            load_entries(uow.session)

    figures = {
        "import OFAC (8,976)": _seconds(lambda: store_list(ofac, "ofac")),
        "import UN (1,003)": _seconds(lambda: store_list(un, "un")),
        "re-import OFAC, no changes": _seconds(lambda: store_list(ofac, "ofac")),
        "load_entries (9,979)": _seconds(load),
    }
    store.dispose()
    return figures


def _postgres_run(base: str, ofac: ImportResult, un: ImportResult) -> dict[str, float]:
    schema = f"bp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        return _run(url.render_as_string(hide_password=False), ofac, un)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("BORDERPOST_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    parse_seconds = {
        "parse OFAC": _seconds(lambda: read_watchlist("ofac", [LISTS / "ofac_sdn_2021-07-07"])),
    }
    ofac = read_watchlist("ofac", [LISTS / "ofac_sdn_2021-07-07"])
    un = read_watchlist("un", [LISTS / "un_consolidated_2026-02-27" / "consolidated.xml"])
    results: dict[str, list[dict[str, float]]] = {"SQLite": []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            results["SQLite"].append(_run(f"sqlite:///{folder}/bench{run}.db", ofac, un))
    if args.postgres:
        results["PostgreSQL"] = [_postgres_run(args.postgres, ofac, un) for _ in range(args.runs)]
    table = Table(title=f"Watchlist storage, median of {args.runs} runs (seconds)")
    table.add_column("step")
    for name in results:
        table.add_column(name, justify="right")
    for step in results["SQLite"][0]:
        cells = [f"{statistics.median(run[step] for run in runs):.2f}" for runs in results.values()]
        table.add_row(step, *cells)
    console = Console()
    console.print(table)
    console.print(f"parsing OFAC alone (not included above): {parse_seconds['parse OFAC']:.2f} s")


if __name__ == "__main__":
    main()
