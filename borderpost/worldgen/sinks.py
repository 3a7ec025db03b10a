"""Where a world's records go: JSON-lines and CSV files that count what they hold (and
:func:`records`, which reads a JSON-lines file back one record at a time).

Every record is written with a fixed key order and ``ensure_ascii=False`` (names in their own
scripts stay readable), one per line, ``\\n`` line ends: the same records give the same bytes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = ["CsvSink", "JsonLines", "dumps", "records"]


def dumps(record: Any, *, sort_keys: bool = False) -> str:
    """One record as compact, deterministic JSON text."""
    return json.dumps(record, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"))


def records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON-lines file, read one at a time."""
    with path.open(encoding="utf-8") as file:
        for line in file:
            yield json.loads(line)


class JsonLines:
    """A JSON-lines file being written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="\n")

    def write(self, record: Any, *, sort_keys: bool = False) -> None:
        """Append one record."""
        self._file.write(dumps(record, sort_keys=sort_keys))
        self._file.write("\n")
        self.count += 1

    def write_text(self, text: str) -> None:
        """Append one record given as its JSON text (one line, no newline)."""
        self._file.write(text)
        self._file.write("\n")
        self.count += 1

    def write_all(self, records: Iterable[Any]) -> None:
        """Append every record."""
        for record in records:
            self.write(record)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JsonLines:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class CsvSink:
    """A CSV file being written, header first (quoted only where needed)."""

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.path = path
        self.count = 0
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, lineterminator="\n")
        self._writer.writerow(header)

    def write(self, row: Sequence[str]) -> None:
        """Append one row."""
        self._writer.writerow(row)
        self.count += 1

    def close(self) -> None:
        self._file.close()
