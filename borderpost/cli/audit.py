"""``borderpost audit``: verify the hash-chained log, print its head, officer indicators."""

from __future__ import annotations

import datetime as dt
import json

import typer
from rich.table import Table
from sqlalchemy import select

from borderpost.audit import AuditError, head, verify
from borderpost.audit.anomalies import officer_indicators
from borderpost.audit.log import Anchor, event_dict, parse_anchor
from borderpost.cli.context import console, fail, state
from borderpost.store import UnitOfWork
from borderpost.store.models import AuditEvent, Port

app = typer.Typer(help="Audit log: verify, head, officer indicators.", no_args_is_help=True)


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    anchor: str | None = typer.Option(
        None,
        "--anchor",
        help="SEQ:HASH printed earlier by `audit head`: also catches a truncated tail.",
    ),
) -> None:
    """Check every link of the audit chain. Exit 0 intact, 1 broken (first broken entry shown)."""
    try:
        expected: Anchor | None = None if anchor is None else parse_anchor(anchor)
    except AuditError as exc:
        fail(str(exc))
        return
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        result = verify(uow.session, anchor=expected)
        entry = None
        if result.broken_seq is not None:
            # The broken entry, or for a deleted one the entry that follows the gap.
            entry = uow.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.seq >= result.broken_seq)
                .order_by(AuditEvent.seq)
                .limit(1)
            ).first()
        shown = None if entry is None else event_dict(entry)
    if as_json:
        print(json.dumps({**result.to_dict(), "entry": shown}))
    elif result.intact:
        console.print(
            f"audit log intact: {result.count} events, head seq {result.head_seq or 0} "
            f"{result.head_hash or ''}".rstrip()
        )
    else:
        kind = "" if result.kind is None else f" ({result.kind.value})"
        console.print(f"audit log BROKEN at seq {result.broken_seq}{kind}: {result.reason}")
        console.print(f"{result.count} events verified before the break")
        if shown is not None:
            console.print_json(json.dumps(shown))
    if not result.intact:
        raise typer.Exit(1)


@app.command("head")
def head_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print seq, hash and time as JSON."),
) -> None:
    """Print the latest SEQ:HASH, to be written down or exported as an anchor."""
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        anchor = head(uow.session)
        event = uow.session.get(AuditEvent, anchor.seq) if anchor.seq else None
        at = None if event is None else event.at.isoformat()
    if as_json:
        print(json.dumps({"seq": anchor.seq, "hash": anchor.hash, "at": at}))
    else:
        print(str(anchor))


@app.command("officers")
def officers_command(
    ctx: typer.Context,
    port: str | None = typer.Option(None, "--port", help="Only this port (code)."),
    since: str | None = typer.Option(
        None, "--since", help="Only inspections from this date (YYYY-MM-DD, UTC)."
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per indicator per line."),
) -> None:
    """Officer-level indicators: clearance rates and overrides against the port's norm,
    activity outside the shift, repeated clearing of the same traveller."""
    start = None
    if since is not None:
        try:
            start = dt.datetime.combine(dt.date.fromisoformat(since), dt.time(), dt.UTC)
        except ValueError:
            fail(f"--since {since!r} is not a date (YYYY-MM-DD)")
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        if (
            port is not None
            and uow.session.scalar(select(Port.id).where(Port.code == port.upper())) is None
        ):
            fail(f"port {port!r} is not registered")
        found = officer_indicators(uow.session, port_code=port, since=start)
    if as_json:
        for indicator in found:
            print(json.dumps(indicator.to_dict()))
        return
    if not found:
        console.print("no officer indicators")
        return
    table = Table(title=f"Officer indicators ({len(found)})")
    for column in ("port", "officer", "indicator", "reason"):
        table.add_column(column, overflow="fold")
    for indicator in found:
        table.add_row(indicator.port, indicator.officer, indicator.kind, indicator.reason)
    console.print(table)
