"""Reading a seizure ledger file into rows of cells: CSV (UTF-8, a byte-order mark accepted,
``,`` ``;`` or tab between fields, sniffed) or XLSX (``openpyxl``, read-only, values not
formulas). Every problem is a :class:`LedgerFileError` naming the file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from borderpost.intel.recording.ledger import Cell

__all__ = ["LedgerFileError", "read_ledger"]

MAX_BYTES = 50 * 1024 * 1024


class LedgerFileError(ValueError):
    """A ledger file that cannot be read."""


def _csv_rows(data: bytes, name: str) -> list[Sequence[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise LedgerFileError(f"{name}: not UTF-8 or Windows-1252 text ({exc})") from None
    if "\x00" in text:
        raise LedgerFileError(f"{name}: holds NUL characters (is it really CSV?)")
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise LedgerFileError(f"{name}: not readable as CSV ({exc})") from None


def _cell(value: object) -> Cell:
    """An XLSX value as a ledger cell: text, numbers and dates kept, the rest as text."""
    if value is None or isinstance(value, str | int | float | dt.date):
        return value  # a datetime is a date
    return str(value)


def _xlsx_rows(data: bytes, name: str, sheet: str | None) -> list[Sequence[Cell]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LedgerFileError(f"{name}: not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise LedgerFileError(f"{name}: no sheet {sheet!r} (sheets: {names})")
        worksheet = book[sheet if sheet is not None else book.sheetnames[0]]
        if not hasattr(worksheet, "iter_rows"):
            raise LedgerFileError(f"{name}: sheet {worksheet.title!r} is a chart, not a table")
        return [[_cell(v) for v in values] for values in worksheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_ledger(
    path_or_name: Path | str, data: bytes | None = None, *, sheet: str | None = None
) -> Iterator[Sequence[Cell]]:
    """The rows of a ledger (header first); ``data`` given: read it as the file so named.

    Raises:
        LedgerFileError: unreadable, too large, or neither ``.csv`` nor ``.xlsx``.
    """
    name = str(path_or_name)
    if data is None:
        try:
            data = Path(path_or_name).read_bytes()
        except OSError as exc:
            raise LedgerFileError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise LedgerFileError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return iter(_csv_rows(data, name))
    if suffix in {".xlsx", ".xlsm"}:
        return iter(_xlsx_rows(data, name, sheet))
    raise LedgerFileError(
        f"{name}: a ledger is .csv or .xlsx, not {suffix or 'a file without extension'}"
    )
