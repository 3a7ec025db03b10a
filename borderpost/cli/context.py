"""What every command shares: the settings, and the store opened on demand."""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass, field

import typer
from rich.console import Console

from borderpost.config import Settings
from borderpost.store import Store, StoreError, open_store

# People read wide tables; a pipe or a log file gets a fixed, generous width.
console = Console(width=None if sys.stdout.isatty() else 160)
errors = Console(stderr=True)


@dataclass
class State:
    settings: Settings
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        """The configured database, migrated if it is the embedded default."""
        if self._store is None:
            try:
                self._store = open_store(self.settings)
            except StoreError as exc:
                fail(str(exc), code=1)
        assert self._store is not None
        return self._store

    def close(self) -> None:
        """Release the database connections (called when the command ends)."""
        if self._store is not None:
            self._store.dispose()
            self._store = None


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # pragma: no cover - set by the root callback
        obj = State(Settings())
        ctx.find_root().obj = obj
    return obj


def fail(message: str, *, code: int = 2) -> None:
    """Print a clear error and exit (2: unusable arguments; 1: the operation failed)."""
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    sys.exit(code)


def default_actor() -> str:
    """Who an administrative command acts as when ``--actor`` is not given: the OS user."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "os:unknown"
