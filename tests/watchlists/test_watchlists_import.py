"""Watchlists stored with their history, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from borderpost.config import Settings
from borderpost.screening import ImportResult, ListEntry
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import Watchlist, WatchlistChange, WatchlistEntry, WatchlistVersion
from borderpost.store.repos.watchlists import content_hash
from borderpost.watchlists import (
    EmptyImportError,
    ImportSummary,
    UnknownListError,
    UnknownVersionError,
    WatchlistError,
    changes,
    import_snapshot,
    list_summaries,
    load_entries,
    version_history,
)
from borderpost.watchlists.files import read_watchlist, relabel

OFAC_DIR = ("lists", "ofac_sdn_2021-07-07")
UN_XML = ("lists", "un_consolidated_2026-02-27", "consolidated.xml")


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def ofac(shared_data: Path) -> ImportResult:
    return read_watchlist("ofac", [shared_data.joinpath(*OFAC_DIR)])


@pytest.fixture(scope="module")
def un(shared_data: Path) -> ImportResult:
    return read_watchlist("un", [shared_data.joinpath(*UN_XML)])


def _import(store: Store, result: ImportResult, source_format: str = "ofac") -> ImportSummary:
    with UnitOfWork(store) as uow:
        summary = import_snapshot(
            uow, result.snapshot, result.report, source_format=source_format, files=["f"]
        )
        uow.commit()
    return summary


def _by_id(entries: list[ListEntry]) -> dict[tuple[str, str], ListEntry]:
    return {(entry.list_name, entry.entry_id): entry for entry in entries}


def test_real_lists_import_reimport_and_load(
    store: Store, ofac: ImportResult, un: ImportResult, database_url: str
) -> None:
    started = time.perf_counter()
    first = _import(store, ofac)
    ofac_seconds = time.perf_counter() - started
    started = time.perf_counter()
    first_un = _import(store, un, "un")
    un_seconds = time.perf_counter() - started
    for summary, result in ((first, ofac), (first_un, un)):
        report = result.report
        assert (summary.read, summary.kept, summary.skipped) == (
            report.read,
            report.kept,
            report.skipped,
        )
        assert (summary.added, summary.changed, summary.removed) == (len(result.entries), 0, 0)
        assert summary.version == 1 and summary.label == result.snapshot.version
        assert summary.warnings == report.warnings
    assert first.kept == 8976 and first_un.kept == 1003

    again = _import(store, ofac)
    assert (again.version, again.added, again.changed, again.removed) == (2, 0, 0, 0)
    assert again.no_changes and again.unchanged == 8976

    started = time.perf_counter()
    with UnitOfWork(store) as uow:
        loaded = load_entries(uow.session)
    load_seconds = time.perf_counter() - started
    assert len(loaded) == 8976 + 1003
    assert _by_id(loaded) == _by_id([*ofac.entries, *un.entries])
    with UnitOfWork(store) as uow:
        only_un = load_entries(uow.session, [un.snapshot.list_name])
        rows = {row.name: row for row in list_summaries(uow.session)}
        history = version_history(uow.session, "OFAC SDN")
    assert only_un == list(un.entries)  # file order is kept
    assert rows["OFAC SDN"].versions == 2 and rows["OFAC SDN"].entries == 8976
    assert [(v.version, v.added, v.unchanged) for v in history] == [(1, 8976, 0), (2, 0, 8976)]
    dialect = database_url.split(":", 1)[0]
    print(
        f"\n{dialect}: import OFAC {ofac_seconds:.2f} s, UN {un_seconds:.2f} s, "
        f"load_entries({len(loaded)}) {load_seconds:.2f} s"
    )

    # Batched, not row by row: the statements sent, not seconds (speed is measured in
    # bench/watchlists.py, never asserted in a test on a shared machine).
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(args[2])

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        _import(store, un, "un")
        with UnitOfWork(store) as uow:
            load_entries(uow.session)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(sent) < 50, f"{len(sent)} statements for a re-import and a load"


def _trimmed_ofac(source: Path, target: Path, keep: int, edit: Any = None) -> Path:
    """The first ``keep`` sdn.csv rows with their aliases and addresses; ``edit`` rewrites rows."""
    target.mkdir(parents=True)
    sdn = source.joinpath("sdn.csv").read_bytes().decode("latin-1").splitlines()[:keep]
    if edit is not None:
        sdn = edit(sdn)
    ids = {line.split(",", 1)[0] for line in sdn}
    target.joinpath("sdn.csv").write_bytes("\r\n".join(sdn).encode("latin-1"))
    for name in ("alt.csv", "add.csv"):
        lines = source.joinpath(name).read_bytes().decode("latin-1").splitlines()
        kept = [line for line in lines if line.split(",", 1)[0] in ids]
        target.joinpath(name).write_bytes("\r\n".join(kept).encode("latin-1"))
    return target


def _edit(lines: list[str]) -> list[str]:
    """Remove 173, rename 306, add 99999999."""
    out = [line for line in lines if not line.startswith("173,")]
    out = [line.replace('"BANCO NACIONAL DE CUBA"', '"BANCO CENTRAL"') for line in out]
    out.append('99999999,"NEW ENTITY LTD.",-0- ,"SDGT",' + ",".join(["-0- "] * 8))
    return out


def test_modified_copy_records_added_changed_removed(
    store: Store, shared_data: Path, tmp_path: Path
) -> None:
    source = shared_data.joinpath(*OFAC_DIR)
    v1 = read_watchlist("ofac", [_trimmed_ofac(source, tmp_path / "v1", 200)], version="v1")
    v2 = read_watchlist("ofac", [_trimmed_ofac(source, tmp_path / "v2", 200, _edit)])
    v2 = relabel(v2, None, "v2")
    _import(store, v1)
    second = _import(store, v2)
    assert (second.added, second.changed, second.removed) == (1, 1, 1)
    assert second.unchanged == 198
    with UnitOfWork(store) as uow:
        found = changes(uow.session, "OFAC SDN")
        current = load_entries(uow.session)
        row = uow.session.scalars(
            select(WatchlistEntry).where(WatchlistEntry.entry_id == "173")
        ).one()
        removed_in = uow.session.get(WatchlistVersion, row.removed_in_version_id)
        removed_in_number = None if removed_in is None else removed_in.number
        by_label = changes(uow.session, "OFAC SDN", "v1").version.version
    assert [(c.change, c.entry_id, c.fields) for c in found.changes] == [
        ("added", "99999999", ()),
        ("changed", "306", ("name",)),
        ("removed", "173", ()),
    ]
    assert found.changes[0].name == "NEW ENTITY LTD."
    assert removed_in_number == 2  # the row stays, marked with the version that removed it
    assert len(current) == 200 and "173" not in {e.entry_id for e in current}
    assert _by_id(current) == _by_id(list(v2.entries))
    assert {e.list_version for e in current} == {"v2"}
    assert by_label == 1

    third = _import(store, v1)  # back to v1: 173 listed again, 306 renamed back
    assert (third.added, third.changed, third.removed) == (1, 1, 1)
    with UnitOfWork(store) as uow:
        current = load_entries(uow.session)
        revived = uow.session.scalars(
            select(WatchlistEntry).where(WatchlistEntry.entry_id == "173")
        ).one()
        first_seen = uow.session.get(WatchlistVersion, revived.first_seen_version_id)
        assert revived.removed_in_version_id is None
        assert first_seen is not None and first_seen.number == 1
    assert _by_id(current) == _by_id(
        [dataclasses.replace(e, list_version="v1") for e in v1.entries]
    )


def _state(store: Store) -> dict[str, Any]:
    """Everything stored about watchlists, to compare before and after a failed import."""
    with UnitOfWork(store) as uow:
        session = uow.session
        return {
            "lists": session.execute(select(Watchlist.id, Watchlist.name)).all(),
            "versions": session.execute(select(WatchlistVersion.id).order_by("id")).all(),
            "entries": session.execute(
                select(
                    WatchlistEntry.entry_id,
                    WatchlistEntry.content_hash,
                    WatchlistEntry.last_changed_version_id,
                    WatchlistEntry.removed_in_version_id,
                ).order_by(WatchlistEntry.id)
            ).all(),
            "changes": session.scalar(select(func.count()).select_from(WatchlistChange)),
        }


def test_failure_part_way_leaves_nothing(store: Store, shared_data: Path, tmp_path: Path) -> None:
    source = shared_data.joinpath(*OFAC_DIR)
    v1 = read_watchlist("ofac", [_trimmed_ofac(source, tmp_path / "v1", 2500)])
    v2 = read_watchlist("ofac", [_trimmed_ofac(source, tmp_path / "v2", 2500, _edit)])
    _import(store, v1)
    before = _state(store)
    seen: list[tuple[str, int, int]] = []

    def explode(phase: str, done: int, total: int) -> None:
        seen.append((phase, done, total))
        if phase == "storing" and done > 0:
            raise RuntimeError("link cut")

    for result in (v2, relabel(v1, "another list", None)):
        with pytest.raises(RuntimeError, match="link cut"), UnitOfWork(store) as uow:
            import_snapshot(
                uow,
                result.snapshot,
                result.report,
                source_format="ofac",
                files=[],
                progress=explode,
            )
            uow.commit()
        assert _state(store) == before
    # the new list failed after its first batch of 1,000 entries had been written
    assert seen[-1] == ("storing", 1000, 5000)


def test_errors(store: Store, shared_data: Path, tmp_path: Path) -> None:
    source = shared_data.joinpath(*OFAC_DIR)
    small = read_watchlist("ofac", [_trimmed_ofac(source, tmp_path / "v1", 10)])
    _import(store, small)
    empty = relabel(small, None, None)
    empty = ImportResult(dataclasses.replace(empty.snapshot, entries=()), empty.report)
    with pytest.raises(EmptyImportError, match="would remove all 10"):
        _import(store, empty)
    assert _import_allowing_empty(store, empty).removed == 10
    long_id = dataclasses.replace(small.entries[0], entry_id="x" * 201)
    too_long = dataclasses.replace(small.snapshot, entries=(long_id,))
    with pytest.raises(WatchlistError, match="longer than 200"):
        _import(store, ImportResult(too_long, small.report))
    with UnitOfWork(store) as uow:
        with pytest.raises(UnknownListError, match="nope"):
            load_entries(uow.session, ["OFAC SDN", "nope"])
        with pytest.raises(UnknownListError):
            version_history(uow.session, "nope")
        with pytest.raises(UnknownVersionError, match="no version 7"):
            changes(uow.session, "OFAC SDN", 7)
        assert load_entries(uow.session, ["OFAC SDN"]) == []


def test_versions_of_entries_and_content_hashes(store: Store, shared_data: Path) -> None:
    result = read_watchlist("un", [shared_data.joinpath(*UN_XML)], version="2026-02")
    first, second, *rest = result.entries
    odd = dataclasses.replace(first, list_version="2025-12")  # differs from the snapshot's
    snapshot = dataclasses.replace(result.snapshot, entries=(odd, second))
    _import(store, ImportResult(snapshot, result.report), "un")
    with UnitOfWork(store) as uow:
        assert load_entries(uow.session) == [odd, second]
        query = select(WatchlistEntry.entry_id, WatchlistEntry.name)
        names = dict(uow.session.execute(query).all())
        stored = uow.session.scalars(select(WatchlistEntry.content_hash)).all()
    assert names == {first.entry_id: first.name, second.entry_id: second.name}
    assert sorted(stored) == sorted([content_hash(first), content_hash(second)])
    assert content_hash(odd) == content_hash(first)  # the version is not content
    assert content_hash(dataclasses.replace(first, name="X")) != content_hash(first)
    foreign = dataclasses.replace(snapshot, entries=(dataclasses.replace(rest[0], list_name="EU"),))
    with pytest.raises(WatchlistError, match="belongs to 'EU'"):
        _import(store, ImportResult(foreign, result.report), "un")


def _import_allowing_empty(store: Store, result: ImportResult) -> ImportSummary:
    with UnitOfWork(store) as uow:
        summary = import_snapshot(
            uow, result.snapshot, result.report, source_format="ofac", files=[], allow_empty=True
        )
        uow.commit()
    return summary
