"""Edge lists: ``source,target[,weight][,time]`` CSV with a header row, read strictly.

Every problem is an :class:`EdgeListError` that names the line, so a user can fix the file:
an empty file, a header without ``source``/``target``, a row with too few fields, an empty
endpoint, a weight that is not a finite non-negative number, a time that is not ISO 8601.
Blank lines are skipped; a UTF-8 byte-order mark is accepted.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

__all__ = ["Edge", "EdgeListError", "load_edges", "read_edges"]

REQUIRED = ("source", "target")


class EdgeListError(ValueError):
    """An edge list that cannot be read; the message names the line and the problem."""


@dataclass(frozen=True, slots=True)
class Edge:
    """One link between two entities, with its weight and (optionally) when it was seen."""

    source: str
    target: str
    weight: float = 1.0
    time: datetime | None = None


def _weight(text: str, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise EdgeListError(f"line {line}: weight {text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise EdgeListError(f"line {line}: weight {text!r} must be a finite number >= 0")
    return value


def _time(text: str, line: int) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise EdgeListError(f"line {line}: time {text!r} is not an ISO 8601 date") from None


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        found = ", ".join(repr(n) for n in names) or "nothing"
        raise EdgeListError(
            f"line 1: the header must name the columns source and target "
            f"(missing {', '.join(missing)}; found {found})"
        )
    return {name: names.index(name) for name in (*REQUIRED, "weight", "time") if name in names}


def read_edges(text: str | Iterable[str]) -> list[Edge]:
    """The edges of a CSV edge list (text, or an iterable of lines), in file order."""
    lines = io.StringIO(text) if isinstance(text, str) else text
    reader = csv.reader(lines, strict=True)
    edges: list[Edge] = []
    columns: dict[str, int] | None = None
    try:
        for row in reader:
            line = reader.line_num
            if columns is None:
                if not row or all(not cell.strip() for cell in row):
                    continue
                row[0] = row[0].removeprefix("\ufeff")
                columns = _columns(row)
                continue
            if not row or all(not cell.strip() for cell in row):
                continue
            edges.append(_edge(row, columns, line))
    except csv.Error as exc:
        raise EdgeListError(f"line {reader.line_num}: {exc}") from None
    if columns is None:
        raise EdgeListError("empty file: expected a header row with source,target[,weight]")
    if not edges:
        raise EdgeListError("no edges: the file has a header row but no data rows")
    return edges


def _edge(row: list[str], columns: dict[str, int], line: int) -> Edge:
    needed = max(columns.values()) + 1
    if len(row) < needed:
        raise EdgeListError(f"line {line}: expected {needed} fields, found {len(row)}")
    source, target = row[columns["source"]].strip(), row[columns["target"]].strip()
    if not source or not target:
        raise EdgeListError(f"line {line}: empty {'source' if not source else 'target'}")
    weight_text = row[columns["weight"]].strip() if "weight" in columns else ""
    time_text = row[columns["time"]].strip() if "time" in columns else ""
    return Edge(
        source,
        target,
        _weight(weight_text, line) if weight_text else 1.0,
        _time(time_text, line) if time_text else None,
    )


def load_edges(path: Path) -> list[Edge]:
    """The edges of a CSV file (UTF-8); an unreadable file is an :class:`EdgeListError` too."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return read_edges(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise EdgeListError(f"{path}: cannot read ({exc})") from None
