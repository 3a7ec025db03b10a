"""The ``borderpost`` command: one sub-command group per area (``borderpost <area> <verb>``)."""

from __future__ import annotations

import typer
from pydantic import ValidationError

from borderpost.cli import (
    api,
    audit,
    biometrics,
    cargo,
    cash,
    chip,
    db,
    demo,
    inspect,
    intel,
    issuance,
    lists,
    mrz,
    ports,
    post,
    retention,
    screen,
    serve,
    sim,
    sim_conveyances,
    users,
    vehicle,
)
from borderpost.cli.context import State, fail
from borderpost.config import Settings

app = typer.Typer(
    name="borderpost",
    help="Borderpost: border security and anti-smuggling platform.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(mrz.app, name="mrz")
app.add_typer(chip.app, name="chip")
app.add_typer(db.app, name="db")
app.add_typer(lists.app, name="lists")
app.add_typer(sim.app, name="sim")
app.add_typer(users.app, name="users")
app.add_typer(ports.app, name="ports")
app.add_typer(audit.app, name="audit")
app.add_typer(api.app, name="api")
app.add_typer(intel.app, name="intel")
app.add_typer(retention.app, name="retention")
app.add_typer(vehicle.app, name="vehicle")
sim.app.command("cargo")(sim_conveyances.cargo)
sim.app.command("vehicles")(sim_conveyances.vehicles)
app.add_typer(cargo.app, name="cargo")
app.add_typer(post.app, name="post")
app.add_typer(cash.app, name="cash")
app.add_typer(issuance.app, name="issuance")
app.add_typer(biometrics.app, name="biometrics")
sim.app.command("fingerprint")(biometrics.sim_fingerprint)
app.command("screen")(screen.screen)
app.command("demo")(demo.demo)
app.command("serve")(serve.serve)
app.command("inspect")(inspect.inspect_command)
app.command("decide")(inspect.decide_command)
app.command("approve")(inspect.approve_command)
app.command("reject")(inspect.reject_command)


@app.callback()
def _root(ctx: typer.Context) -> None:
    """Settings are read once here, from BORDERPOST_* environment variables."""
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"BORDERPOST_{'_'.join(str(p) for p in error['loc']).upper()}: {error['msg']}"
            if error["loc"]
            else str(error["msg"]).removeprefix("Value error, ")
            for error in exc.errors()
        )
        fail(f"invalid setting: {problems}")
        return
    ctx.obj = State(settings)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    app()
