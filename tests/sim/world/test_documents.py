"""Documents: genuine passports read clean; every planted defect raises its finding."""

from __future__ import annotations

import random

import pytest

from borderpost.documents import countries
from borderpost.documents.mrz import parse
from borderpost.screening.lost_stolen import LostStolenIndex, LostStolenRecord
from borderpost.sim.world import tables
from borderpost.sim.world.documents import (
    TravelDocument,
    batches,
    forge,
    papers,
    passport_number,
)
from borderpost.sim.world.lists import batch_rows, lost_stolen_row
from borderpost.sim.world.people import traveller
from borderpost.sim.world.spec import WorldSpec

SPEC = WorldSpec(seed=3, travellers=2000, days=30)
DEFECTS = {d.kind: d for d in tables.defects()}


@pytest.fixture(scope="module")
def documents() -> list[TravelDocument]:
    return [d for i in range(SPEC.travellers) for d in papers(SPEC, traveller(SPEC, i))]


def test_every_genuine_passport_validates(documents: list[TravelDocument]) -> None:
    clean = ("genuine", "lost_stolen", "blank_stolen", "impostor")
    checked = 0
    for document in documents:
        if document.status not in clean:
            continue
        for day in (SPEC.start, SPEC.end):
            result = parse(document.mrz, at=day)
            assert result.valid, document
            assert result.errors == (), (document, result.errors)
            assert (result.document_number, result.issuing_state) == (
                document.number,
                document.issuing_state,
            )
        checked += 1
    assert checked > 0.95 * SPEC.travellers


def test_statuses_are_planted_at_about_their_rates(documents: list[TravelDocument]) -> None:
    statuses = {d.status for d in documents}
    assert statuses >= {"genuine", "expired", "forged", "lost_stolen", "replaced"}
    assert sum(d.status == "genuine" for d in documents) > 0.95 * SPEC.travellers


@pytest.mark.parametrize("kind", sorted(DEFECTS))
def test_each_defect_kind_raises_its_finding(kind: str) -> None:
    rng = random.Random(kind)
    for index in range(40):
        holder = traveller(SPEC, index)
        base = papers(SPEC, holder)[0]
        forged = forge(SPEC, base, kind, rng)
        result = parse(forged.mrz, at=SPEC.start)
        expected = (DEFECTS[kind].finding, DEFECTS[kind].field)
        assert expected in {(f.code, f.field) for f in result.findings}, (kind, forged.mrz)
        assert forged.status == "forged" and forged.defect == kind


def test_forged_documents_of_the_world_raise_their_finding(
    documents: list[TravelDocument],
) -> None:
    forged = [d for d in documents if d.status == "forged"]
    assert forged
    for document in forged:
        defect = DEFECTS[document.defect]
        result = parse(document.mrz, at=SPEC.start)
        assert (defect.finding, defect.field) in {(f.code, f.field) for f in result.findings}


def test_expired_documents_are_found_expired(documents: list[TravelDocument]) -> None:
    expired = [d for d in documents if d.status == "expired"]
    assert expired
    for document in expired:
        assert parse(document.mrz, at=SPEC.start).has("expired")


def test_invented_codes_are_no_states() -> None:
    for code in tables.documents()["codes"]["invented"]:
        assert countries.lookup(code) is None and countries.quirk(code) is None


def _index(documents: list[TravelDocument]) -> LostStolenIndex:
    rows = [lost_stolen_row(d) for d in documents if d.reported in ("lost", "stolen")]
    rows += [row for batch in batches(SPEC) for row in batch_rows(batch)]
    return LostStolenIndex(
        LostStolenRecord(row[0], row[1], row[2], row[3])  # type: ignore[arg-type]
        for row in rows
    )


def test_reported_and_blank_stolen_documents_hit_the_lost_stolen_list(
    documents: list[TravelDocument],
) -> None:
    index = _index(documents)
    reported = [d for d in documents if d.reported]
    assert {d.status for d in reported} >= {"lost_stolen", "blank_stolen", "replaced"}
    for document in reported:
        hits = index.lookup(document.number, document.issuing_state, ocr_tolerant=False)
        assert [h.record.status for h in hits] == [document.reported], document
    for document in documents:
        if document.status == "genuine" and not document.reported:
            assert not index.lookup(document.number, document.issuing_state, ocr_tolerant=False)


def test_impostors_carry_someone_elses_genuine_passport() -> None:
    spec = WorldSpec(seed=8, travellers=20000, days=30)
    found = 0
    for index in range(3000):
        document = papers(spec, traveller(spec, index))[0]
        if document.status != "impostor":
            continue
        found += 1
        assert document.bearer_id == traveller(spec, index).id != document.holder_id
        assert parse(document.mrz, at=spec.start).errors == ()
    assert found


def test_passport_numbers_are_unique_per_state() -> None:
    numbers = {passport_number("UTO", i, s) for i in range(5000) for s in range(4)}
    assert len(numbers) == 20000
    assert all(len(n) == 9 for n in numbers)
    stolen = {n for b in batches(SPEC) for n in b.numbers}
    assert not stolen & numbers
