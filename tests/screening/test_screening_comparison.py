"""The compiled name comparison gives ``score_names``'s scores, to the bit.

On real list names against the names the index shortlists for varied travellers, on generated
names of many scripts (Hypothesis), across the table's clearing, for names too long for it,
and for the spelling measures against ``rapidfuzz``.
"""

from __future__ import annotations

import importlib
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA, JaroWinkler

from borderpost.names import alignment, compare, prepare, score_names, similarity
from borderpost.screening import comparison, name_kernel, part_kernel
from borderpost.screening.comparison import NameTable
from borderpost.screening.engine import Screener
from borderpost.screening.sources import load_ofac, load_un
from borderpost.sim import NOISES, applicable

# the module (borderpost.names.compare is also the name of its function)
comparing = importlib.import_module("borderpost.names.compare")
LISTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "lists"

PARTS = (
    "MOHAMMED", "MUHAMMAD", "MOHAMED", "ALI", "AL", "BIN", "ABD", "ABDUL", "RAHMAN",
    "ABDULRAHMAN", "HASSAN", "HUSSEIN", "J", "JOHN", "SMITH", "SMYTH", "IVANOVICH", "PETROV",
    "KIM", "JONG", "UN", "DE", "LA", "CRUZ", "OMAR", "UMAR", "VAN", "DER", "BERG", "Y",
    "محمد", "علي", "بن", "حسن", "Владимир", "Путин", "キム", "ジョン", "김정은", "習近平",
)  # fmt: skip


def expected(query: str, names: list[str]) -> list[float]:
    key = prepare(query)
    return [score_names(key, prepare(name)).score for name in names]


def test_the_kernel_mirrors_the_names_constants() -> None:
    assert name_kernel.PART_MATCH == alignment.PART_MATCH
    assert name_kernel.MERGE_MATCH == alignment.MERGE_MATCH
    assert name_kernel.MERGE_LENGTH_RATIO == alignment.MERGE_LENGTH_RATIO
    assert name_kernel.PARTICLE_WEIGHT == alignment._PARTICLE_WEIGHT
    assert name_kernel.DISMISSAL_MARGIN == similarity.DISMISSAL_MARGIN
    assert name_kernel.CONFLICT_PENALTY == comparing.CONFLICT_PENALTY
    assert name_kernel.PARTICLE_PENALTY == comparing._PARTICLE_PENALTY
    assert name_kernel.ONE_PART_CAP == comparing.ONE_PART_CAP
    assert name_kernel.INITIALS_ONLY_CAP == comparing.INITIALS_ONLY_CAP
    assert name_kernel.UNDER_CAPS == comparing._UNDER_CAPS
    assert part_kernel.EQUIVALENT == similarity.EQUIVALENT
    assert part_kernel.INITIAL == similarity.INITIAL
    assert part_kernel.ONE_EDIT == similarity.ONE_EDIT
    assert part_kernel.KNOWN_APART == similarity.KNOWN_APART
    assert part_kernel.MIN_TYPO_LENGTH == similarity._MIN_TYPO_LENGTH
    assert part_kernel.MIN_METAPHONE == similarity._MIN_METAPHONE == comparison._MIN_METAPHONE


@pytest.fixture(scope="module")
def screener() -> Screener:
    ofac = load_ofac(LISTS / "ofac_sdn_2021-07-07")
    un = load_un(LISTS / "un_consolidated_2026-02-27" / "consolidated.xml")
    return Screener([*ofac.entries, *un.entries])


def test_real_list_names_score_as_in_python(screener: Screener) -> None:
    """Travellers made from real list names (typos, swaps, respellings, other scripts' forms)
    and plain generated ones, against every name the index shortlists for them."""
    rng = random.Random(20261129)
    people = [entry for entry in screener.entries if entry.kind == "person"]
    table = NameTable()
    compared = 0
    for number in range(400):
        entry = rng.choice(people)
        name = rng.choice([entry.name, *(alias.name for alias in entry.aliases)])
        kinds = [kind for kind in NOISES if applicable(kind, name)]
        query = NOISES[rng.choice(kinds)](name, rng) if kinds and number % 4 else name
        found = screener.index.shortlist(query, limit=40)
        names = [screener.index.names[i] for i in found.name_ids.tolist()]
        assert table.scores(prepare(query), names) == expected(query, names), query
        for name in names[:3]:  # the best shortlisted, as hits are explained
            assert table.explain(prepare(query), name) == compare(query, name), (query, name)
        compared += len(names)
    assert compared > 5000


names = st.lists(st.sampled_from(PARTS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(names, st.lists(names, min_size=1, max_size=8))
def test_generated_names_score_as_in_python(query: str, listed: list[str]) -> None:
    table = NameTable()
    assert table.scores(prepare(query), listed) == expected(query, listed)
    for name in listed:
        explained = table.explain(prepare(query), name)
        assert explained == compare(query, name)
        assert explained.reason == compare(query, name).reason


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=30), st.lists(st.text(min_size=1, max_size=30), max_size=4))
def test_any_text_scores_as_in_python(query: str, listed: list[str]) -> None:
    table = NameTable()
    assert table.scores(prepare(query), listed) == expected(query, listed)
    for name in listed:
        assert table.explain(prepare(query), name) == compare(query, name)


def test_one_table_for_many_travellers_and_after_clearing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A table remembers names and pairs across travellers, and starts afresh when full;
    the scores never change."""
    rng = random.Random(5)
    travellers = [" ".join(rng.choices(PARTS, k=rng.randint(1, 5))) for _ in range(120)]
    listed = [" ".join(rng.choices(PARTS, k=rng.randint(1, 5))) for _ in range(60)]
    monkeypatch.setattr(comparison, "MAX_INTS", 4000)
    monkeypatch.setattr(comparison, "_HEADROOM", 0)
    monkeypatch.setattr(comparison, "MAX_PAIRS", 200)
    table = NameTable()
    cleared = 0
    for query in travellers:
        before = len(table)
        names = rng.sample(listed, 12)
        assert table.scores(prepare(query), names) == expected(query, names)
        cleared += len(table) < before
    assert cleared > 0


def test_names_of_many_parts_are_scored_in_python() -> None:
    long_name = " ".join(["ALI", "HASSAN", "OMAR"] * 25)  # 75 parts: more than the kernel takes
    names = [long_name, "ALI HASSAN", "OMAR ALI"]
    table = NameTable()
    assert table.add(prepare(long_name)) == -1
    assert table.scores(prepare("ALI HASSAN OMAR"), names) == expected("ALI HASSAN OMAR", names)
    assert table.scores(prepare(long_name), names) == expected(long_name, names)
    assert table.explain(prepare("ALI HASSAN"), long_name) == compare("ALI HASSAN", long_name)


def test_names_ordered_as_python_orders_them() -> None:
    """score_names aligns the name that sorts first against the other; the kernel sorts the
    same way, by code point, also past the Basic Multilingual Plane."""
    names = ["Ali Hassan", "ALI HASSAN", "Ali Hassan \U0001f600", "Ali Hassan \ud800", "Älí Hassan"]
    for query in names:
        assert NameTable().scores(prepare(query), names) == expected(query, names)


def test_a_failure_leaves_the_table_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    """When working out a part's keys in Python fails, nothing half-written stays: a list
    name is not added, a traveller's name is taken out all the same, and the next
    comparisons score as before."""
    listed = ["محمد حسن", "علي بن حسن", "MOHAMMED HASSAN"]
    table = NameTable()

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    with monkeypatch.context() as patch:  # while adding the Arabic list names
        patch.setattr(comparison, "long_vowels", broken)
        with pytest.raises(RuntimeError, match="boom"):
            table.scores(prepare("Mohamad Hasan"), listed)
    assert len(table) == 0
    assert table.scores(prepare("Ali Hasan"), listed) == expected("Ali Hasan", listed)
    assert len(table) == len(listed)
    with monkeypatch.context() as patch:  # while working out the traveller's parts' keys
        patch.setattr(comparison, "long_vowels", broken)
        with pytest.raises(RuntimeError, match="boom"):
            table.scores(prepare("Mohamad Hasan"), listed)
    assert len(table) == len(listed)  # the list names stay; the traveller's name is out
    for query in ("Mohamad Hasan", "Ali bin Hasan", "MOHAMMED HASSAN"):
        assert table.scores(prepare(query), listed) == expected(query, listed)


texts = st.text(alphabet=st.sampled_from("ABCDEÉ字\U0001f600"), max_size=20) | st.text(max_size=20)


@settings(max_examples=500, deadline=None)
@given(texts, texts)
def test_spelling_measures_are_rapidfuzz_s(left: str, right: str) -> None:
    ints = np.array([ord(c) for c in "#" + left + right], np.int32)
    work = np.full(part_kernel.work_room(len(left), len(right)), -7, np.int64)
    a, b = 1, 1 + len(left)
    assert part_kernel.osa_distance(ints, a, len(left), b, len(right), work) == OSA.distance(
        left, right
    )
    similar = part_kernel.jaro_winkler(ints, a, len(left), b, len(right), work)
    assert similar == JaroWinkler.normalized_similarity(left, right)
