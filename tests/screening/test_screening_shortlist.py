"""The compiled retrieval kernels against plain reference implementations (Hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from borderpost.screening.shortlist import (
    COUNT,
    GAP_PER_PART,
    GROUPS,
    LIMIT,
    PARAMS,
    QUERY_PARTS,
    SPELLING_WEIGHT,
    TOP,
    _kth_largest,
    nominate,
    rank,
)
from borderpost.screening.spelling import MAX_QUERY, Spellings

_TEXT = st.text(alphabet="ABCDEHIKLMNORSTUYZ -ÉÖ\u0639", max_size=80)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=30), _TEXT)
def test_spelling_ratio_is_rapidfuzz_ratio(texts: list[str], query: str) -> None:
    spellings = Spellings(texts)
    ids = np.arange(len(texts), dtype=np.int64)
    ours = spellings.ratios(query, ids)
    for text, ratio in zip(texts, ours.tolist(), strict=True):
        assert ratio == fuzz.ratio(query, text) / 100, (query, text, len(query) > MAX_QUERY)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.25, 3.0]), min_size=1, max_size=60), st.data()
)
def test_kth_largest(values: list[float], data: st.DataObject) -> None:
    k = data.draw(st.integers(1, len(values)))
    assert _kth_largest(np.array(values), k) == sorted(values, reverse=True)[k - 1]


def _reference(
    postings: list[list[int]],
    sources: list[tuple[float, int, bool, list[int]]],
    counts: list[int],
    params: list[float],
) -> dict[int, tuple[float, float]]:
    """What nominate computes, in plain Python (name -> (score, gap)) before the cuts."""
    groups = int(params[GROUPS])
    held = [set(ids) for ids in postings]
    named: set[int] = set()
    for value, group, nominates, slots in sources:
        del value, group
        if nominates:
            named.update(i for slot in slots for i in postings[slot])
    scores: dict[int, float] = {}
    for name in named:
        total = 0.0
        for group in range(groups):
            mine = [(v, n, s) for v, g, n, s in sources if g == group]
            had = max((v for v, n, s in mine if n and any(name in held[x] for x in s)), default=0)
            rest = max((v for v, n, s in mine if any(name in held[x] for x in s)), default=0)
            total += max(had, rest)
        for value, group, nominates, slots in sources:
            if group < 0:
                times = sum(name in held[x] for x in slots)
                total += value * (times if nominates else min(times, 1))
        scores[name] = total
    return {
        name: (score, params[GAP_PER_PART] * abs(counts[name] - params[QUERY_PARTS]))
        for name, score in scores.items()
    }


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_nominate_matches_reference(data: st.DataObject) -> None:
    names = data.draw(st.integers(1, 40))
    ids_st = st.lists(st.integers(0, names - 1), unique=True, max_size=names).map(sorted)
    postings = data.draw(st.lists(ids_st, min_size=1, max_size=8))
    groups = data.draw(st.integers(1, 3))
    sources = []
    for _ in range(data.draw(st.integers(1, 6))):
        value = data.draw(st.sampled_from([0.25, 0.5, 1.0, 1.75]))
        group = data.draw(st.integers(-1, groups - 1))
        nominates = data.draw(st.booleans())
        slots = data.draw(
            st.lists(st.integers(0, len(postings) - 1), unique=True, min_size=1, max_size=3)
        )
        sources.append((value, group, nominates, slots))
    counts = data.draw(st.lists(st.integers(1, 4), min_size=names, max_size=names))
    params = [0.0] * PARAMS
    params[GROUPS], params[QUERY_PARTS], params[COUNT] = groups, 2, 10_000
    params[TOP], params[LIMIT], params[SPELLING_WEIGHT], params[GAP_PER_PART] = (
        4.0,
        10_000,
        0.5,
        0.02,
    )
    packed = np.array([i for ids in postings for i in ids], dtype=np.uint32)
    starts = np.cumsum([0] + [len(ids) for ids in postings]).astype(np.int64)
    lists = np.array([(slot, k) for k, s in enumerate(sources) for slot in s[3]], dtype=np.int64)
    rows = np.array([(v, g, float(n)) for v, g, n, _s in sources], dtype=np.float64)
    sums, best = np.zeros(names), np.zeros(names)
    short, scores, gaps = nominate(
        packed,
        starts,
        lists.reshape(-1, 2),
        rows,
        sums,
        best,
        np.array(counts, dtype=np.int64),
        np.array(params),
    )
    assert not sums.any() and not best.any()  # scratch left as found
    expected = _reference(postings, sources, counts, params)
    got = {
        int(n): (float(s), float(g))
        for n, s, g in zip(short.tolist(), scores.tolist(), gaps.tolist(), strict=True)
    }
    assert got.keys() == expected.keys()
    for name, (score, gap) in expected.items():
        assert abs(got[name][0] - score) < 1e-9 and got[name][1] == gap


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([0.0, 0.5, 1.0]), st.sampled_from([0.0, 0.5, 1.0])),
        min_size=1,
        max_size=30,
    ),
    st.integers(1, 12),
)
def test_rank_orders_by_rank_then_lower_id(pairs: list[tuple[float, float]], limit: int) -> None:
    short = np.arange(len(pairs), dtype=np.int64)[::-1].copy()
    scores = np.array([p[0] for p in pairs])
    spelling = np.array([p[1] for p in pairs])
    gaps = np.zeros(len(pairs))
    params = np.zeros(PARAMS)
    params[TOP], params[LIMIT], params[SPELLING_WEIGHT] = 1.0, limit, 0.5
    chosen = rank(short, scores, gaps, spelling, params)
    ranks = scores + 0.5 * spelling
    expected = sorted(range(len(pairs)), key=lambda t: (-ranks[t], short[t]))[:limit]
    assert chosen.tolist() == expected
