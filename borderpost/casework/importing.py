"""Importing a seizure ledger: each row recorded whole or rejected whole, with the rejected
rows named (row number, column, reason); one audit event names the file, who imported it,
the references recorded and the rows rejected. Rows are recorded in the caller's transaction, each
inside a savepoint, so a row the database refuses (an unregistered port, a reference already
recorded) is rolled back alone and reported; a dry run checks every row and records nothing.
The recorded seizures reach the leads service together at the end, in the same transaction
(:func:`borderpost.leads.records_arrived`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from borderpost.audit.log import append
from borderpost.casework.access import check_may
from borderpost.casework.facts import facts_of
from borderpost.casework.recording import record_seizure
from borderpost.identity.roles import Permission
from borderpost.inspection.errors import InspectionError
from borderpost.intel.facts import RecordFacts
from borderpost.intel.recording.ledger import Cell, Rejection, read_rows
from borderpost.intel.recording.mapping import LedgerMapping
from borderpost.leads import records_arrived
from borderpost.store.models import User

__all__ = ["ImportReport", "import_ledger"]


@dataclass
class ImportReport:
    """What an import did: rows read, references recorded, rows rejected with reasons."""

    name: str
    dry_run: bool
    rows: int = 0
    recorded: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({r.row for r in self.rejections})

    def to_dict(self) -> dict[str, Any]:
        return {
            "ledger": self.name,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "recorded": len(self.recorded) if not self.dry_run else 0,
            "valid": len(self.recorded),
            "rejected": len(self.rejected_rows),
            "refs": list(self.recorded),
            "rejections": [
                {"row": r.row, "column": r.column, "reason": r.reason} for r in self.rejections
            ],
        }


def import_ledger(
    session: Session,
    rows: Iterable[Sequence[Cell]],
    mapping: LedgerMapping,
    *,
    name: str,
    user: User,
    now: dt.datetime,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Read and record a ledger's rows (the caller commits).

    Raises:
        Forbidden: the user may not import ledgers.
        MappingError: the ledger lacks a mapped column, or is empty.
    """
    check_may(user, Permission.MANAGE_CASEWORK, "import seizure ledgers")
    report = ImportReport(name=name, dry_run=dry_run)
    arrived: list[RecordFacts] = []
    for read in read_rows(rows, mapping):
        report.rows += 1
        if progress is not None:
            progress(read.row)
        if read.draft is None:
            report.rejections.extend(read.rejections)
            continue
        savepoint = session.begin_nested()
        try:
            seizure = record_seizure(
                session, read.draft, user=user, now=now, audit=False, leads=False
            )
        except InspectionError as exc:
            savepoint.rollback()
            column = mapping.column_of("port") if "port" in str(exc) else mapping.column_of("ref")
            report.rejections.append(Rejection(read.row, column or "*", str(exc)))
            continue
        if dry_run:
            savepoint.rollback()
        else:
            savepoint.commit()
            arrived.append(facts_of(seizure))
        report.recorded.append(read.draft.ref)
    if not dry_run:
        records_arrived(session, sorted(arrived, key=lambda f: f.date), now=now)
        append(
            session,
            actor=user.username,
            action="casework.ledger.import",
            subject_type="ledger",
            subject_id=name[-128:],
            details={
                "rows": report.rows,
                "recorded": report.recorded,
                "rejected": report.rejected_rows,
            },
            at=now,
        )
    return report
