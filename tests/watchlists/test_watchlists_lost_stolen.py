"""Lost/stolen document lists in the database: replaced atomically, read back exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest

from borderpost.config import Settings
from borderpost.screening import LostStolenIndex, LostStolenRecord, parse_lost_stolen_csv
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.watchlists import (
    EmptyImportError,
    LostStolenSummary,
    WatchlistError,
    import_lost_stolen,
    lost_stolen_records,
    lost_stolen_summaries,
)

CSV = """issuing_country,document_number,document_type,status,reported_on,reference
NLD,P12345G7,passport,stolen,2024-03-01,SLTD-0001
NL,SPECI2014,passport,lost,2023-12-24,SLTD-0002
Germany,C01X-00T47,id card,revoked,,SLTD-0003
GBR,123456789,passport,blank-stolen,2022-01-31,
GBR,123 456 789,passport,revoked,2023-01-31,later report
"""


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield opened
    opened.dispose()


def _records() -> tuple[LostStolenRecord, ...]:
    return parse_lost_stolen_csv(CSV.encode(), file_name="sltd.csv").records


def _replace(store: Store, name: str, records: tuple[LostStolenRecord, ...]) -> LostStolenSummary:
    with UnitOfWork(store) as uow:
        summary = import_lost_stolen(uow, name, records)
        uow.commit()
    return summary


def test_import_replace_and_read(store: Store) -> None:
    records = _records()
    summary = _replace(store, "SLTD", records)
    assert (summary.received, summary.stored, summary.duplicates, summary.previous) == (5, 4, 1, 0)
    _replace(store, "national", records[:1])
    with UnitOfWork(store) as uow:
        stored = lost_stolen_records(uow.session, ["SLTD"])
        everything = lost_stolen_records(uow.session)
        counts = lost_stolen_summaries(uow.session)
    # the later report of GBR 123456789 wins; the rest come back exactly, in file order
    assert stored == [*records[:3], records[4]]
    assert len(everything) == 5 and counts == [("SLTD", 4), ("national", 1)]
    hits = LostStolenIndex(stored).lookup("P12345G7", "NLD")
    assert [hit.record.reference for hit in hits] == ["SLTD-0001"]

    again = _replace(store, "SLTD", records[:2])
    assert (again.stored, again.previous) == (2, 4)
    with UnitOfWork(store) as uow:
        assert lost_stolen_records(uow.session, ["SLTD"]) == list(records[:2])


def test_failed_replace_leaves_the_list(store: Store) -> None:
    records = _records()
    _replace(store, "SLTD", records)

    def explode(phase: str, done: int, total: int) -> None:
        if phase == "storing" and done > 0:
            raise RuntimeError("power cut")

    many = tuple(
        dataclasses.replace(records[0], number=f"X{index:07d}", reported_on=date(2024, 1, 1))
        for index in range(2500)
    )
    with pytest.raises(RuntimeError, match="power cut"), UnitOfWork(store) as uow:
        import_lost_stolen(uow, "SLTD", many, progress=explode)
        uow.commit()
    with pytest.raises(EmptyImportError, match="would remove all 4"):
        _replace(store, "SLTD", ())
    too_long = dataclasses.replace(records[0], number="9" * 101)
    with pytest.raises(WatchlistError, match="longer than 100"):
        _replace(store, "SLTD", (too_long,))
    with UnitOfWork(store) as uow:
        assert lost_stolen_records(uow.session) == [*records[:3], records[4]]
