"""Newest schema for an empty test database without rerunning every migration.

Each storage test starts from an empty database and brings it to the newest schema; running
the thirteen-odd Alembic migrations costs about 0.5 s on SQLite and 1.7 s on PostgreSQL, paid
hundreds of times per suite. This module migrates once per test process and copies the result:

- SQLite: a template file migrated once, copied page by page into the empty database
  through SQLite's own backup API;
- PostgreSQL: the statements the migrations sent are recorded once (rendered with their
  parameters) and replayed in one round trip into the test's own schema.

Only an upgrade of an *empty* database to ``head`` takes the shortcut; anything else (a partial
upgrade, a downgrade, an upgrade of a database that holds tables) runs Alembic for real, so the
migration tests still test the migrations. ``BORDERPOST_TEST_REAL_MIGRATIONS=1`` turns the
shortcut off.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, inspect

from borderpost.store.db import create_store_engine

Upgrade = Callable[..., None]

_lock = threading.Lock()
_sqlite_template: Path | None = None
_postgres_script: str | None = None


def _is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def _sqlite_file(engine: Engine) -> bool:
    database = engine.url.database
    return engine.dialect.name == "sqlite" and database not in (None, "", ":memory:")


def _sqlite_copy(real: Upgrade, engine: Engine) -> None:
    global _sqlite_template
    with _lock:
        if _sqlite_template is None:
            path = Path(tempfile.mkdtemp(prefix="bp-schema-")) / "template.db"
            template = create_store_engine(f"sqlite:///{path}")
            try:
                real(template)
            finally:
                template.dispose()
            _sqlite_template = path
    source = sqlite3.connect(_sqlite_template)
    try:
        with engine.connect() as connection:
            target = connection.connection.driver_connection
            assert isinstance(target, sqlite3.Connection)
            source.backup(target)
    finally:
        source.close()


def _record(real: Upgrade, engine: Engine) -> str:
    """Migrate ``engine`` for real and return what was sent, as one literal SQL script."""
    sent: list[tuple[str, Any, bool]] = []

    def listen(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool
    ) -> None:
        sent.append((statement, parameters, many))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        real(engine)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    import psycopg

    parts: list[str] = []
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, psycopg.Connection)
        cursor = psycopg.ClientCursor(raw)
        for statement, parameters, many in sent:
            if statement.lstrip().upper().startswith(("SELECT", "SHOW")):
                continue  # introspection: nothing to replay
            for params in parameters if many else [parameters]:
                parts.append(cursor.mogrify(statement, params or None))
    return ";\n".join(parts) + ";\n"


def _postgres_replay(real: Upgrade, engine: Engine) -> None:
    global _postgres_script
    with _lock:
        if _postgres_script is None:
            _postgres_script = _record(real, engine)
            return
        script = _postgres_script
    with engine.begin() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.execute(script)


def fast(real: Upgrade) -> Upgrade:
    """``borderpost.store.migrate.upgrade`` with the shortcut for an empty database."""

    def upgrade(engine: Engine, revision: str = "head") -> None:
        if revision != "head" or not _is_empty(engine):
            real(engine, revision)
        elif _sqlite_file(engine):
            _sqlite_copy(real, engine)
        elif engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg":
            _postgres_replay(real, engine)
        else:
            real(engine, revision)

    return upgrade
