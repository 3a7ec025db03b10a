"""An upper bound on many entries' scores at once, from what the traveller gave besides the name.

:meth:`borderpost.screening.engine.Screener.ceiling` works out one entry's best possible
score exactly, in Python, feature by feature. Retrieval nominates hundreds of names, so
:class:`EntryBounds` does the same sum for an array of entries in numpy, over facts about
every entry prepared once when the screener is built:

- the years any listed date of birth covers, as a bit mask (a traveller born more than a
  year from all of them is surely a ``dob_mismatch``; the features that support a date of
  birth cannot fire then);
- the listed nationalities (a traveller of none of them is surely a
  ``nationality_mismatch``);
- the listed gender, and whether the entry lists documents or dates at all.

A feature with a positive weight adds its weight wherever it *may* fire; one with a
negative weight subtracts it only where it *surely* fires with its full value. A feature
this module does not know adds ``max(0, weight)`` everywhere. So the bound is never below
the exact ceiling, whatever the configured weights, and an entry whose bound is below the
threshold cannot be a hit: skipping it before the names are compared (or even retrieved) is
lossless.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from borderpost.screening import features as f
from borderpost.screening.compiled import kernel
from borderpost.screening.features import Feature
from borderpost.screening.model import ListEntry
from borderpost.screening.query import Query

# Years of birth kept as bits: FIRST_YEAR .. FIRST_YEAR + 64 * WORDS - 1. An entry with a
# date outside is never bounded by its dates (it keeps the best the date features give).
FIRST_YEAR = 1800
WORDS = 4
LAST_YEAR = FIRST_YEAR + 64 * WORDS - 1
_WORD = (1 << 64) - 1
# Below the threshold by more than the rounding of a score (4 decimals), to be safe.
MARGIN = 1e-4

EntryArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ValueArray = npt.NDArray[np.float64]

_GENDERS = {"male": 1, "female": 2, "other": 3}
_DOB_SUPPORT = (f.dob_exact, f.dob_within_listed, f.dob_day_month_swapped, f.dob_one_year_off)
_DOCUMENTS = (f.document_exact, f.document_ocr_confused)


# What a feature's weight rides on in the bound: with a positive weight, where it *may* fire;
# with a negative one, where it *surely* fires (see the module docstring).
_ALWAYS = "always"
_DOB_SUPPORTED = "a listed date of birth within a year"
_DATES_LISTED = "dates of birth listed"
_FAR = "every listed date of birth more than a year off"
_SAME_NATIONALITY = "nationality listed"
_OTHER_NATIONALITY = "other nationalities listed"
_OTHER_GENDER = "another gender listed"
_DOCUMENTS_LISTED = "documents listed"
# the order :func:`_upper` adds them in
_CONDITIONS = (
    _ALWAYS,
    _DOB_SUPPORTED,
    _DATES_LISTED,
    _FAR,
    _SAME_NATIONALITY,
    _OTHER_NATIONALITY,
    _OTHER_GENDER,
    _DOCUMENTS_LISTED,
)
_NO_WINDOW = np.zeros(WORDS, dtype=np.uint64)


def _condition(feature: Feature) -> str | None:
    """The condition the feature's weight counts on in the bound (None: never counts)."""
    if feature.reads_name:
        return _ALWAYS if feature.weight > 0 else None
    func, adds = feature.func, feature.weight > 0
    if func in _DOB_SUPPORT:
        return _DOB_SUPPORTED if adds else None
    if func is f.dob_mismatch:
        return _DATES_LISTED if adds else _FAR
    if func is f.nationality_match:
        return _SAME_NATIONALITY if adds else None
    if func is f.nationality_mismatch:
        return _OTHER_NATIONALITY
    if func is f.gender_mismatch:
        return _OTHER_GENDER
    if func in _DOCUMENTS:
        return _DOCUMENTS_LISTED if adds else None
    return _ALWAYS if adds else None  # not known here: the most it could add, nothing taken


def _condition_weights(features: Sequence[Feature]) -> dict[str, float]:
    """The total weight riding on each condition (features with a zero weight left out)."""
    weights: dict[str, float] = defaultdict(float)
    for feature in features:
        condition = _condition(feature)
        if condition is not None and feature.weight != 0:
            weights[condition] += feature.weight
    return dict(weights)


def _year_bits(first: int, last: int) -> npt.NDArray[np.uint64]:
    """The mask of the years ``first..last`` (clipped to the kept range)."""
    low, high = max(first, FIRST_YEAR), min(last, LAST_YEAR)
    bits = ((1 << (high - low + 1)) - 1) << (low - FIRST_YEAR) if low <= high else 0
    return np.array([(bits >> (64 * word)) & _WORD for word in range(WORDS)], dtype=np.uint64)


class EntryBounds:
    """Per-entry facts for bounding scores in bulk (see the module docstring)."""

    def __init__(self, entries: Sequence[ListEntry], features: Sequence[Feature]) -> None:
        count = len(entries)
        self.features = tuple(features)
        self.years = np.zeros((count, WORDS), dtype=np.uint64)
        self.has_dates = np.zeros(count, dtype=bool)
        self.dates_kept = np.zeros(count, dtype=bool)  # every listed year is in the mask
        self.has_nationality = np.zeros(count, dtype=bool)
        self.has_documents = np.zeros(count, dtype=bool)
        self.gender = np.zeros(count, dtype=np.uint8)
        by_country: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(entries):
            if entry.birth_dates:
                self.has_dates[number] = True
                kept = True
                for listed in entry.birth_dates:
                    first, last = listed.earliest().year, listed.latest().year
                    kept = kept and first >= FIRST_YEAR and last <= LAST_YEAR
                    self.years[number] |= _year_bits(first, last)
                self.dates_kept[number] = kept
            if entry.nationalities:
                self.has_nationality[number] = True
                for code in set(entry.nationalities):
                    by_country[code].append(number)
            self.has_documents[number] = bool(entry.documents)
            self.gender[number] = _GENDERS.get(entry.gender or "", 0)
        # each entry's nationalities as small numbers (-1 pads), one row per entry
        self.country_codes = {code: number for number, code in enumerate(sorted(by_country))}
        widest = max((len(set(e.nationalities)) for e in entries), default=0)
        self.nationality = np.full((count, max(1, widest)), -1, dtype=np.int32)
        for code, numbers in by_country.items():
            rows = np.array(numbers, dtype=np.int64)
            column = (self.nationality[rows] >= 0).sum(axis=1)
            self.nationality[rows, column] = self.country_codes[code]
        weights = _condition_weights(self.features)
        self._weight_row = np.array([weights.get(c, 0.0) for c in _CONDITIONS])

    def upper(self, query: Query, entries: EntryArray) -> ValueArray:
        """For each entry number in ``entries``, a score it cannot exceed for ``query``
        (summed in a compiled loop: :func:`_upper`)."""
        window = _NO_WINDOW
        dob = 0  # 0: no date of birth given; 1: given, too early or late for the kept years
        if query.birth_date is not None:
            first = query.birth_date.earliest().year - 1
            last = query.birth_date.latest().year + 1
            dob = 1
            if first >= FIRST_YEAR and last <= LAST_YEAR:
                window, dob = _year_bits(first, last), 2
        code = -2  # no nationality given
        if query.nationality is not None:
            code = self.country_codes.get(query.nationality, -3)  # -3: none lists it
        return _upper(
            entries,
            self.years,
            self.has_dates,
            self.dates_kept,
            self.nationality,
            self.has_nationality,
            self.gender,
            self.has_documents,
            window,
            dob,
            code,
            _GENDERS.get(query.gender or "", 0),
            query.document_number is not None,
            self._weight_row,
        )

    def reachable(self, query: Query, entries: EntryArray, floor: float) -> BoolArray:
        """Which of ``entries`` could score ``floor`` or more for ``query``."""
        reach: BoolArray = self.upper(query, entries) + MARGIN >= floor
        return reach


@kernel
def _upper(
    entries: EntryArray,
    years: npt.NDArray[np.uint64],
    has_dates: BoolArray,
    dates_kept: BoolArray,
    nationality: npt.NDArray[np.int32],
    has_nationality: BoolArray,
    gender: npt.NDArray[np.uint8],
    has_documents: BoolArray,
    window: npt.NDArray[np.uint64],
    dob: int,
    code: int,
    query_gender: int,
    document_given: bool,
    weights: ValueArray,
) -> ValueArray:
    """Each entry's bound: the weight of every condition it may meet, added in the order of
    :data:`_CONDITIONS` (``dob``: 0 none given, 1 given outside the kept years, 2 ``window``
    holds the traveller's years ±1; ``code``: -2 no nationality given, -3 one no entry lists)."""
    total = np.empty(len(entries), dtype=np.float64)
    for t in range(len(entries)):
        entry = entries[t]
        value = weights[0]
        if dob:
            far = False
            if dob == 2 and has_dates[entry] and dates_kept[entry]:
                far = True
                for word in range(len(window)):
                    if years[entry, word] & window[word]:
                        far = False
            listed = has_dates[entry]
            value += weights[1] if listed and not far else 0.0
            value += weights[2] if listed else 0.0
            value += weights[3] if far else 0.0
        if code != -2:
            same = False
            if code >= 0:
                for column in range(nationality.shape[1]):
                    if nationality[entry, column] == code:
                        same = True
                value += weights[4] if same else 0.0
            value += weights[5] if has_nationality[entry] and not same else 0.0
        if query_gender:
            listed_gender = gender[entry]
            value += weights[6] if listed_gender != 0 and listed_gender != query_gender else 0.0
        if document_given:
            value += weights[7] if has_documents[entry] else 0.0
        total[t] = value
    return total
