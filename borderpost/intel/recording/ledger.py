"""Rows of a seizure ledger → seizure drafts, or rejections that name the row, the column and
the reason. A row with any problem is rejected whole (nothing of it is recorded).

Row numbers are the spreadsheet's (the header is row 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from borderpost.intel.recording.drafts import SeizureDraft
from borderpost.intel.recording.mapping import LedgerMapping, MappingError
from borderpost.intel.recording.rows import (
    MAX_CELL,
    Cell,
    Rejection,
    RowReader,
    cell_text,
    seizure_of,
)

__all__ = ["Cell", "LedgerRow", "Rejection", "read_rows"]


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One row read: its draft, or its rejections (never both)."""

    row: int
    draft: SeizureDraft | None
    rejections: tuple[Rejection, ...] = ()


def _header(header: Sequence[Cell], mapping: LedgerMapping) -> dict[int, str]:
    names = [cell_text(cell) for cell in header]
    wanted = {column.strip().lower(): target for column, target in mapping.columns.items()}
    where: dict[int, str] = {}
    for index, name in enumerate(names):
        target = wanted.get(name.strip().lower())
        if target is not None:
            where[index] = target
    missing = [c for c, t in mapping.columns.items() if t not in where.values()]
    if missing:
        shown = ", ".join(repr(n) for n in names if n) or "nothing"
        raise MappingError(
            f"the ledger has no column {', '.join(repr(m) for m in missing)} (its header: {shown})"
        )
    return where


def read_rows(
    rows: Iterable[Sequence[Cell]], mapping: LedgerMapping, *, first_row: int = 1
) -> Iterator[LedgerRow]:
    """Read a ledger: the first row is the header (row ``first_row``), then one
    :class:`LedgerRow` per non-empty row. A reference seen earlier in the file is rejected.

    Raises:
        MappingError: the file is empty, or a mapped column is not in its header.
    """
    iterator = iter(rows)
    try:
        header = next(iterator)
    except StopIteration:
        raise MappingError("the ledger is empty (no header row)") from None
    where = _header(header, mapping)
    seen: dict[str, int] = {}
    for number, cells in enumerate(iterator, first_row + 1):
        if all(cell_text(c) == "" for c in cells):
            continue
        by_field: dict[str, Cell] = {}
        too_long: list[Rejection] = []
        for index, target in where.items():
            cell = cells[index] if index < len(cells) else None
            if isinstance(cell, str) and len(cell) > MAX_CELL:
                too_long.append(
                    Rejection(
                        number,
                        mapping.column_of(target) or target,
                        f"longer than {MAX_CELL} characters",
                    )
                )
                cell = None
            by_field[target] = cell
        row = RowReader(number, by_field, mapping)
        row.problems.extend(too_long)
        draft = seizure_of(row)
        ref = row.text("ref")
        if ref and ref in seen:
            row.problems.append(
                Rejection(number, row.column("ref"), f"{ref} is already on row {seen[ref]}")
            )
            draft = None
        elif ref and not row.problems:
            seen[ref] = number
        if row.problems:
            yield LedgerRow(number, None, tuple(row.problems))
        else:
            assert draft is not None
            yield LedgerRow(number, draft)
