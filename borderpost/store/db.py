"""Engine and session factory, and the rule that an embedded database migrates itself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from borderpost.config import Settings
from borderpost.store import migrate


class StoreError(Exception):
    """The database cannot be used as configured."""


class StoreNotMigratedError(StoreError):
    """The database schema is older than this version of Borderpost."""


@dataclass(frozen=True, slots=True)
class Store:
    """An engine and the session factory bound to it."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_store_engine(url: str, **engine_options: Any) -> Engine:
    """Create an engine for ``url``, with SQLite made safe for concurrent readers."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"database URL {url!r} is not a valid SQLAlchemy URL: {exc}") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, future=True, **engine_options)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot create a database engine for {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_store(settings: Settings, *, auto_migrate: bool | None = None) -> Store:
    """Open the configured database.

    An embedded SQLite database is brought to the newest schema on open, so that a newcomer
    never meets a missing table. A server database is only checked: migrating a shared
    database is an operator's decision (``borderpost db upgrade``).
    """
    engine = create_store_engine(settings.resolved_database_url)
    migrate_now = settings.is_embedded_sqlite if auto_migrate is None else auto_migrate
    try:
        if migrate_now:
            migrate.upgrade(engine)
        else:
            current = migrate.current_revision(engine)
            if current != migrate.head_revision():
                engine.dispose()
                raise StoreNotMigratedError(
                    "the database schema is not up to date "
                    f"(at {current or 'empty'}, needs {migrate.head_revision()}): "
                    "run `borderpost db upgrade`"
                )
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot use the database at {engine.url!r}: {exc}") from exc
    # A post's records go into its outbox in their own transaction (borderpost.sync.outbox);
    # the listener writes nothing in a database that is not a post.
    from borderpost.sync.outbox import install

    install()
    return Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
