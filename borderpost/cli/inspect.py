"""``borderpost inspect``, ``decide``, ``approve``, ``reject``: primary inspection at a port.

A local operator's tool: the named officer or supervisor is taken at their word (no password)
and recorded in the audit log. The web API authenticates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from rich.table import Table

from borderpost.cli.chip import dg_arguments
from borderpost.cli.context import console, errors, fail, state
from borderpost.documents import DocumentFields
from borderpost.inspection import (
    ChipData,
    DecisionResult,
    InspectionError,
    InspectionPolicy,
    InspectionResult,
    approve,
    decide,
    inspect,
    reject,
)
from borderpost.inspection.access import user_by_name
from borderpost.screening.engine import Screener, ScreeningConfig
from borderpost.store import UnitOfWork
from borderpost.store.models import User
from borderpost.watchlists.service import load_entries, lost_stolen_records

_R = TypeVar("_R")


def _screener(ctx: typer.Context) -> Screener:
    settings = state(ctx).settings
    with UnitOfWork(state(ctx).store()) as uow:
        entries = load_entries(uow.session)
        stolen = lost_stolen_records(uow.session)
    if not entries and not stolen:
        errors.print("[yellow]warning:[/] no watchlists are stored: screening finds nothing")
    config = ScreeningConfig(
        threshold=settings.screening_threshold,
        list_thresholds=settings.screening_list_thresholds,
    )
    return Screener(entries, lost_stolen=stolen, config=config)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _as_user(ctx: typer.Context, username: str, act: Callable[[UnitOfWork, User], _R]) -> _R:
    """Run ``act`` as the named user in one unit of work, committed when it succeeds; a
    refusal (:class:`InspectionError`) is printed as ``error:`` and exits 1."""
    with UnitOfWork(state(ctx).store()) as uow:
        try:
            result = act(uow, user_by_name(uow.session, username))
        except InspectionError as exc:
            fail(str(exc), code=1)
            raise  # not reached: fail exits
        uow.commit()
    return result


def _typed(
    texts: dict[str, str | None],
    born: dt.datetime | None,
    expires: dt.datetime | None,
    document_code: str,
    personal_number: str,
) -> DocumentFields | None:
    """The typed document from the field options, or None when none was given."""
    given = {flag: value for flag, value in texts.items() if value is not None}
    dates = {"--birth-date": born, "--expiry": expires}
    if not given and born is None and expires is None:
        return None
    missing = [flag for flag in _REQUIRED_FIELDS if given.get(flag, dates.get(flag)) is None]
    if missing:
        fail(f"a typed document needs {', '.join(missing)} as well")
    assert born is not None and expires is not None
    return DocumentFields(
        document_code=document_code,
        document_number=given["--number"],
        issuing_state=given["--issuing-state"],
        surname=given["--surname"],
        given_names=given.get("--given-names", ""),
        nationality=given["--nationality"],
        birth_date=born.date(),
        sex=given.get("--sex", ""),
        expiry_date=expires.date(),
        personal_number=personal_number,
    )


_REQUIRED_FIELDS = (
    "--surname",
    "--number",
    "--issuing-state",
    "--nationality",
    "--birth-date",
    "--expiry",
)
_TYPED = "Typed document (no MRZ, or an unreadable one)"
_DAY = "%Y-%m-%d"


def inspect_command(
    ctx: typer.Context,
    mrz: str | None = typer.Option(None, "--mrz", help="The MRZ, lines joined by \\n."),
    mrz_file: Path | None = typer.Option(None, "--mrz-file", help="A file holding the MRZ."),
    port: str = typer.Option(..., "--port", help="Port code, e.g. LHR."),
    direction: str = typer.Option(..., "--direction", help="entry or exit."),
    officer: str = typer.Option(..., "--officer", help="Username of the inspecting officer."),
    surname: str | None = typer.Option(
        None, "--surname", help="As printed.", rich_help_panel=_TYPED
    ),
    given_names: str | None = typer.Option(
        None, "--given-names", help="As printed (may be left out).", rich_help_panel=_TYPED
    ),
    number: str | None = typer.Option(
        None, "--number", help="Document number.", rich_help_panel=_TYPED
    ),
    issuing_state: str | None = typer.Option(
        None, "--issuing-state", help="ICAO code, e.g. GBR.", rich_help_panel=_TYPED
    ),
    nationality: str | None = typer.Option(
        None, "--nationality", help="ICAO code.", rich_help_panel=_TYPED
    ),
    birth_date: dt.datetime | None = typer.Option(
        None, "--birth-date", formats=[_DAY], help="YYYY-MM-DD.", rich_help_panel=_TYPED
    ),
    sex: str | None = typer.Option(
        None, "--sex", help="M, F or X (default unspecified).", rich_help_panel=_TYPED
    ),
    expiry: dt.datetime | None = typer.Option(
        None, "--expiry", formats=[_DAY], help="Expiry date, YYYY-MM-DD.", rich_help_panel=_TYPED
    ),
    document_code: str = typer.Option(
        "P", "--document-code", help="P passport, V visa, A/C/I card.", rich_help_panel=_TYPED
    ),
    personal_number: str = typer.Option(
        "", "--personal-number", help="If the document has one.", rich_help_panel=_TYPED
    ),
    sod: Path | None = typer.Option(
        None, "--sod", help="The chip's EF.SOD: passive authentication against the trust store."
    ),
    dg: list[str] = typer.Option(
        [], "--dg", help="A chip data group as N=FILE (with --sod); repeat for each."
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Inspect a traveller: document, watchlists, lost/stolen, history, suggested action.

    The document is --mrz/--mrz-file, or its fields typed in (--surname, --number,
    --issuing-state, --nationality, --birth-date, --expiry; --given-names, --sex,
    --document-code and --personal-number as printed).
    """
    fields = _typed(
        {
            "--surname": surname,
            "--given-names": given_names,
            "--number": number,
            "--issuing-state": issuing_state,
            "--nationality": nationality,
            "--sex": sex,
        },
        birth_date,
        expiry,
        document_code,
        personal_number,
    )
    if [mrz, mrz_file, fields].count(None) != 2:
        fail("give --mrz TEXT, --mrz-file FILE, or the typed fields (--surname ...): one")
    if mrz_file is not None:
        try:
            mrz = mrz_file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {mrz_file}: {exc}")
    chip = _chip(sod, dg)
    screener = _screener(ctx)
    policy = InspectionPolicy.from_settings(state(ctx).settings)
    text = None if mrz is None else mrz.replace("\\n", "\n")
    result = _as_user(
        ctx,
        officer,
        lambda uow, user: inspect(
            uow,
            screener,
            user,
            text,
            port,
            direction,
            _now(),
            fields=fields,
            policy=policy,
            chip=chip,
        ),
    )
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    _card(result)


def _chip(sod: Path | None, dg: list[str]) -> ChipData | None:
    """The chip files of --sod/--dg (exit 2 when one cannot be read)."""
    if sod is None:
        if dg:
            fail("--dg needs --sod (the chip's EF.SOD)")
        return None
    groups = dg_arguments(dg)
    try:
        return ChipData(sod.read_bytes(), {n: path.read_bytes() for n, path in groups.items()})
    except OSError as exc:
        fail(f"cannot read chip file {exc.filename}: {exc.strerror}")
    return None  # pragma: no cover - fail exits


def _card(result: InspectionResult) -> None:
    doc = result.document
    style = {"valid": "bold green", "alert": "bold yellow", "invalid": "bold red"}[result.verdict]
    console.print(
        f"[bold]Inspection {result.inspection_id}[/] {result.direction} at {result.port} "
        f"by {result.officer}",
        highlight=False,
    )
    console.print(
        f"document [{style}]{result.verdict.upper()}[/]  {doc.document_code} "
        f"{doc.issuing_state} {doc.document_number}  {doc.surname}, {doc.given_names}  "
        f"born {doc.birth_date}  expires {doc.expiry_date}",
        highlight=False,
    )
    for finding in doc.findings:
        console.print(f"  {finding.severity}: {finding.code}: {finding.message}", highlight=False)
    if result.chip is not None:
        chip_style = {"authentic": "bold green", "unverified": "bold yellow"}.get(
            result.chip.verdict, "bold red"
        )
        console.print(f"chip [{chip_style}]{result.chip.verdict.upper()}[/]", highlight=False)
        for finding in result.chip.findings:
            console.print(
                f"  {finding.severity}: {finding.code}: {finding.message}", highlight=False
            )
    if result.hits:
        table = Table(title="Hits", show_lines=True)
        for column in ("id", "kind", "score", "list", "entry", "name", "matched", "reasons"):
            table.add_column(column, overflow="fold")
        for hit in result.hits:
            risk = " (high risk)" if hit.high_risk else ""
            table.add_row(
                str(hit.id),
                hit.kind,
                f"{hit.score:.2f}{risk}",
                hit.list_name,
                hit.entry_id,
                hit.name,
                hit.matched_name,
                "\n".join(hit.reasons),
            )
        console.print(table)
    else:
        console.print("[green]no watchlist or lost/stolen hits[/]")
    history = result.history
    console.print(
        f"traveller {history.traveller_id} ({history.match}: {history.match_detail})",
        highlight=False,
    )
    for crossing in history.crossings:
        when = crossing.occurred_at.isoformat(timespec="minutes")
        console.print(f"  {when} {crossing.direction} at {crossing.port}", highlight=False)
    for overstay in history.overstays:
        console.print(f"  [bold red]overstay:[/] {overstay.reason}", highlight=False)
    suggestion = result.suggestion
    console.print(f"suggested action: [bold]{suggestion.action}[/]", highlight=False)
    for reason in suggestion.reasons:
        console.print(f"  - {reason}", highlight=False)


def _show_decision(result: DecisionResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    console.print(
        f"decision {result.decision_id} on inspection {result.inspection_id}: "
        f"[bold]{result.decision}[/] ({result.approval}; suggested {result.suggestion})",
        highlight=False,
    )
    for reason in result.approval_reasons:
        console.print(f"  needs a supervisor: {reason}", highlight=False)
    for effect in result.effects:
        console.print(f"  {effect}", highlight=False)


def _clearances(values: list[str]) -> dict[int, str]:
    cleared: dict[int, str] = {}
    for value in values:
        hit, _, reason = value.partition("=")
        if not hit.strip().isdigit():
            fail(f"--clear {value!r} must be HIT_ID=REASON")
        cleared[int(hit)] = reason
    return cleared


def decide_command(
    ctx: typer.Context,
    inspection_id: int = typer.Argument(..., help="The inspection number."),
    decision: str = typer.Option(..., "--decision", help="admit, refer, refuse or detain."),
    reason: str = typer.Option(..., "--reason", help="Why (at least 10 characters)."),
    officer: str = typer.Option(..., "--officer", help="Username of the deciding officer."),
    clear: list[str] = typer.Option(
        [], "--clear", help="HIT_ID=REASON: clear a hit as a false match (repeatable)."
    ),
    permit: str | None = typer.Option(None, "--permit", help="Permit type (default visitor)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Record the officer's decision (pending when a supervisor must approve it)."""
    cleared = _clearances(clear)
    policy = InspectionPolicy.from_settings(state(ctx).settings)
    result = _as_user(
        ctx,
        officer,
        lambda uow, user: decide(
            uow,
            inspection_id,
            user,
            decision,
            reason,
            cleared,
            _now(),
            permit_type=permit,
            policy=policy,
        ),
    )
    _show_decision(result, as_json)


def approve_command(
    ctx: typer.Context,
    decision_id: int = typer.Argument(..., help="The pending decision's number."),
    supervisor: str = typer.Option(..., "--supervisor", help="Username of the supervisor."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Approve a pending decision (a supervisor of the port, not the decider)."""
    policy = InspectionPolicy.from_settings(state(ctx).settings)
    result = _as_user(
        ctx, supervisor, lambda uow, user: approve(uow, decision_id, user, _now(), policy=policy)
    )
    _show_decision(result, as_json)


def reject_command(
    ctx: typer.Context,
    decision_id: int = typer.Argument(..., help="The pending decision's number."),
    supervisor: str = typer.Option(..., "--supervisor", help="Username of the supervisor."),
    reason: str = typer.Option(..., "--reason", help="Why (at least 10 characters)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Reject a pending decision; its hit clearances are withdrawn."""
    result = _as_user(
        ctx, supervisor, lambda uow, user: reject(uow, decision_id, user, reason, _now())
    )
    _show_decision(result, as_json)
