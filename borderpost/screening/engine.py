"""Screening: a traveller against watchlists and lost/stolen documents, hits with reasons.

``Screener(entries)`` builds the in-memory index once (per API worker, per CLI run);
``screen(query)`` retrieves candidates (:mod:`borderpost.screening.index`), scores the
traveller's name against each candidate's names in one compiled call
(:class:`borderpost.screening.comparison.NameTable`: the scores of
:func:`borderpost.names.score_names`, to the bit; the full explanation,
:func:`borderpost.names.compare`, is built only for the names that make hits), applies the
features of :data:`borderpost.screening.features.FEATURES` and returns the hits at or above
the threshold, best first. Every hit says which name matched which, and why.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from borderpost.names import NameComparison, foreign_readings, prepare
from borderpost.screening import features
from borderpost.screening.bound import EntryBounds
from borderpost.screening.comparison import NameTable
from borderpost.screening.compiled import kernel
from borderpost.screening.features import FEATURES, Context, Feature
from borderpost.screening.index import NameIndex, Shortlist, build
from borderpost.screening.lost_stolen import LostStolenHit, LostStolenIndex, LostStolenRecord
from borderpost.screening.model import ListEntry
from borderpost.screening.query import Query
from borderpost.screening.variants import name_variants

DEFAULT_THRESHOLD = 0.80
MIN_NAME_SCORE = 0.60
CANDIDATES = 40
# Candidates sharing less than this share of the best candidate's key coverage are not
# compared. On the labelled sets of bench/screening_quality.py this costs 0.1-0.3 points of
# recall (2 of 3,372 UN variants, 4 of 1,899 non-Latin queries) and saves about 40% of the
# comparisons, which dominate latency.
RELATIVE_COVERAGE = 0.4
# A candidate whose key coverage and spelling similarity add up to less than this is not
# compared. Measured on the labelled sets of bench/screening_quality.py (6,065 recalled
# queries, 3,000 clean travellers): it loses 1 recalled query (a Hebrew rendering) and cuts
# the comparisons per clean traveller from 35 to 23.
EVIDENCE_FLOOR = 0.8
# The names prepared (list names on first use, travellers' names) are long-lived objects like
# the index: once this many more have been prepared since the collector last froze what it
# tracks, the engine freezes again; every RESET_EVERY freezes it lets the collector walk
# everything once (see ``Screener._settle``).
FREEZE_EVERY = 1024
RESET_EVERY = 64
_SETTLE_CHECK = 31  # look at the count after every 32 screenings (a mask)
# What features that read the name see when the engine bounds a candidate's score before
# comparing names (they are not run on it: their best contribution is assumed instead).
_PERFECT = NameComparison("", "", 1.0, (), (), (), "")
# A total this far under the floor rounds (to 4 places) under it, whatever the summation order.
_ROUNDING = 1e-4


@dataclass(frozen=True, slots=True)
class Reason:
    """One feature's contribution to a score."""

    feature: str
    value: float
    weight: float
    detail: str

    @property
    def contribution(self) -> float:
        return self.value * self.weight

    def describe(self) -> str:
        sign = "+" if self.contribution >= 0 else ""
        return f"{self.detail} [{self.feature} {sign}{self.contribution:.2f}]"


@dataclass(frozen=True, slots=True)
class Hit:
    """A list entry the traveller may be, with the score and every reason for it."""

    list_name: str
    entry_id: str
    name: str
    matched_name: str
    query_name: str
    score: float
    reasons: tuple[Reason, ...]
    entry: ListEntry

    def to_dict(self) -> dict[str, object]:
        return {
            "list": self.list_name,
            "entry_id": self.entry_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "reasons": [reason.describe() for reason in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class ScreeningConfig:
    """The default threshold, per-list thresholds and the features with their weights."""

    threshold: float = DEFAULT_THRESHOLD
    list_thresholds: Mapping[str, float] = field(default_factory=dict)
    features: tuple[Feature, ...] = FEATURES
    candidates: int = CANDIDATES
    # Travellers are people: organisations, vessels and aircraft are screened elsewhere.
    kinds: frozenset[str] = frozenset({"person", "unknown"})

    def threshold_for(self, list_name: str) -> float:
        return self.list_thresholds.get(list_name, self.threshold)


@dataclass(frozen=True, slots=True)
class Screening:
    """Everything screening found for one traveller."""

    query: Query
    hits: tuple[Hit, ...]
    documents: tuple[LostStolenHit, ...] = ()


class Screener:
    """Screens travellers against the lists it was built from."""

    def __init__(
        self,
        entries: Iterable[ListEntry],
        *,
        lost_stolen: Iterable[LostStolenRecord] = (),
        config: ScreeningConfig | None = None,
    ) -> None:
        self.config = config or ScreeningConfig()
        self.entries: list[ListEntry] = [e for e in entries if e.kind in self.config.kinds]
        self.index: NameIndex = build([_screened_names(entry) for entry in self.entries])
        self.bounds = EntryBounds(self.entries, self.config.features)
        self.lost_stolen = LostStolenIndex(lost_stolen)
        self.table = NameTable()  # names as the compiled comparison reads them
        # what the name score weighs (a name short of perfect by d takes d times this from
        # the best total)
        self._name_weight = sum(
            f.weight for f in self.config.features if f.func is features.name_similarity
        )
        self._strong: dict[int, frozenset[str]] = {}  # id(entry) -> its strong names
        self._list_names = tuple(sorted({entry.list_name for entry in self.entries}))
        # The lowest threshold of any list: no hit of a screening over every list can score
        # below it (see ``ceiling``).
        self._lowest_threshold = min(
            (self.config.threshold_for(name) for name in self._list_names), default=0.0
        )
        # The index is millions of long-lived objects: keep the cyclic garbage collector from
        # walking them on every collection (measured: worst latency 510 ms -> 125 ms,
        # mean 3.5 -> 2.6 ms per traveller in bench/screening_speed.py).
        self._screened = 0
        self._freezes = 0
        self._freeze_all()

    def warm(self) -> int:
        """Prepare every list name for comparison (and work out which of each entry's names
        are strong) now rather than on first use (a server calls this once at start; it takes
        about 0.1 ms per name), then freezes them out of the garbage collector's sight like the
        index. Returns the names prepared."""
        for name in self.index.names:
            key = prepare(name)
            if self.table.has_room():  # a list of millions of names: those met come later
                self.table.add(key)
        self.table.settle()
        for entry in self.entries:
            self._strong_of(entry)
        # The prepared names are long-lived too: out of the collector's sight with the index.
        self._freeze_all()
        return len(self.index.names)

    def _freeze_all(self) -> None:
        """Collect, then freeze everything the collector tracks (see :meth:`_settle`)."""
        gc.collect()
        gc.freeze()
        self._prepared_at_freeze = prepare.cache_info().misses

    @property
    def list_names(self) -> tuple[str, ...]:
        return self._list_names

    def screen(
        self,
        query: Query,
        *,
        lists: Sequence[str] | None = None,
        threshold: float | None = None,
        limit: int = 10,
    ) -> Screening:
        """Hits for ``query`` at or above the threshold (the list's own, or ``threshold``)."""
        if threshold is not None:
            floor = threshold
        elif lists:
            floor = min((self.config.threshold_for(name) for name in lists), default=0.0)
        else:
            floor = self._lowest_threshold
        hits = self.score_candidates(query, lists=lists, floor=floor)
        kept = [
            hit
            for hit in hits
            if hit.score
            >= (threshold if threshold is not None else self.config.threshold_for(hit.list_name))
        ]
        documents: tuple[LostStolenHit, ...] = ()
        if query.document_number:
            documents = tuple(
                self.lost_stolen.lookup(query.document_number, query.document_country)
            )
        self._screened += 1
        if not self._screened & _SETTLE_CHECK:
            self._settle()
        return Screening(query, tuple(kept[:limit]), documents)

    def _settle(self) -> None:
        """Freeze what the cyclic garbage collector tracks once :data:`FREEZE_EVERY` names
        have been prepared since it last was.

        Names are prepared as they are first met (list names without :meth:`warm`, every
        traveller's) and kept in caches: long-lived objects, none in a reference cycle. Left
        in the collector's sight, each full collection walks all of them: on a fresh
        screener (2,000 list-name variants and clean travellers, as the cold run of
        ``bench/screening_speed.py``), collections took 30 % of the time, a full one 0.1 to
        0.25 s; frozen every 1,024 new names, no full collection ran and the mean fell from
        1.66 to 1.14 ms per traveller. A young collection first frees the cycles made
        lately. Objects alive at the moment (in a server, those of a request in flight) are
        frozen too: one that later falls into an unreachable cycle would stay in memory, so
        every :data:`RESET_EVERY` freezes the collector walks everything once (a pause of a
        fraction of a second, once per some 65,000 new names) and frees them.
        """
        prepared = prepare.cache_info().misses
        if prepared - self._prepared_at_freeze < FREEZE_EVERY:
            return
        self._freezes += 1
        if self._freezes % RESET_EVERY == 0:
            gc.unfreeze()
            self._freeze_all()
            return
        gc.collect(1)
        gc.freeze()
        self._prepared_at_freeze = prepared

    def score_candidates(
        self, query: Query, *, lists: Sequence[str] | None = None, floor: float | None = None
    ) -> list[Hit]:
        """Every candidate entry scored, best first.

        With ``floor``, only hits that may reach it are returned, and an entry whose best
        possible score is below it is not compared at all: the features that do not read
        the name (birth date, nationality, gender, documents) are bounded in bulk first
        (:class:`borderpost.screening.bound.EntryBounds`), the name counting as a perfect
        match. The bound is exact, so no hit at or above ``floor`` is lost; a clean
        traveller whose date of birth is years from every candidate's is cleared without a
        single name comparison. A candidate whose name scores too low for the floor, given
        the exact best of the rest, is not explained.
        """
        allowed = set(lists) if lists else None
        hits = self._score_name(query, query.name, allowed, floor)
        readings = foreign_readings(query.name)
        if readings:  # katakana: also as the foreign name it most likely writes
            kept = {(hit.list_name, hit.entry_id): hit for hit in hits}
            for reading in readings:
                for hit in self._score_name(query, reading, allowed, floor):
                    other = kept.get((hit.list_name, hit.entry_id))
                    if other is None or hit.score > other.score:
                        kept[(hit.list_name, hit.entry_id)] = _read_as(hit, reading)
            hits = list(kept.values())
            hits.sort(key=lambda hit: (-hit.score, hit.list_name, hit.entry_id))
        return hits

    def _score_name(
        self, query: Query, reading: str, allowed: set[str] | None, floor: float | None
    ) -> list[Hit]:
        """:meth:`score_candidates` for one reading of the traveller's name."""
        found = self.index.shortlist(reading, limit=self.config.candidates)
        if not len(found.name_ids):
            return []
        wanted = worth_comparing(found)
        if floor is not None:  # bounded in bulk below the floor (the exact ceiling is lower)
            wanted &= self.bounds.reachable(query, found.entries, floor)
        compared: list[tuple[int, str]] = []  # (entry, name) pairs whose names are compared
        names = self.index.names
        for name_id, number in zip(
            found.name_ids[wanted].tolist(), found.entries[wanted].tolist(), strict=True
        ):
            if allowed is not None and self.entries[number].list_name not in allowed:
                continue
            compared.append((number, names[name_id]))
        if not compared:
            return []
        query_key = prepare(reading)
        batch = self.table.score(query_key, [name for _number, name in compared])
        best: dict[int, tuple[float, int]] = {}  # entry -> its best score, the name's index
        for index, ((number, name), score) in enumerate(zip(compared, batch.scores, strict=True)):
            current = best.get(number)
            if current is None or score > current[0]:
                best[number] = (score, index)
            elif (
                score == current[0]
                and self._is_weak(self.entries[number], compared[current[1]][1])
                and not self._is_weak(self.entries[number], name)
            ):
                best[number] = (score, index)  # a tie: the strong name, not the weak alias
        hits = []
        for number, (score, index) in best.items():
            if score < MIN_NAME_SCORE:
                continue
            if floor is not None and (
                self._best_total(query, self.entries[number]) - self._name_weight * (1.0 - score)
                < floor - _ROUNDING
            ):
                continue  # under the floor whatever the rest: not worth explaining
            matched = compared[index][1]
            hits.append(self._hit(query, self.entries[number], batch.explain(index), matched))
        hits.sort(key=lambda hit: (-hit.score, hit.list_name, hit.entry_id))
        return hits

    def ceiling(self, query: Query, entry: ListEntry) -> float:
        """The best score ``entry`` could reach for ``query`` whatever the names: the exact
        contribution of every feature that does not read the name, plus the most each one
        that does could add."""
        # the same rounding as a hit's score, a hair up so that float summation order never
        # puts the ceiling under a score it bounds
        return round(min(1.0, max(0.0, self._best_total(query, entry) + 1e-9)), 4)

    def _best_total(self, query: Query, entry: ListEntry) -> float:
        """:meth:`ceiling` before it is kept within [0, 1] and rounded."""
        context = Context(query, entry, _PERFECT, entry.name)
        total = 0.0
        for feature in self.config.features:
            if feature.reads_name:
                total += max(0.0, feature.weight)
                continue
            if not feature.weight:
                continue  # it adds nothing, whatever it finds (a reason shown on hits only)
            result = feature.func(context)
            if result is not None:
                total += result.value * feature.weight
        return total

    def _is_weak(self, entry: ListEntry, name: str) -> bool:
        """Whether ``name`` comes only from weak aliases of the entry (not from a strong
        name)."""
        return name not in self._strong_of(entry)

    def _strong_of(self, entry: ListEntry) -> frozenset[str]:
        """The entry's strong names and their variants (worked out once per entry)."""
        strong = self._strong.get(id(entry))
        if strong is None:
            strong = self._strong[id(entry)] = _strong_names(entry)
        return strong

    def _hit(self, query: Query, entry: ListEntry, comparison: NameComparison, matched: str) -> Hit:
        context = Context(query, entry, comparison, matched, self._is_weak(entry, matched))
        reasons = []
        for feature in self.config.features:
            result = feature.func(context)
            if result is None:
                continue
            reasons.append(Reason(feature.name, result.value, feature.weight, result.detail))
        score = round(min(1.0, max(0.0, sum(r.contribution for r in reasons))), 4)
        return Hit(
            list_name=entry.list_name,
            entry_id=entry.entry_id,
            name=entry.name,
            matched_name=matched,
            query_name=query.name,
            score=score,
            reasons=tuple(reasons),
            entry=entry,
        )


def worth_comparing(found: Shortlist) -> npt.NDArray[np.bool_]:
    """Which names of a shortlist (best first) are compared with the traveller's: once a name
    shares too little of the query's keys (under :data:`RELATIVE_COVERAGE` of the best's), so
    do the rest; a name whose key coverage and spelling together fall under
    :data:`EVIDENCE_FLOOR` is skipped."""
    return _worth(found.coverage, found.spelling, EVIDENCE_FLOOR, RELATIVE_COVERAGE)


@kernel
def _worth(
    coverage: npt.NDArray[np.float64],
    spelling: npt.NDArray[np.float64],
    evidence_floor: float,
    relative: float,
) -> npt.NDArray[np.bool_]:
    wanted = np.empty(len(coverage), np.bool_)
    short = False
    for k in range(len(coverage)):
        short = short or coverage[k] < coverage[0] * relative
        wanted[k] = not short and coverage[k] + spelling[k] >= evidence_floor
    return wanted


def _screened_names(entry: ListEntry) -> list[str]:
    """Every name of the entry, with the names packed inside list fields split out."""
    names: dict[str, None] = {}
    for name in entry.names():
        for variant in name_variants(name):
            names.setdefault(variant, None)
    return list(names)


def _strong_names(entry: ListEntry) -> frozenset[str]:
    return frozenset(v for n in entry.names(weak=False) for v in name_variants(n))


def _read_as(hit: Hit, reading: str) -> Hit:
    """``hit``, found through the foreign reading of a katakana name, saying so."""
    reasons = tuple(
        replace(reason, detail=f"{reason.detail}; katakana read as a foreign name: {reading}")
        if reason.feature == features.name_similarity.__name__
        else reason
        for reason in hit.reasons
    )
    return replace(hit, reasons=reasons)
