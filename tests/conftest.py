"""Shared fixtures: the development data beside the checkout, and databases of both kinds.

Storage tests take the ``database_url`` fixture and run once on an embedded SQLite file and
once on PostgreSQL (``BORDERPOST_TEST_POSTGRES_URL``, which ``make test`` and ``.ci/run``
point at the local server). Each PostgreSQL test gets a schema of its own, dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from borderpost.store import migrate
from tests.support import schema_template

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"

# An empty test database gets the newest schema copied from one migrated once per process
# (tests/support/schema_template.py); migration tests still run Alembic for real.
if not os.environ.get("BORDERPOST_TEST_REAL_MIGRATIONS"):
    migrate.upgrade = schema_template.fast(migrate.upgrade)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Cases marked ``slow`` first (in their collected order, after pytest's own grouping by
    fixture), so that ``pytest -n`` starts the long ones early and ends on short ones, instead
    of one worker finishing a long case while the other waits. Mark a whole module (not one
    case of it) when its cases share an expensive module-scoped fixture, lest it be built twice.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"development data not found at {SHARED_DATA} (clone beside ../shared)")
    return SHARED_DATA


def _postgres_url() -> str | None:
    url = os.environ.get("BORDERPOST_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("BORDERPOST_REQUIRE_POSTGRES"):
            pytest.fail(
                "BORDERPOST_REQUIRE_POSTGRES is set but BORDERPOST_TEST_POSTGRES_URL is not"
            )
        return None
    return url


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database URL of ``kind`` ("sqlite" in ``folder``, or "postgresql" in a
    schema of its own, dropped after)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'test.db'}"
        return
    base = _postgres_url()
    if base is None:
        pytest.skip("PostgreSQL not configured (set BORDERPOST_TEST_POSTGRES_URL)")
    schema = f"bp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # a configured server that cannot be reached is a failure
        admin.dispose()
        pytest.fail(f"cannot reach PostgreSQL at {base}: {exc}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL of each kind."""
    with fresh_database(request.param, tmp_path) as url:
        yield url
