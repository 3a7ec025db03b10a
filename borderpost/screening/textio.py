"""Turning the streams callers open into text, whatever the encoding."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from borderpost.screening.errors import ListFormatError

__all__ = ["DecodedText", "Source", "csv_rows", "decode", "read_text"]

#: What importers accept: raw bytes, or a binary or text stream the caller opened.
Source = bytes | IO[bytes] | IO[str]


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text and the encoding it was decoded from (``"text"`` when given as text)."""

    text: str
    encoding: str


def decode(data: bytes) -> DecodedText:
    """Decode bytes: BOM first, then strict UTF-8, then cp1252, then latin-1.

    OFAC's legacy files are cp1252/latin-1 with a DOS end-of-file mark (``0x1A``), which is
    dropped.

    Args:
        data: the file content.

    Returns:
        The text and the encoding used.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedText(_strip_eof(data.decode(name)), name)
            except UnicodeDecodeError:
                break
    for name in ("utf-8", "cp1252"):
        try:
            return DecodedText(_strip_eof(data.decode(name)), name)
        except UnicodeDecodeError:
            continue
    return DecodedText(_strip_eof(data.decode("latin-1")), "latin-1")


def _strip_eof(text: str) -> str:
    return text.rstrip("\x1a") if text.endswith("\x1a") else text


def read_text(source: Source, file_name: str) -> DecodedText:
    """Read a whole source as text.

    Args:
        source: bytes, or a binary or text stream.
        file_name: for error messages.

    Returns:
        The decoded text.

    Raises:
        ListFormatError: a text stream could not be decoded with its own encoding.
    """
    if isinstance(source, bytes):
        return decode(source)
    try:
        data = source.read()
    except UnicodeDecodeError as exc:
        raise ListFormatError(file_name, None, f"cannot decode the text stream: {exc}") from exc
    if isinstance(data, bytes):
        return decode(data)
    return DecodedText(_strip_eof(data), "text")


def csv_rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on; blank lines are skipped.

    Raises:
        ListFormatError: the csv module rejects the text (stray quote, NUL, huge field).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ListFormatError(file, reader.line_num or previous_end + 1, str(exc)) from exc
        start = previous_end + 1
        previous_end = reader.line_num
        if row and any(cell.strip() for cell in row):
            yield start, row
