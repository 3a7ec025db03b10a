"""``borderpost api``: advance passenger information (airline PAXLST and PNRGOV messages):
read and screen a file, record a person's review of a stored hit, check the targeting rules."""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from borderpost.cli.context import console, errors, fail, state
from borderpost.identity.roles import Permission, can
from borderpost.inspection.access import user_by_name
from borderpost.inspection.errors import Forbidden, InspectionError
from borderpost.passengers import EdifactError, Reading, read
from borderpost.store import UnitOfWork
from borderpost.targeting import (
    ManifestAssessment,
    RuleError,
    TravelContext,
    assess_reading,
    default_rules,
    load_rules,
    parse_master_crew,
    parse_rules,
)
from borderpost.targeting.review import OUTCOMES, record_review
from borderpost.targeting.rules import Rule
from borderpost.watchlists.screener import build_screener

app = typer.Typer(
    help="Advance passenger information: read airline PAXLST and PNRGOV messages.",
    no_args_is_help=True,
)


rules_app = typer.Typer(help="Targeting rules kept as YAML data.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@app.callback()
def _api() -> None:
    """Advance passenger information: read airline PAXLST and PNRGOV messages."""


def _human(reading: Reading) -> None:
    console.print(
        f"{reading.interchanges} interchange(s), {len(reading.messages)} message(s), "
        f"{reading.segment_count} segments",
        highlight=False,
    )
    for index, message in enumerate(reading.messages, 1):
        flights = ", ".join(
            f"{flight.number} "
            + " ".join(f"{leg.origin or '?'}-{leg.destination or '?'}" for leg in flight.legs)
            for flight in message.flights
        )
        console.print(
            f"\n[bold]message {index}[/] {message.identifier} ({message.reference})"
            + (f"  flights: {flights}" if flights else ""),
            highlight=False,
        )
        if message.bookings:
            locators = ", ".join(booking.record_locator for booking in message.bookings)
            console.print(f"bookings: {locators}", highlight=False)
        table = Table()
        for column in ("role", "surname", "given names", "sex", "born", "nat.", "documents"):
            table.add_column(column)
        for person in message.persons:
            table.add_row(
                person.role,
                person.surname,
                person.given_names,
                person.sex or "",
                person.birth_date.isoformat() if person.birth_date else "",
                person.nationality or "",
                ", ".join(
                    f"{d.type} {d.number} {d.issuing_state or ''}".strip() for d in person.documents
                ),
            )
        console.print(table)
    if reading.warnings:
        table = Table(title="warnings")
        for column in ("code", "where", "message"):
            table.add_column(column)
        for item in reading.warnings:
            table.add_row(item.code, item.position.describe(), item.message)
        console.print(table)
    else:
        console.print("no warnings")


@app.command()
def parse(
    file: str = typer.Argument(..., help="A file of EDIFACT messages ('-' reads stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print the reading as one JSON object."),
) -> None:
    """Read a PAXLST/PNRGOV file: flights, travellers, documents, bookings and warnings."""
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        fail(f"cannot read {Path(file).name}: {exc.strerror or exc}")
        return
    try:
        reading = read(data)
    except EdifactError as exc:
        fail(f"{Path(file).name}: {exc}")
        return
    if as_json:
        print(json.dumps(reading.to_dict(), ensure_ascii=False))
    else:
        _human(reading)


def _read_file(file: str) -> Reading:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        fail(f"cannot read {Path(file).name}: {exc.strerror or exc}")
        raise AssertionError from exc  # fail() exits
    try:
        return read(data)
    except EdifactError as exc:
        fail(f"{Path(file).name}: {exc}")
        raise AssertionError from exc


def _rules(paths: list[Path]) -> list[Rule]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    try:
        return load_rules(files) if files else list(default_rules())
    except (OSError, RuleError) as exc:
        fail(str(exc))
        raise AssertionError from exc


@app.command("screen")
def screen_manifest(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="A PAXLST (and PNRGOV) file ('-' reads stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per manifest."),
    rules: list[Path] = typer.Option(
        [], "--rules", help="Rule files or folders (default: the shipped rules)."
    ),
    crew_list: Path | None = typer.Option(
        None, "--crew-list", help="Master crew list: CSV with a document_number column."
    ),
    today: str | None = typer.Option(None, "--today", help="ISO date used as today."),
) -> None:
    """Assess every traveller of a manifest: watchlist and lost/stolen hits, document checks
    and targeting rules, each with its reason. Nothing is decided: hits go to review."""
    reading = _read_file(file)
    chosen = _rules(rules)
    master = None
    if crew_list is not None:
        try:
            master = parse_master_crew(crew_list.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read crew list {crew_list}: {exc}")
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        fail(f"--today {today!r} is not YYYY-MM-DD")
        return
    settings = state(ctx).settings
    with UnitOfWork(state(ctx).store()) as uow:
        screener = build_screener(uow.session, settings)
    if not screener.entries and not len(screener.lost_stolen):
        errors.print("[yellow]warning:[/] no watchlists are stored: screening finds nothing")
    results = assess_reading(
        reading, screener, rules=chosen, context=TravelContext(master_crew=master), today=day
    )
    if not results:
        fail(f"{Path(file).name} holds no passenger or crew list (PAXLST)")
    for result in results:
        if as_json:
            print(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            _show_assessments(result)


def _show_assessments(result: ManifestAssessment) -> None:
    flights = ", ".join(flight.number for flight in result.manifest.flights)
    review = sum(1 for a in result.assessments if a.status == "to_review")
    console.print(
        f"[bold]{result.manifest.kind} list[/] {result.manifest.reference or ''} {flights}: "
        f"{len(result.assessments)} traveller(s), {review} to review",
        highlight=False,
    )
    table = Table(show_lines=True)
    for column in ("#", "traveller", "band", "score", "status"):
        table.add_column(column)
    table.add_column("reasons", overflow="fold")
    for item in result.assessments:
        person = item.person
        table.add_row(
            str(item.index + 1),
            f"{person.surname}, {person.given_names}",
            item.band,
            str(item.score),
            item.status,
            "\n".join(item.reasons()),
        )
    console.print(table)


#: Short spellings accepted by ``api review --outcome``.
_OUTCOME_ALIASES = {"refuse": "refuse_entry"}


@app.command("review")
def review_hit(
    ctx: typer.Context,
    hit_id: int = typer.Argument(..., min=1, help="The stored hit (see GET /api/v1/reviews)."),
    outcome: str = typer.Option(
        ...,
        "--outcome",
        help="confirmed | false_match | secondary_referral | refuse | no_show | duplicate.",
    ),
    reason: str = typer.Option(..., "--reason", help="Why (at least 5 characters)."),
    reviewer: str = typer.Option(..., "--reviewer", help="Username of the reviewing analyst."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Record a person's outcome for a targeting hit (closing it); a confirmed hit sends a
    lookout to the arrival port. The reviewer is taken at their word and audited."""
    outcome = _OUTCOME_ALIASES.get(outcome, outcome)
    if outcome not in OUTCOMES:
        fail(f"--outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
    with UnitOfWork(state(ctx).store()) as uow:
        try:
            user = user_by_name(uow.session, reviewer)
            if not user.active or not can(user.role, Permission.REVIEW_HIT):
                raise Forbidden(f"{user.username} ({user.role}) may not review targeting hits")
            now = dt.datetime.now(dt.UTC)
            result = record_review(
                uow.session, hit_id, outcome=outcome, reason=reason, reviewer=user.username, now=now
            )
        except InspectionError as exc:
            fail(str(exc), code=1)
            return
        uow.commit()
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    sent = f"; lookout {result['lookout']} sent to {result['port']}" if result["lookout"] else ""
    console.print(f"hit {hit_id}: {outcome} (review {result['review']}){sent}", highlight=False)


def _shipped_rule_files() -> list[Path]:
    folder = Path(str(resources.files("borderpost.targeting").joinpath("rules")))
    return sorted(folder.glob("*.yaml"))


def check_rule_files(files: list[Path], today: dt.date) -> dict[str, Any]:
    """Every rule file parsed on its own: the rules, those past their review date, and the
    files refused (malformed, unknown fact, protected characteristic, duplicate id)."""
    accepted: list[Rule] = []
    refused: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            rules = parse_rules(path.read_text("utf-8"), source=path.name)
        except (OSError, UnicodeDecodeError, RuleError) as exc:
            refused.append({"file": path.name, "message": str(exc)})
            continue
        for rule in rules:
            if rule.id in seen:
                message = f"rule {rule.id} is defined twice ({seen[rule.id]}, {path.name})"
                refused.append({"file": path.name, "message": message})
                continue
            seen[rule.id] = path.name
            accepted.append(rule)
    overdue = [
        {"rule": r.id, "owner": r.owner, "review_date": r.review_date.isoformat()}
        for r in accepted
        if r.overdue(today)
    ]
    return {
        "files": len(files),
        "rules": len(accepted),
        "overdue": overdue,
        "refused": refused,
        "ok": not refused,
    }


@rules_app.command("check")
def rules_check(
    rules: list[Path] = typer.Option(
        [], "--rules", help="Rule files or folders (default: the shipped rules)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    today: str | None = typer.Option(None, "--today", help="ISO date used as today."),
) -> None:
    """Load and validate rule files: counts, rules past their review date, and refusals with
    their message (exit 1 when a rule is refused)."""
    try:
        day = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        fail(f"--today {today!r} is not YYYY-MM-DD")
        return
    files: list[Path] = []
    for path in rules:
        if not path.exists():
            fail(f"{path} does not exist")
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    if rules and not files:
        fail("no *.yaml rule file in " + ", ".join(map(str, rules)))
    report = check_rule_files(files or _shipped_rule_files(), day)
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        console.print(
            f"{report['files']} file(s), {report['rules']} rule(s) accepted, "
            f"{len(report['refused'])} refused, {len(report['overdue'])} past their review date",
            highlight=False,
        )
        for item in report["overdue"]:
            console.print(
                f"[yellow]overdue:[/] {item['rule']} (owner {item['owner']}, "
                f"review by {item['review_date']})",
                highlight=False,
            )
        for item in report["refused"]:
            errors.print(f"[bold red]refused:[/] {item['message']}", highlight=False)
    if report["refused"]:
        raise typer.Exit(1)
