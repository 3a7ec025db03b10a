"""``borderpost cash``: profiles, the exchange-rate table, declarations, detentions, the FIU
export and courier detection.

A local operator's tool: the named officer, supervisor or analyst is taken at their word (no
password) and recorded in the audit log, as ``borderpost inspect`` does; the web API
authenticates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import typer
from rich.progress import Progress
from rich.table import Table

from borderpost.cash.alerts import run_detection
from borderpost.cash.detentions import DEFAULT_DAYS, detain, detentions, release
from borderpost.cash.errors import CashError
from borderpost.cash.fiu import FiuSchemaError
from borderpost.cash.lines import parse_line, parse_party
from borderpost.cash.money import parse_amount
from borderpost.cash.profiles import Profile, builtin_profiles, profile
from borderpost.cash.rates import parse_rates
from borderpost.cash.records import DeclarationIn, declare
from borderpost.cash.serialize import declaration_json, rates_csv
from borderpost.cash.stored import import_rates, stored_rates
from borderpost.cash.submissions import export, on_time
from borderpost.cli.context import console, default_actor, fail, state
from borderpost.inspection.access import user_by_name
from borderpost.inspection.errors import InspectionError
from borderpost.sim.world import networks, officers
from borderpost.sim.world.cash import cash_traffic, world_rates
from borderpost.sim.world.spec import WorldSpec
from borderpost.store import UnitOfWork
from borderpost.store.models import User

app = typer.Typer(
    help="Bulk cash: profiles, rates, declarations, detentions, FIU reports, courier alerts.",
    no_args_is_help=True,
)
rates_app = typer.Typer(help="The dated exchange-rate table (CSV in, no network).")
app.add_typer(rates_app, name="rates")
_R = TypeVar("_R")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@contextmanager
def _working(what: str) -> Iterator[None]:
    """A spinner while ``what`` runs, on a terminal only (pipes and --json stay clean)."""
    if not console.is_terminal:
        yield
        return
    with Progress(console=console, transient=True) as bar:
        bar.add_task(what, total=None)
        yield


def _profile(ctx: typer.Context, chosen: str | None) -> Profile:
    try:
        return profile(chosen or state(ctx).settings.cash_profile)
    except CashError as exc:
        fail(str(exc))
        raise  # not reached: fail exits


def _as_user(ctx: typer.Context, username: str, act: Callable[[UnitOfWork, User], _R]) -> _R:
    with UnitOfWork(state(ctx).store()) as uow:
        try:
            result = act(uow, user_by_name(uow.session, username))
        except (InspectionError, CashError) as exc:
            fail(str(exc), code=1)
            raise  # not reached: fail exits
        uow.commit()
    return result


@app.command("profiles")
def profiles(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON object per profile."),
) -> None:
    """The shipped profiles and the configured one (BORDERPOST_CASH_PROFILE)."""
    shown = dict(builtin_profiles())
    configured = _profile(ctx, None)
    shown[configured.code] = configured
    if as_json:
        for item in shown.values():
            print(json.dumps(item.to_dict()))
        return
    table = Table(title="Cash-control profiles")
    for column in ("code", "rule", "instruments", "added up by", "FIU", "unaccompanied"):
        table.add_column(column)
    for item in shown.values():
        mark = " (configured)" if item.code == configured.code else ""
        table.add_row(
            item.code + mark,
            item.rule_text(),
            ", ".join(sorted(item.instruments)),
            item.aggregation,
            f"{item.fiu_deadline_working_days} working days",
            f"{item.unaccompanied_disclosure_days} days",
        )
    console.print(table)


@rates_app.command("import")
def rates_import(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="CSV with the header date,currency,quote,rate."),
    actor: str | None = typer.Option(None, "--actor", help="Who is acting (default: OS user)."),
) -> None:
    """Import dated exchange rates (replacing any of the same pair and day)."""
    try:
        table = parse_rates(path.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
        return
    except (CashError, UnicodeDecodeError) as exc:
        fail(f"{path}: {exc}")
        return
    with UnitOfWork(state(ctx).store()) as uow, _working(f"importing {len(table)} rates"):
        count = import_rates(uow.session, table, actor=actor or default_actor(), now=_now())
        uow.commit()
    console.print(f"imported {count} rates from {path.name}")


@rates_app.command("list")
def rates_list(ctx: typer.Context) -> None:
    """Every stored rate, by pair and day."""
    with UnitOfWork(state(ctx).store()) as uow:
        table = stored_rates(uow.session)
    shown = Table(title=f"Exchange rates ({len(table)})")
    for column in ("day", "1 unit of", "is worth", "in"):
        shown.add_column(column)
    for rate in table:
        shown.add_row(rate.day.isoformat(), rate.currency, str(rate.rate), rate.quote)
    console.print(shown)


@app.command("declare")
def declare_command(
    ctx: typer.Context,
    officer: str = typer.Option(..., "--officer", help="Username of the recording officer."),
    port: str = typer.Option(..., "--port", help="Port code."),
    carrier: str = typer.Option(
        ...,
        "--carrier",
        help="NAME[;birth=YYYY-MM-DD;nationality=BEN;document=..;phone=..;address=..;account=..]",
    ),
    line: list[str] = typer.Option(
        ...,
        "--line",
        help="currency:USD:12000, bearer_negotiable:EUR:5000, prepaid_card:..., "
        "gold:EUR:15000:coin:0.900 (repeatable)",
    ),
    kind: str = typer.Option(
        "accompanied", "--kind", help="accompanied, unaccompanied, ex_officio"
    ),
    direction: str = typer.Option("entry", "--direction", help="entry or exit"),
    at: dt.datetime | None = typer.Option(None, "--at", help="When (ISO, UTC; default now)."),
    party: list[str] = typer.Option(
        [], "--party", help="ROLE=NAME[;account=..;phone=..] for owner, sender, recipient, payer"
    ),
    origin: str = typer.Option("", "--origin"),
    destination: str = typer.Option("", "--destination"),
    route: str = typer.Option("", "--route"),
    use: str = typer.Option("", "--use", help="Intended use of the cash."),
    source: str = typer.Option("", "--source", help="Source of the funds."),
    party_ref: str | None = typer.Option(None, "--party-ref", help="Family/travelling party."),
    conveyance_ref: str | None = typer.Option(None, "--conveyance-ref"),
    booking: str | None = typer.Option(None, "--booking", help="Booking (PNR) locator."),
    inspection: int | None = typer.Option(None, "--inspection", help="Inspection id to link."),
    crossing: int | None = typer.Option(None, "--crossing", help="Crossing id to link."),
    found: str | None = typer.Option(
        None, "--found", help="Amount a control counted, in the profile's currency."
    ),
    requested: dt.datetime | None = typer.Option(
        None, "--requested", help="Unaccompanied: the day disclosure was requested."
    ),
    disclosed: dt.datetime | None = typer.Option(
        None, "--disclosed", help="Unaccompanied: the day it was disclosed."
    ),
    profile_code: str | None = typer.Option(None, "--profile", help="Profile code or file."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Record a declaration, disclosure or ex officio finding at the officer's port."""
    chosen = _profile(ctx, profile_code)
    when = (at or _now()).replace(tzinfo=(at.tzinfo if at and at.tzinfo else dt.UTC))
    try:
        data = DeclarationIn(
            port=port,
            kind=kind,
            direction=direction,
            occurred_at=when,
            lines=[parse_line(text) for text in line],
            parties=[parse_party(carrier, role="carrier"), *(parse_party(p) for p in party)],
            origin=origin,
            destination=destination,
            route=route,
            intended_use=use,
            source_of_funds=source,
            party_ref=party_ref,
            conveyance_ref=conveyance_ref,
            booking_ref=booking,
            inspection_id=inspection,
            crossing_id=crossing,
            found=None if found is None else parse_amount(found, what="--found"),
            disclosure_requested_on=None if requested is None else requested.date(),
            disclosed_on=None if disclosed is None else disclosed.date(),
        )
    except ValueError as exc:
        fail(str(exc))
        return

    def act(uow: UnitOfWork, user: User) -> dict[str, object]:
        rates = stored_rates(uow.session)
        done = declare(uow.session, data, officer=user, profile=chosen, rates=rates, now=_now())
        return {
            "id": done.row.id,
            "ref": done.row.ref,
            **done.assessment.to_dict(),
            "fiu_due_on": done.row.fiu_due_on.isoformat(),
            "offences": [{"kind": o.kind, "reason": o.reason} for o in done.offences],
        }

    result = _as_user(ctx, officer, act)
    if as_json:
        print(json.dumps(result))
        return
    console.print(f"[bold]{result['ref']}[/] (id {result['id']}): {result['reason']}")
    for item in result["lines"]:  # type: ignore[attr-defined]
        console.print(
            f"  {item['instrument']} {item['currency']} {item['amount']}: {item['reason']}"
        )
    console.print(f"  FIU deadline: {result['fiu_due_on']}")
    for offence in result["offences"]:  # type: ignore[attr-defined]
        console.print(f"  [red]offence[/] {offence['kind']}: {offence['reason']}")


@app.command("detain")
def detain_command(
    ctx: typer.Context,
    declaration: int = typer.Argument(..., help="Declaration id."),
    supervisor: str = typer.Option(..., "--supervisor", help="Username of the supervisor."),
    legal_basis: str = typer.Option(..., "--legal-basis", help="The law the detention rests on."),
    reason: str = typer.Option(..., "--reason"),
    days: int = typer.Option(DEFAULT_DAYS, "--days", help="How long (at most 90)."),
    amount: str | None = typer.Option(None, "--amount", help="Default: all of it."),
) -> None:
    """Detain a declaration's cash on a legal basis."""
    try:
        held = None if amount is None else parse_amount(amount, what="--amount")
    except ValueError as exc:
        fail(str(exc))
        return
    done = _as_user(
        ctx,
        supervisor,
        lambda uow, user: detain(
            uow.session,
            declaration,
            legal_basis=legal_basis,
            reason=reason,
            supervisor=user,
            now=_now(),
            days=days,
            amount=held,
        ),
    )
    console.print(f"detention {done.id}: {done.amount} held until {done.expires_on}")


@app.command("release")
def release_command(
    ctx: typer.Context,
    detention: int = typer.Argument(..., help="Detention id."),
    supervisor: str = typer.Option(..., "--supervisor"),
    reason: str = typer.Option(..., "--reason"),
) -> None:
    """Release detained cash, with the reason."""
    _as_user(
        ctx,
        supervisor,
        lambda uow, user: release(
            uow.session, detention, reason=reason, supervisor=user, now=_now()
        ),
    )
    console.print(f"detention {detention} released")


@app.command("detentions")
def detentions_command(ctx: typer.Context) -> None:
    """Detentions, newest first, with their state (held, expired, released)."""
    with UnitOfWork(state(ctx).store()) as uow:
        found = detentions(uow.session, today=_now().date())
    table = Table(title=f"Cash detentions ({len(found)})")
    for column in ("id", "declaration", "port", "amount", "expires", "state", "legal basis"):
        table.add_column(column)
    for item in found:
        table.add_row(
            str(item["id"]),
            str(item["declaration"]),
            str(item["port"]),
            str(item["amount"]),
            str(item["expires_on"]),
            str(item["state"]),
            str(item["legal_basis"]),
        )
    console.print(table)


@app.command("export")
def export_command(
    ctx: typer.Context,
    declaration: int = typer.Argument(..., help="Declaration id."),
    analyst: str = typer.Option(..., "--as", help="Username of the analyst (FIU liaison)."),
    out: Path = typer.Option(..., "--out", help="Where to write the XML report."),
    xsd: Path | None = typer.Option(
        None, "--xsd", help="The FIU's own schema (default: BORDERPOST_CASH_FIU_XSD or ours)."
    ),
) -> None:
    """Export a declaration to the FIU as XML, validated against the schema, and record the
    submission."""
    settings = state(ctx).settings
    schema = xsd or settings.cash_fiu_xsd

    def act(uow: UnitOfWork, user: User) -> tuple[bytes, bool]:
        sent = export(
            uow.session,
            declaration,
            user=user,
            entity_id=settings.cash_fiu_entity,
            now=_now(),
            schema_path=schema,
        )
        return sent.xml, sent.submission.on_time

    try:
        xml, timely = _as_user(ctx, analyst, act)
    except FiuSchemaError as exc:  # pragma: no cover - _as_user turns CashError into exit 1
        fail(str(exc), code=1)
        return
    try:
        out.write_bytes(xml)
    except OSError as exc:
        fail(
            f"the submission is recorded but {out} cannot be written: {exc.strerror or exc}", code=1
        )
    console.print(f"wrote {out} ({len(xml)} bytes); {'on time' if timely else 'LATE'}")


@app.command("submissions")
def submissions_command(ctx: typer.Context) -> None:
    """Submissions to the FIU and the on-time percentage."""
    with UnitOfWork(state(ctx).store()) as uow:
        figures = on_time(uow.session)
    percent = figures["on_time_percent"]
    console.print(
        f"{figures['submitted']} submitted, {figures['on_time']} on time "
        f"({'-' if percent is None else f'{percent} %'}); {figures['pending']} never submitted"
    )


@app.command("detect")
def detect_command(
    ctx: typer.Context,
    analyst: str = typer.Option(..., "--as", help="Username of the analyst."),
    days: int = typer.Option(365, "--days", min=1, max=3660, help="Window, in days."),
    profile_code: str | None = typer.Option(None, "--profile"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per alert."),
) -> None:
    """Run cash-courier detection over the stored declarations; each alert says why."""
    chosen = _profile(ctx, profile_code)
    with _working("detecting couriers"):
        found = _as_user(
            ctx,
            analyst,
            lambda uow, user: run_detection(uow.session, chosen, user=user, now=_now(), days=days),
        )

    if as_json:
        for alert in found.alerts:
            print(json.dumps(alert.to_dict()))
        return
    console.print(
        f"{found.declarations} declarations since {found.since}: {len(found.alerts)} alerts"
    )
    for alert in found.alerts:
        console.print(f"[bold]{alert.kind}[/] {', '.join(alert.refs)}\n  {alert.reason}")


@app.command("simulate")
def simulate_command(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="Folder for declarations.jsonl and truth.json."),
    seed: int = typer.Option(7, "--seed", min=0),
    travellers: int = typer.Option(20000, "--travellers", min=1, max=10_000_000),
    days: int = typer.Option(365, "--days", min=1, max=3660),
    profile_code: str | None = typer.Option(None, "--profile"),
) -> None:
    """Write a generated world's cash traffic (money couriers planted among honest
    declarants, see docs/cash.md) and its truth, for training and for testing detection."""
    chosen = _profile(ctx, profile_code)
    spec = WorldSpec(seed, travellers, days)
    with _working("generating the world's cash traffic"):
        plan = networks.plan(spec, officers.roster(spec))
        rates = world_rates(spec, chosen)
        traffic = cash_traffic(spec, plan, chosen, rates)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with (out / "declarations.jsonl").open("w", encoding="utf-8") as sink:
            for declaration in traffic.declarations:
                sink.write(json.dumps(declaration_json(declaration)) + "\n")
        (out / "rates.csv").write_text(rates_csv(rates), encoding="utf-8")
        (out / "truth.json").write_text(json.dumps(traffic.to_truth(), indent=1), encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write to {out}: {exc.strerror or exc}", code=1)
    console.print(
        f"wrote {len(traffic.declarations)} declarations ({len(traffic.couriers)} couriers) "
        f"and their truth to {out}"
    )
