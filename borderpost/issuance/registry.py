"""The civil registry reference list: which identity numbers exist, and which are deceased.

Imported from a CSV with the header ``national_id,surname,given_names,birth_date,status,
death_date`` (status ``living`` or ``deceased``; dates YYYY-MM-DD, ``death_date`` only for the
deceased). Parsing is pure and refuses nothing silently: every skipped row is reported with
its line and reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from borderpost.issuance.integrity import RegistryRecord

__all__ = ["REGISTRY_COLUMNS", "RegistryError", "RegistryImport", "parse_registry_csv"]

REGISTRY_COLUMNS = ("national_id", "surname", "given_names", "birth_date", "status", "death_date")
_STATUSES = {"living": "living", "alive": "living", "deceased": "deceased", "dead": "deceased"}
MAX_FIELD = 200


class RegistryError(ValueError):
    """The file cannot be read at all (no header, a missing column, not UTF-8)."""


@dataclass(frozen=True, slots=True)
class RegistryImport:
    records: tuple[RegistryRecord, ...]
    read: int
    errors: tuple[str, ...]


def _date(text: str, label: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{label} {text!r} is not YYYY-MM-DD") from None


def _record(cells: dict[str, str]) -> RegistryRecord:
    number = cells["national_id"].strip().upper()
    if not number:
        raise ValueError("national_id is empty")
    for name, value in cells.items():
        if len(value) > MAX_FIELD:
            raise ValueError(f"{name} is longer than {MAX_FIELD} characters")
    status = _STATUSES.get(cells["status"].strip().lower())
    if status is None:
        raise ValueError(f"status {cells['status']!r} is not living or deceased")
    birth = _date(cells["birth_date"].strip(), "birth_date")
    death = _date(cells["death_date"].strip(), "death_date")
    if death is not None and status != "deceased":
        raise ValueError("death_date given for a living person")
    if death is not None and birth is not None and death < birth:
        raise ValueError(f"death_date {death} is before birth_date {birth}")
    return RegistryRecord(
        national_id=number,
        surname=cells["surname"].strip(),
        given_names=cells["given_names"].strip(),
        birth_date=birth,
        status=status,
        death_date=death,
    )


def parse_registry_csv(data: bytes, *, file_name: str = "registry.csv") -> RegistryImport:
    """Records of a registry CSV; bad rows are skipped with an error naming the line.

    Raises:
        RegistryError: the file is not UTF-8, is empty, or its header lacks a column.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{file_name}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise RegistryError(f"{file_name}: holds NUL bytes; not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RegistryError(f"{file_name}: empty file, no header row") from None
    except csv.Error as exc:
        raise RegistryError(f"{file_name}: {exc}") from None
    names = [cell.strip().lower() for cell in header]
    missing = [column for column in REGISTRY_COLUMNS if column not in names]
    if missing:
        raise RegistryError(f"{file_name}: header lacks column(s): {', '.join(missing)}")
    where = {column: names.index(column) for column in REGISTRY_COLUMNS}
    records: dict[str, RegistryRecord] = {}
    errors: list[str] = []
    read = 0
    try:
        for row in reader:
            read += 1
            if not any(cell.strip() for cell in row):
                continue
            cells = {c: row[i] if i < len(row) else "" for c, i in where.items()}
            try:
                record = _record(cells)
            except ValueError as exc:
                errors.append(f"{file_name} line {reader.line_num}: {exc}; row skipped")
                continue
            records[record.national_id] = record
    except csv.Error as exc:
        errors.append(f"{file_name} line {reader.line_num}: {exc}; rest of file skipped")
    return RegistryImport(tuple(records.values()), read, tuple(errors))
