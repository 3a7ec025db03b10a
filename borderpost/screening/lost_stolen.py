"""Lost, stolen and revoked travel documents (like INTERPOL's SLTD database).

Records come from a CSV with the header
``issuing_country,document_number,document_type,status,reported_on,reference``. The
:class:`LostStolenIndex` answers "is this document reported?" exactly, and also when the
number differs only by characters OCR confuses (``0/O``, ``1/I``, ``8/B``, ``5/S``, ``2/Z``,
``6/G``): each number is stored under its confusion key, so both lookups are one dict access.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from borderpost.screening.countries import to_alpha3
from borderpost.screening.docnumbers import (
    confusion_key,
    confusions,
    describe_confusion,
    normalize_document_number,
)
from borderpost.screening.errors import ListFormatError
from borderpost.screening.report import ImportIssue, ReportBuilder
from borderpost.screening.textio import Source, csv_rows, read_text

__all__ = [
    "LOST_STOLEN_COLUMNS",
    "DocumentStatus",
    "LostStolenHit",
    "LostStolenImport",
    "LostStolenIndex",
    "LostStolenRecord",
    "parse_lost_stolen_csv",
]

DocumentStatus = Literal["lost", "stolen", "revoked", "blank-stolen"]
LOST_STOLEN_COLUMNS = (
    "issuing_country",
    "document_number",
    "document_type",
    "status",
    "reported_on",
    "reference",
)
_STATUSES: dict[str, DocumentStatus] = {
    "lost": "lost",
    "stolen": "stolen",
    "revoked": "revoked",
    "blank-stolen": "blank-stolen",
    "blank stolen": "blank-stolen",
    "stolen blank": "blank-stolen",
}


@dataclass(frozen=True, slots=True)
class LostStolenRecord:
    """One reported document. ``number`` is kept as reported; lookups use its normal form."""

    country: str
    number: str
    document_type: str
    status: DocumentStatus
    reported_on: date | None = None
    reference: str | None = None

    @property
    def normalized_number(self) -> str:
        """Upper case, without spaces, hyphens and ``<``."""
        return normalize_document_number(self.number)


@dataclass(frozen=True, slots=True)
class LostStolenHit:
    """A record a presented document matched, and why.

    ``confusions`` lists ``(position, presented_char, listed_char)``, positions 1-based in
    the normalised number; empty for an exact match.
    """

    record: LostStolenRecord
    presented: str
    confusions: tuple[tuple[int, str, str], ...]

    @property
    def exact(self) -> bool:
        """Whether the normalised numbers are identical."""
        return not self.confusions

    @property
    def reason(self) -> str:
        """The explanation shown to the officer."""
        record = self.record
        listed = f"{record.status}-list entry {record.number} ({record.country})"
        head = f"document number {self.presented} matches {listed}"
        if self.exact:
            return f"{head} exactly"
        parts = [f"{describe_confusion(q, r)} at position {pos}" for pos, q, r in self.confusions]
        word = "confusion" if len(parts) == 1 else "confusions"
        return f"{head} with OCR {word} {', '.join(parts)}"


@dataclass(frozen=True, slots=True)
class LostStolenImport:
    """Records parsed from a file, with the file's warnings and record-level errors."""

    records: tuple[LostStolenRecord, ...]
    read: int
    warnings: tuple[ImportIssue, ...]
    errors: tuple[ImportIssue, ...]


class LostStolenIndex:
    """In-memory lookup of reported documents by number, exact or OCR-tolerant."""

    __slots__ = ("_by_key", "_size")

    def __init__(self, records: Iterable[LostStolenRecord]) -> None:
        self._by_key: dict[str, list[LostStolenRecord]] = {}
        self._size = 0
        for record in records:
            self._by_key.setdefault(confusion_key(record.number), []).append(record)
            self._size += 1

    def __len__(self) -> int:
        return self._size

    def lookup(
        self, number: str, country: str | None = None, *, ocr_tolerant: bool = True
    ) -> list[LostStolenHit]:
        """Reported documents matching a presented document number.

        Args:
            number: the number as read (any case, spaces, hyphens or ``<`` filler).
            country: issuing country (code or name); ``None`` searches every country.
            ocr_tolerant: also match numbers that differ only by OCR-confusable characters.

        Returns:
            Hits, exact matches first. Empty when the number or country is unusable.
        """
        presented = normalize_document_number(number)
        if not presented:
            return []
        wanted = None
        if country is not None:
            wanted = to_alpha3(country)
            if wanted is None:
                return []
        hits: list[LostStolenHit] = []
        for record in self._by_key.get(confusion_key(presented), ()):
            if wanted is not None and record.country != wanted:
                continue
            diffs = confusions(presented, record.number)
            if diffs and not ocr_tolerant:
                continue
            hits.append(LostStolenHit(record, presented, diffs))
        hits.sort(key=lambda hit: (len(hit.confusions), hit.record.country, hit.record.number))
        return hits


def parse_lost_stolen_csv(
    source: Source, *, file_name: str = "lost_stolen.csv"
) -> LostStolenImport:
    """Parse a lost/stolen document CSV.

    Args:
        source: bytes or a stream with the header given in the module docstring.
        file_name: used in warnings and errors.

    Returns:
        The records; rows with an unknown country, an empty number, an unknown status or a
        bad date are skipped with an error naming the line.

    Raises:
        ListFormatError: the header is missing or lacks a column.
    """
    report = ReportBuilder("lost/stolen documents", files=[file_name])
    rows = csv_rows(read_text(source, file_name).text, file_name)
    first = next(rows, None)
    if first is None:
        raise ListFormatError(file_name, None, "empty file: no header row")
    header_line, header = first
    names = [h.strip().lower().removeprefix("\ufeff") for h in header]
    missing = [c for c in LOST_STOLEN_COLUMNS if c not in names]
    if missing:
        raise ListFormatError(
            file_name, header_line, f"header lacks column(s): {', '.join(missing)}"
        )
    index = {name: names.index(name) for name in LOST_STOLEN_COLUMNS}
    records: list[LostStolenRecord] = []
    for line, row in rows:
        report.read += 1
        cells = {n: row[i].strip() if i < len(row) else "" for n, i in index.items()}
        problem, record = _record(cells)
        if record is None:
            report.error(file_name, line, f"{problem}; row skipped")
        else:
            records.append(record)
    return LostStolenImport(
        tuple(records), report.read, tuple(report.warnings), tuple(report.errors)
    )


def _record(cells: dict[str, str]) -> tuple[str, LostStolenRecord | None]:
    country = to_alpha3(cells["issuing_country"])
    if country is None:
        return f"issuing_country {cells['issuing_country']!r} is not a known country", None
    number = cells["document_number"]
    if not normalize_document_number(number):
        return "document_number is empty", None
    status = _STATUSES.get(cells["status"].lower())
    if status is None:
        allowed = "lost, stolen, revoked, blank-stolen"
        return f"status {cells['status']!r} is not one of {allowed}", None
    reported_on = None
    if cells["reported_on"]:
        try:
            reported_on = date.fromisoformat(cells["reported_on"])
        except ValueError:
            return f"reported_on {cells['reported_on']!r} is not YYYY-MM-DD", None
    record = LostStolenRecord(
        country=country,
        number=number,
        document_type=cells["document_type"] or "passport",
        status=status,
        reported_on=reported_on,
        reference=cells["reference"] or None,
    )
    return "", record
