"""Match features: each says how a query and a list entry agree, with a reason a person can read.

A feature returns a :class:`FeatureResult` (a value in [0, 1] and the detail) or None when
it does not apply (the list gives no date of birth, the traveller gave no nationality).
Its docstring is its documentation, served with every hit; a feature without one is refused.
How much each counts is the ``weight`` in :data:`FEATURES`, one readable list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from borderpost.names import NameComparison
from borderpost.screening.docnumbers import confusion_key, confusions, describe_confusion
from borderpost.screening.model import BirthDate, ListEntry, PartialDate
from borderpost.screening.query import Query


@dataclass(frozen=True, slots=True)
class FeatureResult:
    value: float
    detail: str


@dataclass(slots=True)
class Context:
    """What every feature sees: the query, the entry and the best name comparison.

    Not frozen (features only read it): the engine makes one per candidate entry, and a
    frozen dataclass is made several times slower."""

    query: Query
    entry: ListEntry
    name: NameComparison
    matched_name: str
    matched_weak: bool = False
    # results of the features others build on (the birth-date ones), worked out once
    memo: dict[str, FeatureResult | None] = field(default_factory=dict, compare=False, repr=False)


FeatureFunc = Callable[[Context], FeatureResult | None]


def _remembered(func: FeatureFunc) -> FeatureFunc:
    """A feature other features call too: worked out once per context."""

    @functools.wraps(func)
    def once(ctx: Context) -> FeatureResult | None:
        key = func.__name__
        if key in ctx.memo:
            return ctx.memo[key]
        result = ctx.memo[key] = func(ctx)
        return result

    return once


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature and its weight. ``reads_name`` says whether it looks at the name comparison
    (``Context.name``, ``matched_name``, ``matched_weak``); one that does not depends only on
    the traveller and the entry, so the engine can work out a candidate's best possible score
    before comparing names (see :func:`borderpost.screening.engine.Screener.score_candidates`).
    It defaults to ``True``, the safe assumption for a feature added later."""

    func: FeatureFunc
    weight: float
    reads_name: bool = True

    def __post_init__(self) -> None:
        if not (self.func.__doc__ or "").strip():
            raise ValueError(f"feature {self.func.__name__} has no docstring to explain it")

    @property
    def name(self) -> str:
        return self.func.__name__

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip().splitlines()[0]


def name_similarity(ctx: Context) -> FeatureResult:
    """How alike the traveller's name is to the closest name of the entry (0 to 1)."""
    return FeatureResult(ctx.name.score, f"name {ctx.name.reason}")


def weak_alias(ctx: Context) -> FeatureResult | None:
    """The name matched is one the list itself calls a weak (low-quality) alias, such as a
    nickname or a kunya shared by many people."""
    if not ctx.matched_weak:
        return None
    return FeatureResult(1.0, f"matched {ctx.matched_name!r}, a weak alias on the list")


def _dates(entry: ListEntry) -> tuple[BirthDate, ...]:
    return entry.birth_dates


def _exact_day(query: PartialDate, listed: BirthDate) -> bool:
    return (
        query.precision == "day"
        and listed.start.precision == "day"
        and listed.end is None
        and query == listed.start
    )


@_remembered
def dob_exact(ctx: Context) -> FeatureResult | None:
    """The date of birth given is the one the list gives, to the day."""
    query = ctx.query.birth_date
    if query is None or query.precision != "day":
        return None
    for listed in _dates(ctx.entry):
        if _exact_day(query, listed):
            return FeatureResult(1.0, f"date of birth {query} is the listed {listed}")
    return None


@_remembered
def dob_within_listed(ctx: Context) -> FeatureResult | None:
    """The date of birth given falls in what the list states: the same year or month when the
    list (or the traveller) gives no more, or inside a listed range."""
    query = ctx.query.birth_date
    if query is None or dob_exact(ctx) is not None:
        return None
    for listed in _dates(ctx.entry):
        if listed.earliest() <= query.latest() and query.earliest() <= listed.latest():
            return FeatureResult(1.0, f"date of birth {query} falls within listed {listed}")
    return None


@_remembered
def dob_day_month_swapped(ctx: Context) -> FeatureResult | None:
    """The date of birth given is a listed one with day and month swapped (a clerk's slip)."""
    query = ctx.query.birth_date
    if query is None or query.precision != "day" or query.day == query.month:
        return None
    assert query.month is not None and query.day is not None
    if query.day > 12:
        return None
    swapped = PartialDate(query.year, query.day, query.month)
    for listed in _dates(ctx.entry):
        if _exact_day(swapped, listed):
            return FeatureResult(
                1.0, f"date of birth {query} is listed {listed} with day and month swapped"
            )
    return None


def _years_apart(query: PartialDate, listed: BirthDate) -> int:
    if listed.earliest() <= query.latest() and query.earliest() <= listed.latest():
        return 0
    if query.latest() < listed.earliest():
        return listed.earliest().year - query.latest().year
    return query.earliest().year - listed.latest().year


def dob_one_year_off(ctx: Context) -> FeatureResult | None:
    """The date of birth given is within a year of a listed one (a common error in records):
    neither confirms nor refutes."""
    query = ctx.query.birth_date
    if query is None or not _dates(ctx.entry):
        return None
    gaps = [_years_apart(query, listed) for listed in _dates(ctx.entry)]
    if min(gaps) == 1 or (min(gaps) == 0 and _dob_support(ctx) is None):
        return FeatureResult(
            1.0,
            f"date of birth {query} is within a year of listed "
            f"{', '.join(str(d) for d in _dates(ctx.entry))}",
        )
    return None


def _dob_support(ctx: Context) -> FeatureResult | None:
    return dob_exact(ctx) or dob_within_listed(ctx) or dob_day_month_swapped(ctx)


def dob_mismatch(ctx: Context) -> FeatureResult | None:
    """The list gives dates of birth and the one given is more than a year from all of them."""
    query = ctx.query.birth_date
    if query is None or not _dates(ctx.entry) or _dob_support(ctx) is not None:
        return None
    gaps = [_years_apart(query, listed) for listed in _dates(ctx.entry)]
    if min(gaps) <= 1:
        return None
    listed = ", ".join(str(d) for d in _dates(ctx.entry))
    return FeatureResult(1.0, f"date of birth {query} is {min(gaps)} years from listed {listed}")


def nationality_match(ctx: Context) -> FeatureResult | None:
    """The nationality given is one the list gives."""
    code = ctx.query.nationality
    if code is not None and code in ctx.entry.nationalities:
        return FeatureResult(1.0, f"nationality {code} is listed")
    return None


def nationality_mismatch(ctx: Context) -> FeatureResult | None:
    """The list gives nationalities and the one given is none of them."""
    code = ctx.query.nationality
    if code is None or not ctx.entry.nationalities or code in ctx.entry.nationalities:
        return None
    return FeatureResult(1.0, f"nationality {code}, listed {', '.join(ctx.entry.nationalities)}")


def gender_mismatch(ctx: Context) -> FeatureResult | None:
    """The list gives a gender and the one given differs."""
    gender = ctx.query.gender
    if gender is None or ctx.entry.gender is None or gender == ctx.entry.gender:
        return None
    return FeatureResult(1.0, f"gender {gender}, listed {ctx.entry.gender}")


def document_exact(ctx: Context) -> FeatureResult | None:
    """The document number given is one the list gives (and the issuing country agrees or is
    unknown on either side)."""
    number = ctx.query.document_number
    if number is None:
        return None
    for document in ctx.entry.documents:
        if document.normalized_number == number and _same_country(ctx, document.country):
            where = f" ({document.country})" if document.country else ""
            return FeatureResult(1.0, f"document number {number} is listed {document.type}{where}")
    return None


def document_ocr_confused(ctx: Context) -> FeatureResult | None:
    """The document number given differs from a listed one only by characters OCR confuses
    (0/O, 1/I, 8/B, 5/S, 2/Z, 6/G)."""
    number = ctx.query.document_number
    if number is None or document_exact(ctx) is not None:
        return None
    key = confusion_key(number)
    for document in ctx.entry.documents:
        listed = document.normalized_number
        if listed and confusion_key(listed) == key and _same_country(ctx, document.country):
            pairs = ", ".join(
                f"{describe_confusion(a, b)} at {pos}" for pos, a, b in confusions(number, listed)
            )
            return FeatureResult(
                0.8, f"document number {number} is listed {listed} read with {pairs}"
            )
    return None


def _same_country(ctx: Context, listed: str | None) -> bool:
    given = ctx.query.document_country
    return given is None or listed is None or given == listed


FEATURES: tuple[Feature, ...] = (
    Feature(name_similarity, weight=1.0),
    Feature(weak_alias, weight=-0.10),
    Feature(dob_exact, weight=0.10, reads_name=False),
    Feature(dob_within_listed, weight=0.05, reads_name=False),
    Feature(dob_day_month_swapped, weight=0.05, reads_name=False),
    Feature(dob_one_year_off, weight=0.0, reads_name=False),
    Feature(dob_mismatch, weight=-0.30, reads_name=False),
    Feature(nationality_match, weight=0.04, reads_name=False),
    Feature(nationality_mismatch, weight=-0.12, reads_name=False),
    Feature(gender_mismatch, weight=-0.20, reads_name=False),
    Feature(document_exact, weight=0.40, reads_name=False),
    Feature(document_ocr_confused, weight=0.30, reads_name=False),
)
