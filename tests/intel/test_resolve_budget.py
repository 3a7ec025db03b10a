"""Blocking within a budget: exact pair counts, tightening, dropping, and the notes."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.intel.resolve import derive_frame, resolve
from borderpost.intel.resolve.budget import count_pairs, tighten, within_budget
from borderpost.intel.resolve.engines import EngineError, duckdb_connection
from borderpost.intel.resolve.quality import pairwise


def _brute(frame: pd.DataFrame, keys: list[str]) -> int:
    rows = frame[keys].to_dict("records")
    return sum(
        1
        for a, b in itertools.combinations(rows, 2)
        if all(pd.notna(a[k]) and pd.notna(b[k]) and a[k] == b[k] for k in keys)
    )


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C", None]), st.sampled_from([1970, 1971, None])),
        max_size=30,
    )
)
def test_count_pairs_matches_brute_force(rows: list[tuple[str | None, int | None]]) -> None:
    frame = pd.DataFrame(rows, columns=["name_skel", "dob_year"])
    frame["dob_year"] = frame["dob_year"].astype("Int64")
    for keys in (["name_skel"], ["dob_year"], ["name_skel", "dob_year"]):
        assert count_pairs(frame, keys) == _brute(frame, keys)


def _common_names(n: int) -> pd.DataFrame:
    """``n`` people called JOHN SMITH, born over ten years, half of them men."""
    rows = [
        {
            "name": "JOHN SMITH",
            "dob": f"{1970 + i % 10}-0{1 + i % 9}-1{i % 10}",
            "gender": "MF"[i % 2],
        }
        for i in range(n)
    ]
    return derive_frame(rows, [f"m{i}" for i in range(n)])


def test_rules_within_budget_are_kept_as_they_are() -> None:
    frame = _common_names(40)
    rules, notes = within_budget(frame, [("name_skel",), ("dob",)], budget=10_000)
    assert [r.keys for r in rules] == [("name_skel",), ("dob",)]
    assert rules[0].comparisons == 40 * 39 // 2
    assert notes == []


def test_the_largest_rule_is_tightened_and_the_reason_noted() -> None:
    frame = _common_names(40)  # name_skel: 780 pairs; + dob_year: 10 blocks of 4, 60 pairs
    rules, notes = within_budget(frame, [("name_skel",), ("dob",)], budget=200)
    assert rules[0].keys == ("name_skel", "dob_year")
    assert rules[0].comparisons == 60
    assert sum(r.comparisons for r in rules) <= 200
    assert notes and "name_skel made 780" in notes[0] and "also on dob_year, 60 pairs" in notes[0]


def test_a_rule_that_cannot_fit_is_dropped() -> None:
    same = [{"name": "JOHN SMITH", "dob": "1970-01-01", "gender": "M"}] * 5  # 10 pairs
    rules, notes = within_budget(derive_frame(same, list("abcde")), [("name_skel",)], budget=9)
    assert rules == []
    assert "dropped" in notes[-1]
    frame = _common_names(40)
    assert tighten(derive_frame(same, list("abcde")), ("name_skel",), 0) is None
    kept = tighten(frame, ("name_skel",), 100)
    assert kept is not None and kept.comparisons <= 100


def test_resolve_under_a_tight_budget_still_resolves_and_says_why() -> None:
    rows = [
        {"name": "IVAN SIDOROV", "dob": "1980-03-12", "gender": "M"},
        {"name": "Иван Сидоров", "dob": "1980-03-12", "gender": "M"},
        {"name": "JOHN SMITH", "dob": "1970-05-05", "gender": "M"},
        {"name": "JON SMYTH", "dob": "1970-05-05", "gender": "M"},
        {"name": "JOHN SMITH", "dob": "1988-11-23", "gender": "M"},
        {"name": "ANA LOPEZ", "dob": "1985-02-14", "gender": "F"},
    ]
    frame = derive_frame(rows, [f"r{i}" for i in range(len(rows))])
    truth = {"r0": "ivan", "r1": "ivan", "r2": "js", "r3": "js", "r4": "js88", "r5": "ana"}
    result = resolve(frame, max_comparisons=4)
    assert any("blocking on" in note for note in result.notes)
    score = pairwise(result.clusters, truth)
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_duckdb_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BORDERPOST_DUCKDB_MEMORY", "512MB")
    monkeypatch.setenv("BORDERPOST_DUCKDB_THREADS", "1")
    con = duckdb_connection()
    assert con.execute("SELECT current_setting('threads')").fetchone() == (1,)
    monkeypatch.setenv("BORDERPOST_DUCKDB_MEMORY", "lots")
    with pytest.raises(EngineError, match="BORDERPOST_DUCKDB_MEMORY='lots'"):
        duckdb_connection()
