"""Rich renderings of watchlists, their versions and changes for people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from borderpost.screening.report import ImportIssue
from borderpost.watchlists.service import ImportSummary, ListRow, VersionChanges

__all__ = [
    "changes_table",
    "history_table",
    "lists_tables",
    "lost_stolen_panel",
    "summary_panel",
]

_CHANGE_STYLE = {"added": "green", "changed": "yellow", "removed": "red"}


def _version(number: int | None, label: str | None) -> str:
    if number is None:
        return "-"
    return f"{number} ({label})" if label else str(number)


def _changes_text(summary: ImportSummary) -> Text:
    if summary.no_changes:
        return Text(f"no changes ({summary.unchanged} entries unchanged)", style="bold")
    text = Text()
    text.append(f"{summary.added} added", style=_CHANGE_STYLE["added"])
    text.append(", ")
    text.append(f"{summary.changed} changed", style=_CHANGE_STYLE["changed"])
    text.append(", ")
    text.append(f"{summary.removed} removed", style=_CHANGE_STYLE["removed"])
    text.append(f", {summary.unchanged} unchanged")
    return text


def _issues(title: str, issues: Sequence[ImportIssue], shown: int, style: str) -> Text:
    text = Text(f"{title}: {len(issues)}", style="bold")
    for issue in issues[:shown]:
        text.append(f"\n  {issue}", style=style)
    if len(issues) > shown:
        text.append(f"\n  ... and {len(issues) - shown} more (see `borderpost lists history`)")
    return text


def summary_panel(summary: ImportSummary, *, shown: int, seconds: float) -> Panel:
    """What one import read and changed."""
    fields = Table(show_header=False, box=None, pad_edge=False)
    fields.add_column(style="bold")
    fields.add_column()
    fields.add_row("version", _version(summary.version, summary.label))
    fields.add_row("format", summary.source_format)
    fields.add_row("files", ", ".join(summary.files))
    fields.add_row(
        "entries", f"read {summary.read}, kept {summary.kept}, skipped {summary.skipped}"
    )
    fields.add_row("changes", _changes_text(summary))
    parts: list[RenderableType] = [fields]
    if summary.warnings:
        parts.append(_issues("\nwarnings", summary.warnings, shown, "yellow"))
    if summary.errors:
        parts.append(_issues("\nskipped records", summary.errors, shown, "red"))
    return Panel(Group(*parts), title=summary.list_name, subtitle=f"stored in {seconds:.1f} s")


def lost_stolen_panel(data: dict[str, Any]) -> Panel:
    """What replacing a lost/stolen list did (``data`` as printed with ``--json``)."""
    fields = Table(show_header=False, box=None, pad_edge=False)
    fields.add_column(style="bold")
    fields.add_column()
    fields.add_row("files", ", ".join(data["files"]))
    fields.add_row(
        "records", f"read {data['read']}, kept {data['kept']}, skipped {data['skipped']}"
    )
    fields.add_row(
        "stored",
        f"{data['stored']} (replacing {data['previous']}; "
        f"{data['duplicates']} repeated documents stored once)",
    )
    fields.add_row("warnings", str(data["warning_count"]))
    parts: list[RenderableType] = [fields]
    if data["errors"]:
        text = Text(f"\nskipped records: {data['error_count']}", style="bold")
        for line in data["errors"]:
            text.append(f"\n  {line}", style="red")
        parts.append(text)
    return Panel(Group(*parts), title=f"{data['list']} (lost/stolen documents)")


def lists_tables(rows: Sequence[ListRow], lost: Sequence[tuple[str, int]]) -> list[Table]:
    """The stored watchlists, then the lost/stolen lists."""
    table = Table(title="Watchlists")
    for column in ("list", "versions", "newest", "format", "imported", "entries", "removed"):
        table.add_column(column, justify="right" if column in ("entries", "removed") else "left")
    for row in rows:
        table.add_row(
            row.name,
            str(row.versions),
            _version(row.version, row.label),
            row.source_format or "-",
            row.imported_at.strftime("%Y-%m-%d %H:%M UTC") if row.imported_at else "-",
            str(row.entries),
            str(row.removed),
        )
    if not rows:
        table.caption = "no watchlist imported yet: `borderpost lists import`"
    documents = Table(title="Lost/stolen documents")
    documents.add_column("list")
    documents.add_column("records", justify="right")
    for name, count in lost:
        documents.add_row(name, str(count))
    return [table, documents] if lost else [table]


def history_table(name: str, versions: Sequence[ImportSummary]) -> Table:
    """Every version of a list, oldest first."""
    table = Table(title=f"{name}: versions")
    for column in ("version", "label", "imported", "format", "read/kept/skipped", "warnings"):
        table.add_column(column)
    table.add_column("changes")
    for summary in versions:
        table.add_row(
            str(summary.version),
            summary.label or "-",
            summary.imported_at.strftime("%Y-%m-%d %H:%M UTC"),
            summary.source_format,
            f"{summary.read}/{summary.kept}/{summary.skipped}",
            str(len(summary.warnings)),
            _changes_text(summary),
        )
    return table


def changes_table(found: VersionChanges, *, limit: int) -> Table:
    """The changes of one version (the first ``limit`` rows; 0 for all)."""
    summary = found.version
    title = f"{summary.list_name}: version {_version(summary.version, summary.label)}"
    table = Table(title=title, caption=_changes_text(summary))
    for column in ("change", "entry", "name", "fields"):
        table.add_column(column, overflow="fold")
    rows = found.changes if limit <= 0 else found.changes[:limit]
    for row in rows:
        table.add_row(
            Text(row.change, style=_CHANGE_STYLE.get(row.change, "")),
            row.entry_id,
            row.name or "-",
            ", ".join(row.fields),
        )
    if len(rows) < len(found.changes):
        table.add_row("...", f"{len(found.changes) - len(rows)} more", "(--limit 0 for all)", "")
    return table
