"""Rich renderings of travel-document results for people."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from borderpost.documents import MrzResult, Severity

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def verdict(result: MrzResult) -> Text:
    if not result.valid:
        return Text("INVALID", style="bold red")
    if result.errors:
        return Text("VALID, ALERT", style="bold yellow")
    return Text("VALID", style="bold green")


def findings_text(result: MrzResult, *, codes_only: bool = False) -> Text:
    text = Text()
    for index, item in enumerate(result.findings):
        if index:
            text.append("\n" if not codes_only else ", ")
        text.append(item.code, style=SEVERITY_STYLE[item.severity])
        if not codes_only:
            text.append(f": {item.message}")
    return text


def result_panel(result: MrzResult, title: str = "MRZ") -> Panel:
    """One document, field by field, with checks and findings."""
    fields = Table(show_header=False, box=None, pad_edge=False)
    fields.add_column(style="bold")
    fields.add_column()
    rows = [
        ("verdict", verdict(result)),
        ("layout", result.type or "-"),
        ("document code", result.document_code or "-"),
        ("issuing state", _country(result.issuing_state, result.issuing_state_name)),
        ("surname", result.surname or "-"),
        ("given names", result.given_names or "-"),
        ("document number", result.document_number or "-"),
        ("nationality", _country(result.nationality, result.nationality_name)),
        ("birth date", result.birth_date.isoformat() if result.birth_date else "-"),
        ("sex", result.sex or "-"),
        ("expiry date", result.expiry_date.isoformat() if result.expiry_date else "-"),
        ("personal number", result.personal_number or "-"),
        ("optional data", " / ".join(filter(None, [result.optional_data, result.optional_data_2]))),
    ]
    for key, value in rows:
        fields.add_row(key, value if isinstance(value, Text) else Text(str(value or "-")))
    checks = Text()
    for name, ok in result.checks.items():
        checks.append(f"{name} ", style="bold")
        checks.append("ok  " if ok else "FAIL  ", style="green" if ok else "bold red")
    fields.add_row("check digits", checks)
    parts: list[Table | Text] = [fields]
    if result.findings:
        parts.append(Text("\nfindings", style="bold"))
        parts.append(findings_text(result))
    if result.repair is not None:
        parts.append(Text("\nproposed repair", style="bold"))
        parts.append(Text(result.repair.mrz, style="green"))
    return Panel(Group(*parts), title=title, subtitle=f"reference date {result.reference_date}")


def _country(code: str | None, name: str | None) -> str:
    if code is None:
        return "-"
    return f"{code} ({name})" if name else code


def results_table(rows: Iterable[tuple[str, MrzResult]], title: str) -> Table:
    """Several documents, one line each."""
    table = Table(title=title, show_lines=False)
    for column in ("document", "type", "issuer", "number", "name", "born", "expires", "verdict"):
        table.add_column(column)
    table.add_column("findings", overflow="fold")
    for label, result in rows:
        name = ", ".join(filter(None, [result.surname, result.given_names])) or "-"
        table.add_row(
            label,
            result.type or "-",
            result.issuing_state or "-",
            result.document_number or "-",
            name,
            result.birth_date.isoformat() if result.birth_date else "-",
            result.expiry_date.isoformat() if result.expiry_date else "-",
            verdict(result),
            findings_text(result, codes_only=True),
        )
    return table
