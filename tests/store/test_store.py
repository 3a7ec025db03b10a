"""Storage on SQLite and PostgreSQL: migrations, unit of work, repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from borderpost.config import Settings
from borderpost.documents import parse
from borderpost.store import StoreError, StoreNotMigratedError, UnitOfWork, migrate, open_store
from borderpost.store.db import create_store_engine
from borderpost.store.models import metadata
from borderpost.store.repos.documents import DocumentCheckRepo

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_migrations_match_models(database_url: str) -> None:
    engine = create_store_engine(database_url)
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []
    migrate.downgrade(engine, "base")
    assert "document_checks" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    migrate.upgrade(engine)  # idempotent
    engine.dispose()


def test_embedded_database_migrates_itself(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    store = open_store(settings)
    assert (tmp_path / "var" / "borderpost.db").is_file()
    assert migrate.is_current(store.engine)
    store.dispose()


def test_server_database_is_checked_not_migrated(database_url: str) -> None:
    settings = Settings(database_url=database_url)
    with pytest.raises(StoreNotMigratedError, match="borderpost db upgrade"):
        open_store(settings, auto_migrate=False)
    store = open_store(settings, auto_migrate=True)
    store.dispose()
    open_store(settings, auto_migrate=False).dispose()


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="not a valid SQLAlchemy URL"):
        open_store(Settings(database_url="not a url"))


def test_unit_of_work_commits_only_when_asked(database_url: str) -> None:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    result = parse(TD3, at=dt.date(2026, 11, 29))
    with UnitOfWork(store) as uow:
        DocumentCheckRepo(uow.session).add(result)
        # leaving without commit rolls back
    with UnitOfWork(store) as uow:
        assert DocumentCheckRepo(uow.session).count() == 0
    with pytest.raises(RuntimeError, match="boom"), UnitOfWork(store) as uow:
        DocumentCheckRepo(uow.session).add(result)
        raise RuntimeError("boom")
    with UnitOfWork(store) as uow:
        repo = DocumentCheckRepo(uow.session)
        repo.add(result)
        uow.commit()
    with UnitOfWork(store) as uow:
        repo = DocumentCheckRepo(uow.session)
        assert repo.count() == 1
        (row,) = repo.by_document_number("L898902C3")
        assert row.valid and row.birth_date == dt.date(1974, 8, 12)
        assert {f["code"] for f in row.findings} == {"expired", "specimen"}
    store.dispose()


def test_unit_of_work_outside_with_block() -> None:
    uow = UnitOfWork.__new__(UnitOfWork)
    uow._session = None
    with pytest.raises(RuntimeError, match="not open"):
        _ = uow.session
