"""``borderpost mrz``: read, check, repair and generate machine readable zones."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from borderpost.cli.context import console, fail, state
from borderpost.cli.render import SEVERITY_STYLE, result_panel
from borderpost.documents import MrzFields, make_mrz, parse, repair
from borderpost.documents.findings import catalogue
from borderpost.store import UnitOfWork
from borderpost.store.repos.documents import DocumentCheckRepo

if TYPE_CHECKING:
    from borderpost.documents.ocr import ImageReading

app = typer.Typer(
    help="Machine readable zones (ICAO 9303): check, repair, make.", no_args_is_help=True
)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date in the form YYYY-MM-DD")
    return None  # pragma: no cover - fail exits


def _documents(arguments: list[str]) -> list[str]:
    """MRZs from arguments (a literal backslash-n counts as a line break) or from stdin."""
    if arguments:
        return [argument.replace("\\n", "\n") for argument in arguments]
    text = sys.stdin.read().replace("\r\n", "\n").replace("\\n", "\n")
    documents, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            documents.append("\n".join(current))
            current = []
    if current:
        documents.append("\n".join(current))
    return documents


@app.command()
def check(
    ctx: typer.Context,
    mrz: list[str] = typer.Argument(
        None,
        help="One MRZ per argument, lines joined by a newline or a literal \\n. "
        "Without arguments, documents are read from stdin, separated by blank lines.",
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per document per line."),
    at: str | None = typer.Option(None, "--at", help="Reference date YYYY-MM-DD (default today)."),
    record: bool = typer.Option(False, "--record", help="Record each check in the database."),
) -> None:
    """Read and check MRZs: fields, check digits, dates, codes, and what is wrong."""
    reference = _date(at, "--at") or _settings_date(ctx)
    documents = _documents(mrz or [])
    results = [parse(text, at=reference) for text in documents]
    if record and results:
        with UnitOfWork(state(ctx).store()) as uow:
            repo = DocumentCheckRepo(uow.session)
            for result in results:
                repo.add(result)
            uow.commit()
    for index, result in enumerate(results, 1):
        if as_json:
            print(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            console.print(result_panel(result, title=f"document {index}"))
    if not results and not as_json:
        console.print("no MRZ given (pass one as an argument or on stdin)")


def _settings_date(ctx: typer.Context) -> dt.date | None:
    configured = state(ctx).settings.reference_date
    return _date(configured, "BORDERPOST_REFERENCE_DATE") if configured else None


@app.command("repair")
def repair_command(
    mrz: str = typer.Argument(..., help="The MRZ as read, lines joined by a newline or \\n."),
    at: str | None = typer.Option(None, "--at", help="Reference date YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Propose a reading with OCR confusions corrected (only if every check digit then agrees)."""
    proposal, reason = repair(mrz.replace("\\n", "\n"), at=_date(at, "--at"))
    if as_json:
        print(json.dumps({"repair": proposal.to_dict() if proposal else None, "reason": reason}))
        return
    if proposal is None:
        console.print(f"no repair: {reason}")
        return
    console.print(proposal.mrz, style="green", highlight=False)
    for change in proposal.changes:
        console.print(f"  {change.describe()}", highlight=False)


@app.command()
def make(
    doc_type: str = typer.Option("TD3", "--type", help="TD1, TD2, TD3, MRVA or MRVB."),
    code: str = typer.Option("P", "--code", help="Document code, e.g. P, PN, I, ID, V."),
    issuer: str = typer.Option(..., "--issuer", help="Issuing State (ICAO code, e.g. UTO, D)."),
    surname: str = typer.Option(..., "--surname", help="Primary identifier, any script."),
    given: str = typer.Option("", "--given-names", help="Secondary identifier(s), any script."),
    number: str = typer.Option(..., "--number", help="Document number."),
    nationality: str = typer.Option(..., "--nationality", help="Nationality (ICAO code)."),
    birth: str = typer.Option(..., "--birth-date", help="YYYY-MM-DD."),
    sex: str = typer.Option("<", "--sex", help="M, F, X or <."),
    expiry: str = typer.Option(..., "--expiry-date", help="YYYY-MM-DD."),
    optional: str = typer.Option("", "--optional-data"),
    optional_2: str = typer.Option("", "--optional-data-2", help="TD1 line 2 optional data."),
    personal: str = typer.Option("", "--personal-number", help="TD3 personal number."),
    language: str | None = typer.Option(
        None, "--language", help="Cyrillic national rules: be, bg, mk, sr, uk."
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Generate a correct MRZ from a document's fields (names transliterated by ICAO rules)."""
    birth_date = _date(birth, "--birth-date")
    expiry_date = _date(expiry, "--expiry-date")
    assert birth_date is not None and expiry_date is not None
    try:
        text = make_mrz(
            MrzFields(
                type=doc_type,
                document_code=code,
                issuing_state=issuer,
                surname=surname,
                given_names=given,
                document_number=number,
                nationality=nationality,
                birth_date=birth_date,
                sex=sex,
                expiry_date=expiry_date,
                optional_data=optional,
                optional_data_2=optional_2,
                personal_number=personal,
                language=language,
            )
        )
    except ValueError as exc:
        fail(str(exc))
        return
    if as_json:
        print(json.dumps({"mrz": text, "lines": text.split("\n")}))
    else:
        print(text)


@app.command("read")
def read_command(
    ctx: typer.Context,
    images: list[Path] = typer.Argument(
        ..., help="Photos or scans: JPEG, PNG, TIFF, JPEG 2000 or PDF (first page)."
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per image per line."),
    at: str | None = typer.Option(None, "--at", help="Reference date YYYY-MM-DD (default today)."),
) -> None:
    """Read the MRZ from photos or scans, offline, then check it like `mrz check`."""
    from borderpost.documents.ocr import read_file  # image libraries load only when needed

    reference = _date(at, "--at") or _settings_date(ctx)
    if as_json:
        for path in images:
            print(
                json.dumps(read_file(path, at=reference).to_dict(), ensure_ascii=False), flush=True
            )
        return
    if len(images) < 2 or not console.is_terminal:
        for path in images:
            _show_reading(path, read_file(path, at=reference))
        return
    # Several images on a terminal: a progress bar below the results (pipes stay clean).
    with Progress(
        TextColumn("reading MRZs"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("read", total=len(images))
        for path in images:
            _show_reading(path, read_file(path, at=reference))
            bar.advance(task)


def _show_reading(path: Path, reading: ImageReading) -> None:
    title = f"{path.name}: confidence {reading.confidence:.2f}"
    if reading.text is not None:
        console.print(reading.text, style="bold", highlight=False)
    console.print(result_panel(reading.result, title=title))
    for fix in reading.repaired:
        console.print(
            f"  repaired line {fix.line}, position {fix.position} ({fix.field}): "
            f"{fix.before!r} -> {fix.after!r}",
            highlight=False,
        )


@app.command("findings")
def findings_command(as_json: bool = typer.Option(False, "--json")) -> None:
    """List every finding code the engine can raise, with its severity and meaning."""
    kinds = list(catalogue().values())
    if as_json:
        for kind in kinds:
            print(
                json.dumps(
                    {"code": kind.code, "severity": kind.severity.value, "summary": kind.summary}
                )
            )
        return
    table = Table(title="MRZ finding codes")
    table.add_column("code", style="bold")
    table.add_column("severity")
    table.add_column("meaning")
    for kind in kinds:
        table.add_row(
            kind.code, Text(kind.severity.value, SEVERITY_STYLE[kind.severity]), kind.summary
        )
    console.print(table)
