"""``borderpost issuance``: the integrity rules, the civil registry list, booklet stock,
applications, the adjudication queue, decisions, insider signals and a simulated run.

A local operator's tool: the named user (``--actor``) is taken at their word (no password) and
recorded in the audit log; their role must allow the action. The web API authenticates.
Exit codes: 0 done; 1 refused (the message says why) and nothing stored; 2 unusable arguments.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from borderpost.cli.context import console, fail, state
from borderpost.inspection.access import user_by_name
from borderpost.inspection.errors import InspectionError
from borderpost.issuance.adjudication import VERDICTS, adjudicate, queue
from borderpost.issuance.decisions import decide
from borderpost.issuance.insider import officer_signals
from borderpost.issuance.photos import MAX_PHOTO_BYTES, enrol_photo, read_photo
from borderpost.issuance.quality import score_run
from borderpost.issuance.registry import RegistryError, parse_registry_csv
from borderpost.issuance.registry_store import import_registry
from borderpost.issuance.rules import default_rules
from borderpost.issuance.simulation import run_world
from borderpost.issuance.stock import balance, move, receive, reconcile, serial_range
from borderpost.issuance.views import application_view, list_applications
from borderpost.sim.issuance import IssuanceSpec, build_world
from borderpost.store import UnitOfWork
from borderpost.store.models import User

app = typer.Typer(
    help="Passport issuance integrity: rules, registry, stock, applications, adjudication, "
    "insider signals, simulation.",
    no_args_is_help=True,
)
stock_app = typer.Typer(help="The blank-booklet stock ledger.", no_args_is_help=True)
app.add_typer(stock_app, name="stock")

_R = TypeVar("_R")
ACTOR = typer.Option(..., "--actor", help="Username acting (their role must allow it).")
JSON = typer.Option(False, "--json", help="JSON output.")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as(ctx: typer.Context, username: str, act: Callable[[UnitOfWork, User], _R]) -> _R:
    with UnitOfWork(state(ctx).store()) as uow:
        try:
            result = act(uow, user_by_name(uow.session, username))
        except InspectionError as exc:
            fail(str(exc), code=1)
            raise  # not reached: fail exits
        uow.commit()
    return result


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@app.command("rules")
def rules_command(as_json: bool = JSON) -> None:
    """The integrity rules: what each checks, its action and its figures."""
    book = default_rules()
    if as_json:
        _print([rule.to_dict() for rule in book.rules.values()])
        return
    table = Table(title="Integrity rules (borderpost/issuance/data/rules.yaml)")
    for column in ("rule", "severity", "action", "on", "figures", "explains"):
        table.add_column(column, overflow="fold")
    for rule in book.rules.values():
        figures = ", ".join(f"{k}={v:g}" for k, v in rule.params.items())
        on = "yes" if rule.enabled else "no"
        table.add_row(rule.id, rule.severity, rule.action, on, figures, rule.explains)
    console.print(table)


@app.command("registry")
def registry_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="CSV: national_id,surname,given_names,birth_date,..."),
    actor: str = ACTOR,
) -> None:
    """Replace the civil registry reference list (living / deceased identities)."""
    try:
        parsed = parse_registry_csv(path.read_bytes(), file_name=path.name)
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")
        return
    except RegistryError as exc:
        fail(str(exc))
        return
    summary = _as(
        ctx, actor, lambda uow, u: import_registry(uow.session, parsed, actor=u, now=_now())
    )
    console.print(
        f"registry: {summary.stored} identities stored ({summary.deceased} deceased), "
        f"replacing {summary.previous}; {len(summary.errors)} rows skipped"
    )
    for error in summary.errors[:10]:
        console.print(f"  {error}", highlight=False)


@stock_app.command("receive")
def stock_receive(
    ctx: typer.Context,
    prefix: str = typer.Option(..., "--prefix", help="Letters before the number, e.g. UT."),
    first: int = typer.Option(..., "--first", min=0, help="First serial number."),
    count: int = typer.Option(..., "--count", min=1, max=100_000, help="How many booklets."),
    country: str = typer.Option(..., "--country", help="Issuing country (ICAO code)."),
    batch: str = typer.Option(..., "--batch", help="Delivery batch label."),
    actor: str = ACTOR,
) -> None:
    """Receive a range of blank booklets into the safe."""
    try:
        serials = serial_range(prefix, first, count)
    except InspectionError as exc:
        fail(str(exc))
        return
    found = _as(
        ctx,
        actor,
        lambda uow, u: receive(
            uow.session, serials, actor=u, country=country, batch=batch, now=_now()
        ),
    )
    console.print(found.describe())


@stock_app.command("move")
def stock_move(
    ctx: typer.Context,
    serial: str = typer.Argument(..., help="The booklet's serial number."),
    event: str = typer.Option(..., "--event", help="dispatch, return, spoil, destroy, missing."),
    location: str | None = typer.Option(None, "--location", help="Station (dispatch)."),
    witness: str | None = typer.Option(None, "--witness", help="Witness (destroy)."),
    reason: str | None = typer.Option(None, "--reason", help="Why (spoil, destroy, missing)."),
    actor: str = ACTOR,
) -> None:
    """Move one booklet; the invariant is checked after the move."""
    if event == "personalise":
        fail("booklets are personalised by collecting an approved application")
    row = _as(
        ctx,
        actor,
        lambda uow, u: move(
            uow.session,
            serial,
            event,
            actor=u,
            now=_now(),
            location=location,
            witness=witness,
            reason=reason,
        ),
    )
    extra = "" if row.lost_stolen_id is None else " (stolen-blank record sent to lost/stolen)"
    console.print(f"booklet {row.serial}: {row.state} at {row.location}{extra}")


@stock_app.command("count")
def stock_count(
    ctx: typer.Context,
    location: str = typer.Option(..., "--location", help="safe or a station."),
    present: Path = typer.Option(..., "--present", help="File of counted serials, one a line."),
    actor: str = ACTOR,
) -> None:
    """A stock count: booklets the ledger places there but not counted are reported missing."""
    try:
        serials = [line.strip() for line in present.read_text("utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{present}: {exc}")
        return
    missing = _as(
        ctx, actor, lambda uow, u: reconcile(uow.session, location, serials, actor=u, now=_now())
    )
    console.print(f"{len(missing)} booklets reported missing: {', '.join(missing) or 'none'}")


@stock_app.command("balance")
def stock_balance(ctx: typer.Context, as_json: bool = JSON) -> None:
    """received = on hand + issued + spoiled + destroyed + missing, checked."""
    with UnitOfWork(state(ctx).store()) as uow:
        found = balance(uow.session)
    if as_json:
        _print(found.to_dict())
    else:
        console.print(found.describe())
    if not found.holds:
        raise typer.Exit(1)


@app.command("applications")
def applications_command(
    ctx: typer.Context,
    actor: str = ACTOR,
    status: str | None = typer.Option(None, "--status", help="Only this status."),
    as_json: bool = JSON,
) -> None:
    """Recent applications (the listing is audited)."""
    rows = _as(
        ctx,
        actor,
        lambda uow, u: list_applications(uow.session, actor=u, now=_now(), status=status),
    )
    if as_json:
        _print(rows)
        return
    table = Table(title="Passport applications")
    for column in ("#", "status", "kind", "name", "born", "office", "officer", "decided by"):
        table.add_column(column)
    for row in rows:
        name = f"{row['surname']}, {row['given_names']}"
        table.add_row(
            str(row["id"]),
            row["status"],
            row["kind"],
            name,
            row["birth_date"],
            row["office"],
            row["officer"],
            row["decided_by"] or "",
        )
    console.print(table)


@app.command("show")
def show_command(
    ctx: typer.Context,
    application_id: int = typer.Argument(..., min=1),
    actor: str = ACTOR,
) -> None:
    """One application in full, as JSON (the read is audited)."""
    _print(
        _as(
            ctx,
            actor,
            lambda uow, u: application_view(uow.session, application_id, actor=u, now=_now()),
        )
    )


@app.command("photo")
def photo_command(
    ctx: typer.Context,
    application_id: int = typer.Argument(..., min=1),
    photo: Path = typer.Argument(..., help="The applicant's photo (JPEG, PNG, JPEG 2000)."),
    actor: str = ACTOR,
) -> None:
    """Enrol the applicant's photo on a draft application: checked (exactly one face) and
    stored with its face template for the 1:N duplicate search at submission."""
    try:
        size = photo.stat().st_size
        if size > MAX_PHOTO_BYTES:
            fail(f"{photo}: larger than {MAX_PHOTO_BYTES} bytes", code=2)
        data = photo.read_bytes()
    except OSError as exc:
        fail(f"cannot read {photo}: {exc.strerror or exc}", code=2)
    _print(
        _as(
            ctx,
            actor,
            lambda uow, u: enrol_photo(
                uow.session, application_id, actor=u, photo=data, now=_now()
            ),
        )
    )


@app.command("photo-export")
def photo_export_command(
    ctx: typer.Context,
    application_id: int = typer.Argument(..., min=1),
    out: Path = typer.Argument(..., help="File to write the photo to."),
    purpose: str = typer.Option(..., "--purpose", help="Why the photo is read (audited)."),
    actor: str = ACTOR,
) -> None:
    """Write an application's enrolment photo to a file (the read is audited with its purpose)."""
    data = _as(
        ctx,
        actor,
        lambda uow, u: read_photo(
            uow.session, application_id, actor=u, purpose=purpose, now=_now()
        ),
    )
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}", code=2)
    console.print(f"photo of application #{application_id} written to {out}", highlight=False)


@app.command("queue")
def queue_command(ctx: typer.Context, actor: str = ACTOR) -> None:
    """Open duplicate-identity candidates, both records side by side, as JSON."""
    _print(_as(ctx, actor, lambda uow, u: queue(uow.session, actor=u, now=_now())))


@app.command("adjudicate")
def adjudicate_command(
    ctx: typer.Context,
    candidate_id: int = typer.Argument(..., min=1),
    verdict: str = typer.Option(..., "--verdict", help=", ".join(VERDICTS)),
    reason: str = typer.Option(..., "--reason", help="Why (recorded)."),
    actor: str = ACTOR,
) -> None:
    """Decide a duplicate candidate: the same person or not, with a reason."""
    row = _as(
        ctx,
        actor,
        lambda uow, u: adjudicate(
            uow.session, candidate_id, actor=u, verdict=verdict, reason=reason, now=_now()
        ),
    )
    console.print(f"candidate #{row.id}: {row.status} by {row.decided_by}")


@app.command("decide")
def decide_command(
    ctx: typer.Context,
    application_id: int = typer.Argument(..., min=1),
    approve: bool = typer.Option(..., "--approve/--reject", help="Approve or reject."),
    reason: str = typer.Option(..., "--reason", help="Why (recorded)."),
    actor: str = ACTOR,
) -> None:
    """Approve or reject someone else's application (maker-checker)."""
    row = _as(
        ctx,
        actor,
        lambda uow, u: decide(
            uow.session,
            application_id,
            actor=u,
            approve=approve,
            reason=reason,
            book=default_rules(),
            now=_now(),
        ),
    )
    console.print(f"application #{row.id}: {row.status} by {row.decided_by}")


@app.command("signals")
def signals_command(ctx: typer.Context, actor: str = ACTOR, as_json: bool = JSON) -> None:
    """Insider signals on issuance staff, each with the figures behind it."""
    found = _as(
        ctx,
        actor,
        lambda uow, u: officer_signals(uow.session, actor=u, book=default_rules(), now=_now()),
    )
    if as_json:
        _print([signal.to_dict() for signal in found])
        return
    table = Table(title="Insider signals (patterns worth a look, not findings)")
    for column in ("officer", "signal", "why"):
        table.add_column(column, overflow="fold")
    for signal in found:
        table.add_row(signal.officer, signal.kind, signal.reason)
    console.print(table)


@app.command("simulate")
def simulate_command(
    ctx: typer.Context,
    seed: int = typer.Option(7, "--seed"),
    citizens: int = typer.Option(200, "--citizens", min=20, max=20_000),
) -> None:
    """Run a simulated issuance world with planted fraud into the configured database (best an
    empty one) and print detection precision/recall per fraud kind against its truth."""
    world = build_world(IssuanceSpec(seed=seed, citizens=citizens))
    store = state(ctx).store()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task("applications", total=len(world.applications))

        def tick(_what: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            run = run_world(store, world, settings=state(ctx).settings, progress=tick)
        except InspectionError as exc:
            fail(f"the simulation was refused: {exc} (use an empty database)", code=1)
            return
    with UnitOfWork(store) as uow:
        scores = score_run(uow.session, world, run)
        uow.commit()
    table = Table(title=f"Detection against the simulator's truth (seed {seed})")
    for column in ("fraud kind", "truth", "flagged", "true pos.", "precision", "recall"):
        table.add_column(column)
    for score in scores:
        p = "n/a" if score.precision is None else f"{score.precision:.0%}"
        r = "n/a" if score.recall is None else f"{score.recall:.0%}"
        table.add_row(
            score.kind, str(score.truth), str(score.flagged), str(score.true_positives), p, r
        )
    console.print(table)
