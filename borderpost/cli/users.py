"""``borderpost users``: user accounts (every change audited)."""

from __future__ import annotations

import datetime as dt
import json
import sys

import typer
from rich.table import Table

from borderpost.cli.context import console, default_actor, fail, state
from borderpost.identity import DuplicateUserError, IdentityError, create_user, parse_role
from borderpost.identity.accounts import list_accounts
from borderpost.store import UnitOfWork

app = typer.Typer(help="User accounts: create and list.", no_args_is_help=True)

ACTOR = typer.Option(None, "--actor", help="Who is acting (default: os:<your OS user>).")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            fail("--password-stdin: no password on standard input")
        return password
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@app.command()
def create(
    ctx: typer.Context,
    username: str = typer.Option(..., "--username", help="Login name (lower case)."),
    role: str = typer.Option(..., "--role", help="officer, supervisor, analyst, auditor or admin."),
    port: str | None = typer.Option(
        None, "--port", help="Code of the port the user works at (officers, supervisors)."
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    actor: str | None = ACTOR,
) -> None:
    """Create a user; the password is asked twice (hidden) unless --password-stdin."""
    try:
        parse_role(role)  # refuse a bad role before asking for a password
    except ValueError as exc:
        fail(str(exc))
    password = _read_password(password_stdin)
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        try:
            user = create_user(
                uow.session,
                username=username,
                password=password,
                role=role,
                port_code=port,
                actor=actor or default_actor(),
                now=dt.datetime.now(dt.UTC),
            )
        except DuplicateUserError as exc:
            fail(str(exc), code=1)
            return
        except IdentityError as exc:
            fail(str(exc))
            return
        uow.commit()
    where = f" at {port.upper()}" if port else ""
    console.print(f"created user {user.username} ({user.role}{where})")


@app.command("list")
def list_users(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON object per user per line."),
    actor: str | None = ACTOR,
) -> None:
    """List users: role, port, and whether the account is active or locked (audited read)."""
    store = state(ctx).store()
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        accounts = list_accounts(uow.session, actor=actor or default_actor(), now=now)
        records = [account.to_dict(now) for account in accounts]
        uow.commit()
    if as_json:
        for record in records:
            print(json.dumps(record))
        return
    table = Table(title=f"Users ({len(records)})")
    for column in ("username", "role", "port", "status", "last login"):
        table.add_column(column)
    for record in records:
        status = "inactive" if not record["active"] else "locked" if record["locked"] else "active"
        last = record["last_login_at"] or "never"
        table.add_row(
            str(record["username"]),
            str(record["role"]),
            str(record["port"] or "-"),
            status,
            str(last),
        )
    console.print(table)
