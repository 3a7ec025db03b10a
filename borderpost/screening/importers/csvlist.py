"""Our own simple watchlist CSV, for national lookouts and tests.

Header (order free, names case-insensitive)::

    id,name,aliases,dob,nationality,gender,document_number,document_country

``id`` and ``name`` are required; the other columns may be left out. ``kind``
(person/organization/vessel/aircraft/unknown; default person) is optional too. Several
aliases, dates of birth and nationalities are separated by ``;``. Dates are ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``; countries are alpha-3, alpha-2 or English names.
"""

from __future__ import annotations

from collections.abc import Callable

from borderpost.screening.dates import parse_birth_date
from borderpost.screening.errors import ListFormatError
from borderpost.screening.importers._common import resolve_country, unique
from borderpost.screening.model import (
    Alias,
    BirthDate,
    Document,
    EntityKind,
    Gender,
    ListEntry,
    PartialDate,
)
from borderpost.screening.report import ImportResult, ReportBuilder
from borderpost.screening.textio import Source, csv_rows, read_text

__all__ = ["CSV_COLUMNS", "REQUIRED_COLUMNS", "parse_csv_list"]

CSV_COLUMNS = (
    "id",
    "name",
    "aliases",
    "dob",
    "nationality",
    "gender",
    "document_number",
    "document_country",
)
REQUIRED_COLUMNS = ("id", "name")
_OPTIONAL_EXTRA = ("kind",)
_KINDS: dict[str, EntityKind] = {
    "person": "person",
    "organization": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
    "unknown": "unknown",
}
_GENDERS: dict[str, Gender] = {
    "m": "male",
    "male": "male",
    "f": "female",
    "female": "female",
    "x": "other",
    "other": "other",
}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_csv_list(
    source: Source,
    *,
    list_name: str,
    version: str | None = None,
    file_name: str = "list.csv",
) -> ImportResult:
    """Parse a watchlist in our CSV format.

    Args:
        source: bytes or a stream (UTF-8 expected; cp1252/latin-1 are detected).
        list_name: name given to the list and every entry.
        version: version of the list.
        file_name: used in warnings and errors.

    Returns:
        The snapshot and the report. Rows without id or name, and rows repeating an id,
        are skipped with an error naming the lines.

    Raises:
        ListFormatError: the header is missing, lacks a required column or repeats one.
    """
    report = ReportBuilder(list_name, files=[file_name])
    decoded = read_text(source, file_name)
    report.notes.append(f"{file_name} decoded as {decoded.encoding}")
    rows = csv_rows(decoded.text, file_name)
    header_row = next(rows, None)
    if header_row is None:
        raise ListFormatError(file_name, None, "empty file: no header row")
    header_line, header = header_row
    columns = _columns(header, header_line, file_name, report)
    entries: list[ListEntry] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        report.read += 1
        if len(row) != len(header):
            report.warn(file_name, line, f"{len(row)} fields where the header has {len(header)}")
        cells = {name: row[i].strip() if i < len(row) else "" for name, i in columns.items()}
        entry_id, name = cells.get("id", ""), cells.get("name", "")
        if not entry_id or not name:
            missing = " and ".join(c for c in ("id", "name") if not cells.get(c))
            report.error(file_name, line, f"no {missing}; row skipped", entry_id or None)
            continue
        if entry_id in first_line:
            report.error(
                file_name,
                line,
                f"duplicate id {entry_id!r} (first on line {first_line[entry_id]}); row skipped",
                entry_id,
            )
            continue
        first_line[entry_id] = line
        entries.append(_entry(cells, line, file_name, list_name, version, report))
    return report.result(version, entries)


def _columns(header: list[str], line: int, file: str, report: ReportBuilder) -> dict[str, int]:
    names = [h.strip().lower().removeprefix("\ufeff") for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise ListFormatError(file, line, f"header lacks required column(s): {', '.join(missing)}")
    repeated = sorted({n for n in names if names.count(n) > 1 and n})
    if repeated:
        raise ListFormatError(file, line, f"header repeats column(s): {', '.join(repeated)}")
    known = (*CSV_COLUMNS, *_OPTIONAL_EXTRA)
    unknown = [n for n in names if n not in known]
    if unknown:
        report.warn(file, line, f"column(s) {', '.join(map(repr, unknown))} not used")
    return {n: i for i, n in enumerate(names) if n in known}


def _entry(
    cells: dict[str, str],
    line: int,
    file: str,
    list_name: str,
    version: str | None,
    report: ReportBuilder,
) -> ListEntry:
    entry_id = cells["id"]

    def warn(message: str) -> None:
        report.warn(file, line, message, entry_id)

    kind_text = cells.get("kind", "").lower() or "person"
    kind = _KINDS.get(kind_text)
    if kind is None:
        warn(f"kind {kind_text!r} unknown; read as 'unknown'")
        kind = "unknown"
    gender_text = cells.get("gender", "")
    gender = _GENDERS.get(gender_text.lower()) if gender_text else None
    if gender_text and gender is None:
        warn(f"gender {gender_text!r} unknown; left out")
    nationalities = [
        code
        for text in _split(cells.get("nationality", ""))
        if (code := resolve_country(text, report, file, line, "nationality", entry_id)) is not None
    ]
    return ListEntry(
        list_name=list_name,
        entry_id=entry_id,
        kind=kind,
        name=cells["name"],
        aliases=unique(Alias(a) for a in _split(cells.get("aliases", ""))),
        birth_dates=unique(_birth_dates(cells.get("dob", ""), warn)),
        nationalities=unique(nationalities),
        gender=gender,
        documents=_documents(cells, line, file, report),
        list_version=version,
    )


def _birth_dates(value: str, warn: Callable[[str], None]) -> list[BirthDate]:
    out: list[BirthDate] = []
    for text in _split(value):
        try:
            out.append(BirthDate(PartialDate.parse(text)))
        except ValueError:
            parsed = parse_birth_date(text)
            if parsed.value is None:
                warn(f"dob {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD; left out")
            else:
                warn(f"dob {text!r} is not ISO; read as {parsed.value}")
                out.append(parsed.value)
    return out


def _documents(
    cells: dict[str, str], line: int, file: str, report: ReportBuilder
) -> tuple[Document, ...]:
    number = cells.get("document_number", "")
    country_text = cells.get("document_country", "")
    if not number:
        if country_text:
            report.warn(
                file, line, "document_country without document_number; ignored", cells["id"]
            )
        return ()
    country = None
    if country_text:
        country = resolve_country(country_text, report, file, line, "document_country", cells["id"])
    return (Document("document", number, country, None, "other"),)
