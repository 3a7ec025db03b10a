"""Alembic environment: the engine is handed in by borderpost.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from borderpost.store.models import metadata

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only reachable by misuse
    raise RuntimeError("run migrations through `borderpost db upgrade`, not the alembic CLI")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
