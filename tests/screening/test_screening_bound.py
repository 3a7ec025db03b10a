"""The bulk score bound never falls below the exact per-entry ceiling (so pruning is lossless)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.screening.bound import FIRST_YEAR, LAST_YEAR, WORDS, EntryBounds, _year_bits
from borderpost.screening.engine import Screener, ScreeningConfig
from borderpost.screening.features import FEATURES, Feature
from borderpost.screening.model import BirthDate, Document, ListEntry, PartialDate
from borderpost.screening.query import Query

COUNTRIES = ("AFG", "IRQ", "RUS", "SYR")
years = st.integers(min_value=1700, max_value=2100)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(years)
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    return PartialDate(year, month, draw(st.integers(1, 28)) if precision == "day" else None)


@st.composite
def birth_dates(draw: st.DrawFn) -> BirthDate:
    start = draw(partial_dates())
    if draw(st.booleans()):
        return BirthDate(start)
    end = PartialDate(start.year + draw(st.integers(0, 12)))
    return BirthDate(start, end)


@st.composite
def entries(draw: st.DrawFn) -> ListEntry:
    return ListEntry(
        list_name="TEST",
        entry_id=str(draw(st.integers(0, 10**6))),
        kind="person",
        name="Test Person",
        birth_dates=tuple(draw(st.lists(birth_dates(), max_size=3))),
        nationalities=tuple(draw(st.lists(st.sampled_from(COUNTRIES), max_size=2))),
        gender=draw(st.sampled_from((None, "male", "female"))),
        documents=tuple(
            Document("Passport", number, draw(st.sampled_from((None, "IRQ"))))
            for number in draw(st.lists(st.sampled_from(("A1234567", "A12345G7")), max_size=2))
        ),
    )


@st.composite
def queries(draw: st.DrawFn) -> Query:
    return Query(
        "Test Person",
        birth_date=draw(st.none() | partial_dates()),
        nationality=draw(st.sampled_from((None, *COUNTRIES))),
        gender=draw(st.sampled_from((None, "male", "female", "other"))),
        document_number=draw(st.sampled_from((None, "A1234567", "A12345O7"))),
        document_country=draw(st.sampled_from((None, "IRQ", "RUS"))),
    )


def _weights_like(features: tuple[Feature, ...], flip: bool) -> tuple[Feature, ...]:
    if not flip:
        return features
    return tuple(Feature(x.func, -x.weight, x.reads_name) for x in features)


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), min_size=1, max_size=8), queries(), st.booleans())
def test_bound_is_never_below_the_exact_ceiling(
    listed: list[ListEntry], query: Query, flip: bool
) -> None:
    features = _weights_like(FEATURES, flip)
    bounds = EntryBounds(listed, features)
    screener = Screener.__new__(Screener)  # only ceiling() is used: it reads the config
    screener.config = ScreeningConfig(features=features)
    upper = bounds.upper(query, np.arange(len(listed), dtype=np.int64))
    for entry, bound in zip(listed, upper.tolist(), strict=True):
        assert bound + 1e-4 >= screener.ceiling(query, entry)


def test_a_birth_year_far_from_every_listed_one_bounds_below_the_threshold() -> None:
    listed = [
        ListEntry("TEST", "1", "person", "A B", birth_dates=(BirthDate(PartialDate(1960)),)),
        ListEntry("TEST", "2", "person", "A B", birth_dates=(BirthDate(PartialDate(1975)),)),
        ListEntry("TEST", "3", "person", "A B"),
    ]
    bounds = EntryBounds(listed, FEATURES)
    numbers = np.arange(3, dtype=np.int64)
    reach = bounds.reachable(Query("A B", birth_date=PartialDate(1974, 5, 2)), numbers, 0.8)
    assert reach.tolist() == [False, True, True]
    far = bounds.reachable(Query("A B", birth_date=PartialDate(1990)), numbers, 0.8)
    assert far.tolist() == [False, False, True]


@given(st.integers(1700, 2200), st.integers(1700, 2200))
def test_year_mask_holds_exactly_the_kept_years_of_the_span(first: int, last: int) -> None:
    words = _year_bits(first, last)
    held = {
        FIRST_YEAR + 64 * word + bit
        for word in range(WORDS)
        for bit in range(64)
        if int(words[word]) >> bit & 1
    }
    assert held == set(range(max(first, FIRST_YEAR), min(last, LAST_YEAR) + 1))
