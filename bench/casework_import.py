"""Seizure-ledger import speed: a ledger of N rows built from the sample Namanga ledger
(tests/data/casework), read from CSV and XLSX, checked (dry run) and recorded into a fresh
SQLite database; rows per second and peak memory.

    .venv/bin/python bench/casework_import.py [--rows 5000]

Rows cycle through the sample's rows with fresh references, so about half are rejected for
the sample's own reasons (bad IBAN, VIN check digit, impossible date, ...) and the rest
share phones, plates and persons the way a real ledger does.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from peers import machine
from pydantic import SecretStr
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from borderpost.casework.importing import import_ledger  # noqa: E402
from borderpost.casework.ledger_files import read_ledger  # noqa: E402
from borderpost.config import Settings  # noqa: E402
from borderpost.inspection.ports import add_port  # noqa: E402
from borderpost.intel.recording import parse_mapping  # noqa: E402
from borderpost.store import UnitOfWork, open_store  # noqa: E402
from borderpost.store.models import IntelLead  # noqa: E402
from borderpost.store.repos.users import UserRepo  # noqa: E402
from tests.support.accounts import add_user  # noqa: E402

DATA = ROOT / "tests" / "data" / "casework"
NOW = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ledger(rows: int, folder: Path) -> tuple[Path, Path]:
    sample = list(read_ledger(DATA / "namanga_ledger.csv"))
    header, body = list(sample[0]), [list(r) for r in sample[1:]]
    out: list[list[object]] = []
    for n in range(rows):
        row: list[object] = list(body[n % len(body)])
        if row[1]:
            row[1] = f"NMG/B/{n:07d}"
        out.append(row)
    path = folder / "ledger.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(out)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Seizures")
    sheet.append(header)
    for row in out:
        sheet.append(row)
    xlsx = folder / "ledger.xlsx"
    book.save(xlsx)
    return path, xlsx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    mapping = parse_mapping((DATA / "namanga_mapping.toml").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, xlsx_path = _ledger(args.rows, folder)
        for path in (csv_path, xlsx_path):
            start, cpu = time.perf_counter(), time.process_time()
            rows = list(read_ledger(path))
            read, read_cpu = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"read {path.suffix}: {len(rows) - 1:,} rows in {read:.2f} s ({read_cpu:.2f} s CPU)"
            )
        settings = Settings(
            database_url=f"sqlite:///{folder / 'bench.db'}", secret_key=SecretStr("b" * 48)
        )
        store = open_store(settings, auto_migrate=True)
        with UnitOfWork(store) as uow:
            add_port(uow.session, code="NMG", name="Namanga", kind="land", actor="bench", now=NOW)
            add_user(uow.session, "ann", "analyst", None, NOW)
            uow.commit()
        rows = list(read_ledger(csv_path))
        for dry in (True, False):
            with UnitOfWork(store) as uow:
                user = UserRepo(uow.session).by_username("ann")
                assert user is not None
                start, cpu = time.perf_counter(), time.process_time()
                report = import_ledger(
                    uow.session, rows, mapping, name="ledger.csv", user=user, now=NOW, dry_run=dry
                )
                if not dry:
                    uow.commit()
                took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
            label = "check (dry run)" if dry else "import (SQLite)"
            print(
                f"{label}: {report.rows:,} rows, {len(report.recorded):,} valid, "
                f"{len(report.rejected_rows):,} rejected in {took:.2f} s, {took_cpu:.2f} s CPU "
                f"({report.rows / took:,.0f} rows/s; {report.rows / took_cpu:,.0f} per CPU s); "
                f"peak {_peak_mb():.0f} MB"
            )
        with UnitOfWork(store) as uow:
            leads = uow.session.scalar(select(func.count()).select_from(IntelLead))
        print(f"leads raised by the import (the rows repeat the sample's identifiers): {leads:,}")
        store.dispose()


if __name__ == "__main__":
    main()
