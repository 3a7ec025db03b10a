"""What an import did: counts, warnings and record-level errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from borderpost.screening.model import ListEntry, ListSnapshot

__all__ = ["ImportIssue", "ImportReport", "ImportResult", "ReportBuilder"]


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One warning or error, tied to a file and (usually) a line."""

    file: str
    line: int | None
    message: str
    entry_id: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file} line {self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Counts and issues of one import.

    ``read`` records were read, ``kept`` became entries, ``skipped`` were left out (each
    skip has an error saying why). Warnings never drop a record; they say what was read
    in an unusual way or left as a remark.
    """

    list_name: str
    files: tuple[str, ...]
    read: int
    kept: int
    skipped: int
    warnings: tuple[ImportIssue, ...] = ()
    errors: tuple[ImportIssue, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no record-level error occurred."""
        return not self.errors

    def summary(self) -> str:
        """One line for logs and the CLI."""
        return (
            f"{self.list_name}: read {self.read}, kept {self.kept}, skipped {self.skipped}, "
            f"{len(self.warnings)} warnings, {len(self.errors)} errors"
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The snapshot an importer built and the report of how."""

    snapshot: ListSnapshot
    report: ImportReport

    @property
    def entries(self) -> tuple[ListEntry, ...]:
        """The entries of the snapshot."""
        return self.snapshot.entries


@dataclass(slots=True)
class ReportBuilder:
    """Mutable collector an importer fills while it reads (not part of the results)."""

    list_name: str
    files: list[str] = field(default_factory=list)
    read: int = 0
    skipped: int = 0
    warnings: list[ImportIssue] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def warn(self, file: str, line: int | None, message: str, entry_id: str | None = None) -> None:
        """Record a warning."""
        self.warnings.append(ImportIssue(file, line, message, entry_id))

    def error(self, file: str, line: int | None, message: str, entry_id: str | None = None) -> None:
        """Record a record-level error; the caller skips the record."""
        self.errors.append(ImportIssue(file, line, message, entry_id))
        self.skipped += 1

    def result(self, version: str | None, entries: list[ListEntry]) -> ImportResult:
        """Freeze the entries and the report."""
        snapshot = ListSnapshot(self.list_name, version, tuple(entries))
        report = ImportReport(
            list_name=self.list_name,
            files=tuple(self.files),
            read=self.read,
            kept=len(entries),
            skipped=self.skipped,
            warnings=tuple(self.warnings),
            errors=tuple(self.errors),
            notes=tuple(self.notes),
        )
        return ImportResult(snapshot, report)
