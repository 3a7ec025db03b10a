"""``borderpost demo``: what Borderpost can do so far, on the embedded database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer
from rich.rule import Rule

from borderpost.cli.context import console, state
from borderpost.cli.demo_console import serve_console
from borderpost.cli.demo_screening import import_lists, screen_travellers
from borderpost.cli.demo_world import run_booth, run_world
from borderpost.cli.render import result_panel, results_table
from borderpost.documents import MrzFields, MrzResult, make_mrz, parse
from borderpost.store import UnitOfWork
from borderpost.store.repos.documents import DocumentCheckRepo

SPECIMENS = Path("icao") / "icao_specimens.jsonl"


def _shared_data() -> Path | None:
    """The development data laid beside the checkout (``../shared/data``), if present."""
    for base in (Path.cwd(), *Path.cwd().parents):
        candidate = base.parent / "shared" / "data"
        if (candidate / SPECIMENS).is_file():
            return candidate
    return None


def _generated(today: dt.date) -> list[tuple[str, str]]:
    """A handful of generated documents, genuine and not."""
    years = dt.timedelta(days=365)
    genuine = MrzFields(
        type="TD3",
        document_code="P",
        issuing_state="UKR",
        surname="Шевченко",
        given_names="Олександра Євгенівна",
        document_number="FA103456",
        nationality="UKR",
        birth_date=dt.date(1991, 3, 14),
        sex="F",
        expiry_date=today + 4 * years,
        language="uk",
    )
    german_id = MrzFields(
        type="TD1",
        document_code="ID",
        issuing_state="D",
        surname="Müller-Lüdenscheidt",
        given_names="Jürgen",
        document_number="T22000129",
        nationality="D",
        birth_date=dt.date(1964, 8, 12),
        sex="M",
        expiry_date=today + 6 * years,
    )
    long_number = MrzFields(
        type="TD2",
        document_code="I",
        issuing_state="UTO",
        surname="Stevenson",
        given_names="Peter John",
        document_number="D23145890734",
        nationality="UTO",
        birth_date=dt.date(1934, 7, 12),
        sex="M",
        expiry_date=today + 2 * years,
    )
    visa = MrzFields(
        type="MRVA",
        document_code="V",
        issuing_state="NGA",
        surname="Παπαδόπουλος",
        given_names="Γεώργιος",
        document_number="VN4471902",
        nationality="GRC",
        birth_date=dt.date(1988, 1, 30),
        sex="M",
        expiry_date=today + years // 2,
    )
    expired = MrzFields(
        type="TD3",
        document_code="P",
        issuing_state="GHA",
        surname="Mensah",
        given_names="Kwame Kofi",
        document_number="G0937281",
        nationality="GHA",
        birth_date=dt.date(1979, 11, 2),
        sex="M",
        expiry_date=today - 40 * dt.timedelta(days=1),
    )
    documents = [
        ("generated: Ukrainian passport", make_mrz(genuine)),
        ("generated: German ID card", make_mrz(german_id)),
        ("generated: TD2, 12-char number", make_mrz(long_number)),
        ("generated: visa, Greek name", make_mrz(visa)),
        ("generated: expired passport", make_mrz(expired)),
    ]
    # A forgery: the expiry date moved two years on, check digit left as it was.
    lines = make_mrz(expired).split("\n")
    year = int(lines[1][21:23])
    forged = lines[1][:21] + f"{(year + 2) % 100:02d}" + lines[1][23:]
    documents.append(("forged: expiry altered", f"{lines[0]}\n{forged}"))
    # An OCR misreading: O for 0 in the number, K for < in the name's padding.
    text = make_mrz(genuine)
    ocr = text.replace("FA103456", "FA1O3456", 1).replace("<<<<<", "<<K<<", 1)
    documents.append(("scanned: OCR errors", ocr))
    return documents


def demo(
    ctx: typer.Context,
    serve: bool = typer.Option(
        True,
        "--serve/--no-serve",
        help="After the demo, serve the web console with a login for each role (Ctrl-C stops).",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address the console listens on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="The console's TCP port."),
) -> None:
    """Check the ICAO specimens and generated documents, record them, screen, run a day of a
    synthetic world through the booths; then serve the web console (unless --no-serve)."""
    settings = state(ctx).settings
    today = (
        dt.date.fromisoformat(settings.reference_date)
        if settings.reference_date
        else (dt.date.today())
    )
    console.print(Rule("Borderpost demo: travel documents (ICAO 9303)"))
    checked: list[tuple[str, MrzResult]] = []
    shared = _shared_data()
    if shared is not None:
        with (shared / SPECIMENS).open(encoding="utf-8") as handle:
            cases = [json.loads(line) for line in handle if line.strip()]
        specimens = [(f"ICAO {case['id']}", parse(case["mrz"], at=today)) for case in cases]
        console.print(results_table(specimens, f"ICAO Doc 9303 specimens ({shared / SPECIMENS})"))
        checked.extend(specimens)
    else:
        console.print(
            "[yellow]ICAO specimens not found (../shared/data); showing generated documents only[/]"
        )
    generated = [(label, parse(text, at=today)) for label, text in _generated(today)]
    console.print(results_table(generated, "Generated documents"))
    checked.extend(generated)
    console.print(result_panel(generated[-1][1], title=generated[-1][0]))
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        repo = DocumentCheckRepo(uow.session)
        for _label, result in checked:
            repo.add(result)
        uow.commit()
        total = repo.count()
    console.print(
        f"Recorded {len(checked)} document checks in {store.url} ({total} in the database)."
    )
    console.print(Rule("Borderpost demo: watchlist screening"))
    if shared is not None:
        import_lists(store, shared, console)
    screen_travellers(store, console)
    console.print(Rule("Borderpost demo: a synthetic border world with ground truth"))
    world = run_world(store, settings.data_dir, console)
    console.print(Rule("Borderpost demo: a day at the booths of the synthetic world"))
    run_booth(store, settings, world, console)
    console.print(
        f"Try: [bold].venv/bin/borderpost sim score {world}[/] "
        f"(and read {world / 'README.md'} for what every file holds)",
        highlight=False,
    )
    console.print(
        "Try: [bold].venv/bin/borderpost screen --name 'Ahmed Kalfan Ghailani' --dob 1974[/]",
        highlight=False,
    )
    console.print(
        "Try: [bold].venv/bin/borderpost mrz check --json 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<"
        "<<<<<<<<\\nL898902C36UTO7408122F1204159ZE184226B<<<<<10'[/]",
        highlight=False,
    )
    if serve:
        console.print(Rule("Borderpost demo: the web console"))
        serve_console(settings, store, console, host=host, port=port, world=world)
