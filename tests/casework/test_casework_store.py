"""Casework in the store: seizures and arrests recorded with their entities and links,
entities shared across records, permissions by role and port, audited reads, facts for the
leads service, the evidence graph, and the import of the sample ledger (CSV and XLSX)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from borderpost.audit.log import events, verify
from borderpost.casework.facts import all_facts, facts_of
from borderpost.casework.graph import case_graph
from borderpost.casework.importing import import_ledger
from borderpost.casework.ledger_files import LedgerFileError, read_ledger
from borderpost.casework.reading import entities, entity_detail, seizure_detail, seizures
from borderpost.casework.recording import add_link, record_arrest, record_seizure
from borderpost.inspection.errors import Conflict, Forbidden, Invalid
from borderpost.intel.recording import (
    ArrestDraft,
    LedgerMapping,
    Link,
    Party,
    SeizureDraft,
    make_item,
    person,
    phone,
    vehicle,
)
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import CaseArrest, CaseEntity, CaseLink, CaseSeizure
from tests.casework.conftest import DATA, NOW, user


def _seizure(ref: str, port: str | None = "NMG", number: str = "0712 345 678") -> SeizureDraft:
    courier = person("John Kamau Mwangi", dt.date(1985, 7, 14), "KEN")
    line = phone(number, "KE")
    truck = vehicle("KCA 123A", "KE")
    return SeizureDraft(
        ref=ref,
        date=dt.date(2026, 3, 2),
        items=(make_item("cocaine", Decimal("4.1"), "kg"),),
        source="seizure report 2026/117",
        port=port,
        place="Namanga OSBP cargo bay",
        latitude=-2.5447,
        longitude=36.7886,
        concealment="hidden compartment",
        conveyance="truck",
        route_origin="Sao Paulo",
        route_transit=("Addis Ababa",),
        route_destination="Nairobi",
        parties=(Party(courier, "courier"), Party(line, "found"), Party(truck, "conveyance")),
        links=(Link(courier, line, "used"),),
    )


def test_a_seizure_and_an_arrest_share_their_entities(store: Store) -> None:
    with UnitOfWork(store) as uow:
        record_seizure(uow.session, _seizure("S-1"), user=user(uow, "olga"), now=NOW)
        record_seizure(
            uow.session, _seizure("S-2", number="+254 712-345-678"), user=user(uow, "ann"), now=NOW
        )
        arrest = record_arrest(
            uow.session,
            ArrestDraft(
                ref="A-7",
                date=dt.date(2026, 5, 19),
                person=person("JOHN  KAMAU MWANGI", dt.date(1985, 7, 14)),
                charge="trafficking in narcotics",
                source="arrest report NMG/A/7",
                port="NMG",
                seizure_ref="S-1",
                parties=(Party(phone("0712345678", "KE"), "found"),),
            ),
            user=user(uow, "sue"),
            now=NOW,
        )
        uow.commit()
        assert arrest.id is not None
    with UnitOfWork(store) as uow:
        kinds = dict(
            uow.session.execute(
                select(CaseEntity.kind, func.count()).group_by(CaseEntity.kind)
            ).all()
        )
        assert kinds == {"person": 1, "phone": 1, "vehicle": 1}
        stored = uow.session.scalar(select(CaseSeizure).where(CaseSeizure.ref == "S-1"))
        assert stored is not None
        facts = facts_of(stored)
        assert facts.kind == "seizure" and facts.summary == "4.1 kg cocaine"
        assert set(facts.identifiers) == {
            ("person", "JOHN KAMAU MWANGI|1985-07-14"),
            ("phone", "+254712345678"),
            ("vehicle", "KE:KCA123A"),
        }
        assert (facts.place, facts.latitude, facts.longitude) == (
            "Namanga OSBP cargo bay",
            -2.5447,
            36.7886,
        )
        arrest_row = uow.session.scalar(select(CaseArrest))
        assert arrest_row is not None
        arrest_facts = facts_of(arrest_row)
        assert set(arrest_facts.identifiers) == {
            ("phone", "+254712345678"),
            ("person", "JOHN KAMAU MWANGI|1985-07-14"),
        }  # not the things of the seizure it follows
        assert ("person", "JOHN KAMAU MWANGI|1985-07-14") in arrest_facts.identifiers
        assert arrest_facts.place == "NMG" and arrest_facts.latitude is None
        assert [f.ref for f in all_facts(uow.session)] == ["S-1", "S-2", "A-7"]
        graph = case_graph(uow.session)
        assert "phone:+254712345678" in graph.network
        assert graph.evidence["phone:+254712345678"]["repeat"] == 3
        players = graph.rank()
        assert players[0].node in {"phone:+254712345678", "person:JOHN KAMAU MWANGI|1985-07-14"}
        assert players[0].reasons


def test_who_may_record_where(store: Store) -> None:
    with UnitOfWork(store) as uow:
        with pytest.raises(Forbidden, match="only at their own port"):
            record_seizure(
                uow.session, _seizure("S-1", port="NMG"), user=user(uow, "otto"), now=NOW
            )
        with pytest.raises(Forbidden, match="only at their own port"):
            record_seizure(uow.session, _seizure("S-1", port=None), user=user(uow, "olga"), now=NOW)
        with pytest.raises(Forbidden, match="may not record"):
            record_seizure(uow.session, _seizure("S-1"), user=user(uow, "aud"), now=NOW)
        with pytest.raises(Invalid, match="not registered"):
            record_seizure(uow.session, _seizure("S-1", port="XXX"), user=user(uow, "ann"), now=NOW)
        record_seizure(uow.session, _seizure("S-1", port=None), user=user(uow, "ann"), now=NOW)
        with pytest.raises(Conflict, match="already recorded"):
            record_seizure(uow.session, _seizure("S-1"), user=user(uow, "ann"), now=NOW)
        with pytest.raises(Forbidden):
            seizure_detail(uow.session, "S-1", user=user(uow, "olga"), now=NOW)


def test_reads_of_personal_data_are_audited(store: Store) -> None:
    with UnitOfWork(store) as uow:
        record_seizure(uow.session, _seizure("S-1"), user=user(uow, "olga"), now=NOW)
        uow.commit()
    with UnitOfWork(store) as uow:
        analyst = user(uow, "ann")
        assert [s["ref"] for s in seizures(uow.session, port="nmg")] == ["S-1"]
        detail = seizure_detail(uow.session, "S-1", user=analyst, now=NOW)
        assert detail["items"][0]["base_quantity"] == pytest.approx(4.1)
        assert {(x["kind"], x["role"]) for x in detail["links"]} == {
            ("person", "courier"),
            ("phone", "found"),
            ("vehicle", "conveyance"),
        }
        (phone_row,) = entities(uow.session, "phone", user=analyst, now=NOW, text="712345")
        assert phone_row["links"] == 2
        seen = entity_detail(uow.session, "phone", phone_row["id"], user=analyst, now=NOW)
        assert {x["role"] for x in seen["linked"]} == {"found", "used"}
        link = add_link(
            uow.session,
            ("phone", phone_row["id"]),
            ("seizure", detail["id"]),
            "found",
            source="call records 2026/3",
            date=dt.date(2026, 3, 3),
            user=analyst,
            now=NOW,
        )
        assert link.id is not None
        with pytest.raises(Invalid, match="cannot be linked"):
            add_link(
                uow.session,
                ("phone", phone_row["id"]),
                ("phone", 1),
                "used",
                source="x",
                date=NOW.date(),
                user=analyst,
                now=NOW,
            )
        uow.commit()
    with UnitOfWork(store) as uow:
        actions = [e.action for e in reversed(events(uow.session))]
        assert actions[-7:] == [
            "intel.record_indexed",  # the seizure reaches the leads service as it is stored
            "casework.seizure.record",
            "casework.seizure.read",
            "casework.entities.read",
            "casework.entity.read",
            "casework.link.add",
            "intel.record_indexed",  # and again when a link to it is added
        ]
        assert verify(uow.session).intact


def _xlsx(tmp_path: Path) -> Path:
    """The sample ledger as a workbook with real date cells, as Excel writes it."""
    rows = list(read_ledger(DATA / "namanga_ledger.csv"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Seizures"
    for number, row in enumerate(rows):
        cells: list[object] = list(row)
        if number and row[2] == "2026-03-05":
            cells[2] = dt.datetime(2026, 3, 5)
        if number and row[6] and str(row[6]).replace(".", "").isdigit():
            cells[6] = float(str(row[6]))
        sheet.append(cells)
    path = tmp_path / "namanga.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_sample_ledger_is_imported_row_by_row(
    store: Store, mapping: LedgerMapping, tmp_path: Path, kind: str
) -> None:
    path = DATA / "namanga_ledger.csv" if kind == "csv" else _xlsx(tmp_path)
    with UnitOfWork(store) as uow:
        dry = import_ledger(
            uow.session,
            read_ledger(path),
            mapping,
            name=path.name,
            user=user(uow, "ann"),
            now=NOW,
            dry_run=True,
        )
        uow.commit()
    with UnitOfWork(store) as uow:
        assert uow.session.scalar(select(func.count()).select_from(CaseSeizure)) == 0
        report = import_ledger(
            uow.session, read_ledger(path), mapping, name=path.name, user=user(uow, "ann"), now=NOW
        )
        uow.commit()
    assert dry.recorded == report.recorded
    assert report.rows == 20
    assert len(report.recorded) == 9
    assert report.rejected_rows == [8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20]
    (port,) = [r for r in report.rejections if r.row == 15]
    assert port.column == "Station" and "not registered" in port.reason
    with UnitOfWork(store) as uow:
        assert uow.session.scalar(select(func.count()).select_from(CaseSeizure)) == 9
        (event,) = events(uow.session, subject_type="ledger")
        assert event.action == "casework.ledger.import" and event.actor == "ann"
        assert len(event.details["recorded"]) == 9 and event.details["rejected"][0] == 8
        truck = uow.session.scalar(select(CaseEntity).where(CaseEntity.key == "KE:KCA123A"))
        assert truck is not None
        linked = uow.session.scalars(
            select(CaseLink.left_id).where(
                CaseLink.right_kind == "vehicle",
                CaseLink.right_id == truck.id,
                CaseLink.left_kind == "seizure",
            )
        ).all()
        assert len(linked) == 2  # NMG/2026/001 and NMG/2026/016
        again = import_ledger(
            uow.session, read_ledger(path), mapping, name=path.name, user=user(uow, "ann"), now=NOW
        )
        assert again.recorded == [] and all(
            "already recorded" in r.reason for r in again.rejections if r.row in {2, 3}
        )


def test_only_analysts_import_and_unreadable_files_are_named(
    store: Store, mapping: LedgerMapping, tmp_path: Path
) -> None:
    with UnitOfWork(store) as uow, pytest.raises(Forbidden):
        import_ledger(
            uow.session,
            read_ledger(DATA / "namanga_ledger.csv"),
            mapping,
            name="x",
            user=user(uow, "olga"),
            now=NOW,
        )
    bad = tmp_path / "ledger.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(LedgerFileError, match="not a readable XLSX"):
        read_ledger(bad)
    with pytest.raises(LedgerFileError, match=r"\.csv or \.xlsx"):
        read_ledger(tmp_path / "ledger.txt", b"a,b")
