"""The screening part of ``borderpost demo``: real UN and OFAC lists, travellers in many scripts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, TaskID
from rich.table import Table

from borderpost.screening.engine import Screener
from borderpost.screening.query import Query
from borderpost.store import Store, UnitOfWork
from borderpost.watchlists.files import read_watchlist
from borderpost.watchlists.service import import_snapshot, list_summaries, load_entries

LISTS = (
    ("UN", "un", Path("lists") / "un_consolidated_2026-02-27" / "consolidated.xml"),
    ("OFAC-SDN", "ofac", Path("lists") / "ofac_sdn_2021-07-07"),
)

# (what the officer typed or the passport says, date of birth, nationality, what it shows)
TRAVELLERS = (
    ("Ahmad Kalfan Gailani", None, None, "typos in a listed name"),
    ("GHAILANI Ahmed Khalfan", "1974", "TZA", "parts swapped, birth year only"),
    ("أبو بكر البغدادي", None, None, "Arabic script against a Latin alias"),
    ("김정은", None, "PRK", "Hangul against the Latin list name"),
    ("Ayman al-Zawahiri", "1951-06-19", "EGY", "date of birth given"),
    ("Ayman al-Zawahiri", "1990-01-01", "EGY", "same name, birth date 39 years off"),
    ("Maria Garcia Lopez", "1991-05-17", "ESP", "an ordinary traveller"),
)


def import_lists(store: Store, shared: Path, console: Console) -> None:
    """Import the development copies of the UN and OFAC lists, unless already stored."""
    with UnitOfWork(store) as uow:
        stored = {row.name: row.label for row in list_summaries(uow.session)}
    for name, list_format, relative in LISTS:
        path = shared / relative
        if not path.exists():
            continue
        result = read_watchlist(list_format, [path], list_name=name)
        if stored.get(name) == result.snapshot.version:
            continue
        with Progress(console=console, transient=True) as progress, UnitOfWork(store) as uow:
            task = progress.add_task(f"importing {name}", total=None)
            summary = import_snapshot(
                uow,
                result.snapshot,
                result.report,
                source_format=list_format,
                files=[path.name],
                progress=_reporter(progress, task, name),
            )
            uow.commit()
        console.print(
            f"Imported {name} {result.snapshot.version}: {summary.added} added, "
            f"{summary.changed} changed, {summary.removed} removed."
        )


def _reporter(progress: Progress, task: TaskID, name: str) -> Callable[[str, int, int], None]:
    def tell(phase: str, done: int, total: int) -> None:
        progress.update(task, description=f"{name}: {phase}", completed=done, total=total)

    return tell


def screen_travellers(store: Store, console: Console) -> None:
    with UnitOfWork(store) as uow:
        entries = load_entries(uow.session)
    if not entries:
        console.print(
            "[yellow]no watchlists stored (../shared/data not found): skipping screening[/]"
        )
        return
    screener = Screener(entries)
    table = Table(
        title=f"Screening against {', '.join(screener.list_names)} ({len(entries):,} entries)",
        show_lines=True,
    )
    for column in ("traveller", "shows", "best hit", "score"):
        table.add_column(column)
    table.add_column("why", overflow="fold")
    for name, dob, nationality, shows in TRAVELLERS:
        query = Query.parse(name, dob=dob, nationality=nationality)
        hits = screener.screen(query).hits
        given = " ".join(filter(None, [name, dob, nationality]))
        if not hits:
            near = screener.screen(query, threshold=0.0).hits
            why = f"closest: {near[0].name} at {near[0].score:.2f}" if near else "no candidate"
            table.add_row(given, shows, "[green]no hit[/]", "-", why)
            continue
        hit = hits[0]
        table.add_row(
            given,
            shows,
            f"{hit.list_name} {hit.entry_id}: {hit.name}",
            f"{hit.score:.2f}",
            "\n".join(reason.describe() for reason in hit.reasons),
        )
    console.print(table)
