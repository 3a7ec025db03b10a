"""The demo's web console: one account per role on the demo world, then the server.

Each run gives the demo accounts fresh random passwords and prints them (nothing is fixed or
documented that could be used elsewhere); the officer and the supervisor work at the port
with the most inspections, so their pages have something to show.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from borderpost.config import Settings
from borderpost.identity import create_user
from borderpost.identity.accounts import set_password
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import Inspection, Port
from borderpost.store.repos.users import UserRepo

__all__ = ["DemoLogin", "busiest_port", "demo_logins", "listed_passport", "serve_console"]

ACTOR = "demo"
#: (username, role, works at the busiest port)
ACCOUNTS = (
    ("demo-officer", "officer", True),
    ("demo-supervisor", "supervisor", True),
    ("demo-analyst", "analyst", False),
    ("demo-auditor", "auditor", False),
    ("demo-admin", "admin", False),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """A demo account and this run's password."""

    username: str
    role: str
    port: str | None
    password: str


def busiest_port(store: Store) -> str | None:
    """The code of the port with the most inspections (``None``: no inspection yet)."""
    with UnitOfWork(store) as uow:
        row = uow.session.execute(
            select(Port.code, func.count(Inspection.id).label("n"))
            .join(Inspection, Inspection.port_id == Port.id)
            .group_by(Port.code)
            .order_by(func.count(Inspection.id).desc(), Port.code)
            .limit(1)
        ).first()
    return None if row is None else str(row.code)


def demo_logins(store: Store, now: dt.datetime) -> list[DemoLogin]:
    """Create the demo accounts (or give them new passwords) and return this run's logins."""
    port = busiest_port(store)
    logins = []
    with UnitOfWork(store) as uow:
        users = UserRepo(uow.session)
        for username, role, at_port in ACCOUNTS:
            if at_port and port is None:
                continue
            password = secrets.token_urlsafe(12)
            if users.by_username(username) is None:
                create_user(
                    uow.session,
                    username=username,
                    password=password,
                    role=role,
                    port_code=port if at_port else None,
                    actor=ACTOR,
                    now=now,
                )
            else:
                set_password(
                    uow.session, username=username, password=password, actor=ACTOR, now=now
                )
            logins.append(DemoLogin(username, role, port if at_port else None, password))
        uow.commit()
    return logins


def listed_passport(world: Path) -> str | None:
    """The MRZ of a passport of a traveller the demo world's watchlist names exactly (to try
    at the booth), or ``None``."""
    truth = json.loads((world / "truth.json").read_text(encoding="utf-8"))
    listed = {
        row["traveller_id"]
        for row in truth["watchlist"]
        if row["traveller_id"] and row["name_noise"] == "none" and row["dob_noise"] == "exact"
    }
    with (world / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            if document["holder_id"] in listed and document["layout"] == "TD3":
                return str(document["mrz"])
    return None


def logins_table(logins: list[DemoLogin], url: str) -> Table:
    """The demo logins as a table to print."""
    table = Table(title=f"Web console: {url} (demo logins, new passwords every run)")
    for column in ("role", "username", "password", "port"):
        table.add_column(column)
    for login in logins:
        table.add_row(login.role, login.username, login.password, login.port or "all (HQ)")
    return table


def serve_console(
    settings: Settings,
    store: Store,
    console: Console,
    *,
    host: str,
    port: int,
    world: Path | None = None,
) -> None:
    """Print the demo logins and serve the API and the console until Ctrl-C."""
    import uvicorn

    from borderpost.web import create_app

    logins = demo_logins(store, dt.datetime.now(dt.UTC))
    url = f"http://{host}:{port}/console/"
    console.print(logins_table(logins, url))
    sample = None if world is None else listed_passport(world)
    if sample is not None:
        console.print("Try at the booth (a watchlisted traveller of the demo world):")
        console.print(sample, markup=False, highlight=False)
    console.print(f"Serving the console on {url} (Ctrl-C stops it).", highlight=False)
    uvicorn.run(
        create_app(settings, store=store, warm=True), host=host, port=port, log_level="warning"
    )
