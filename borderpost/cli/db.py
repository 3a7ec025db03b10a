"""``borderpost db``: the database schema."""

from __future__ import annotations

import json

import typer
from rich.table import Table
from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError

from borderpost.cli.context import console, fail, state
from borderpost.store import StoreError, migrate
from borderpost.store.db import create_store_engine

app = typer.Typer(help="Database schema: upgrade and status.", no_args_is_help=True)


@app.command()
def upgrade(ctx: typer.Context, revision: str = typer.Argument("head")) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    settings = state(ctx).settings
    try:
        engine = create_store_engine(settings.resolved_database_url)
        before = migrate.current_revision(engine)
        migrate.upgrade(engine, revision)
        after = migrate.current_revision(engine)
        engine.dispose()
    except (StoreError, SQLAlchemyError) as exc:
        fail(f"cannot upgrade the database: {exc}", code=1)
        return
    console.print(f"database {engine.url!r}: {before or 'empty'} -> {after}")


@app.command()
def status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Show the database URL, its schema revision and its tables."""
    settings = state(ctx).settings
    try:
        engine = create_store_engine(settings.resolved_database_url)
        current = migrate.current_revision(engine)
        tables = sorted(inspect(engine).get_table_names())
        engine.dispose()
    except (StoreError, SQLAlchemyError) as exc:
        fail(f"cannot read the database: {exc}", code=1)
        return
    head = migrate.head_revision()
    info = {
        "url": engine.url.render_as_string(hide_password=True),
        "revision": current,
        "head": head,
        "up_to_date": current == head,
        "tables": tables,
    }
    if as_json:
        print(json.dumps(info))
        return
    table = Table(title="Database", show_header=False)
    for key, value in info.items():
        table.add_row(key, ", ".join(value) if isinstance(value, list) else str(value))
    console.print(table)
