"""``borderpost retention``: delete and mask passenger data the retention policy no longer
allows to keep (API data after a day, PNR masked after 6 months, deleted after 5 years) and
live face captures of the border past their period (unless held for a referral)."""

from __future__ import annotations

import datetime as dt
import json

import typer

from borderpost.cli.context import console, default_actor, fail, state
from borderpost.inspection.live_faces import purge_live_captures
from borderpost.store import UnitOfWork
from borderpost.targeting.retention import RetentionPolicy, run

app = typer.Typer(help="Data protection: the retention job.", no_args_is_help=True)


@app.callback()
def _retention() -> None:
    """Data protection: the retention job."""


@app.command("run")
def run_command(
    ctx: typer.Context,
    now: str | None = typer.Option(None, "--now", help="ISO date-time used as now (UTC)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Delete API data older than the API retention (unless linked to a hit or case), mask
    and delete PNR data past their periods, delete live face captures past theirs unless held
    for a referral (durations from BORDERPOST_* settings)."""
    moment = dt.datetime.now(dt.UTC)
    if now is not None:
        try:
            moment = dt.datetime.fromisoformat(now)
        except ValueError:
            fail(f"--now {now!r} is not an ISO date-time")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
    settings = state(ctx).settings
    policy = RetentionPolicy(
        api_hours=settings.api_retention_hours,
        pnr_mask_days=settings.pnr_mask_after_days,
        pnr_delete_days=settings.pnr_delete_after_days,
    )
    with UnitOfWork(state(ctx).store()) as uow:
        report = run(uow.session, policy, now=moment, actor=default_actor())
        faces = purge_live_captures(
            uow.session,
            days=settings.live_face_retention_days,
            now=moment,
            actor=default_actor(),
        )
        uow.commit()
    if as_json:
        print(json.dumps({**report.to_dict(), "biometrics": faces.to_dict()}))
        return
    console.print(
        f"API data: {report.travellers_deleted} traveller(s) and {report.manifests_deleted} "
        f"manifest(s) deleted, {report.travellers_kept} kept for hits; PNR: "
        f"{report.bookings_masked} masked, {report.bookings_deleted} deleted; live face "
        f"captures: {faces.deleted} deleted, {faces.kept_for_referrals} kept for referrals",
        highlight=False,
    )
