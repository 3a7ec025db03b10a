"""Candidate retrieval: which list names are worth a full comparison with a traveller's name.

Every list name (primary, aliases, original-script forms) is normalised and transliterated
(:func:`borderpost.names.name_parts`) and each part reduced to keys of falling precision.
The index keeps postings (sorted arrays of name ids) for

- ``s:<skeleton>``: a part's consonant skeleton (FAZLULLAH: FZL), the finest key;
- ``c:<key>``: a part's loose consonant key (FAZLULLAH: PSL, shared with VAZIR; MOHAMMED,
  MUHAMMAD and محمد share MT);
- ``d:<key>``: a loose key with one letter deleted (a typo in the part still meets its
  name), for keys of :data:`MIN_INDEXED_DELETION` letters or more (a query drops letters
  from its own keys only from :data:`MIN_DELETION_KEY` letters: shorter keys would meet
  everything);
- ``p:<key>|<key>``: an unordered pair of two parts' loose keys (selective where single
  common parts are not: MOHAMMED ALI among thousands of MOHAMMEDs);
- ``q:<ab>|<cd>``: an unordered pair of two parts' first two letters (a typo past the
  second letter of a short part, KOY for KONY, still meets the name through the other
  part).

Adjacent parts written together (ABDUL RAHMAN / ABDULRAHMAN) get ``s:`` and ``c:`` keys of
their own. A query collects the postings of its keys; each part counts its rarity weight
for a name holding the same skeleton, :data:`COARSE` of it for the same loose key and
:data:`FUZZY` of it for a loose key one letter apart. Lists too common to help nominate
nothing: they only add to names already nominated (a binary search in a sorted array). The
best few names go to full scoring. Per name only its text and two small integers are kept,
so a million-entry list fits in memory.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from borderpost.names import coarse_skeleton, name_parts, skeleton
from borderpost.names.normalize import PartKind

MIN_DELETION_KEY = 4
MIN_INDEXED_DELETION = 3
COARSE = 0.75
FUZZY = 0.5
PREFIX_PAIR = 0.5
PART_COUNT_GAP = 0.02
SPELLING = 0.5
SHORTLIST = 320
_SCORE = operator.itemgetter(1)  # a C-level key: the shortlist sorts thousands of items

COMMON_POSTINGS = 2000
MAX_KEYS_PER_NAME = 128

IdArray = npt.NDArray[np.uint32]
ValueArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PartKeys:
    """A name part's keys: loose consonant key, consonant skeleton, first two letters."""

    coarse: str
    fine: str
    prefix: str


@dataclass(frozen=True, slots=True)
class NameKeys:
    parts: tuple[PartKeys, ...]
    joined: tuple[PartKeys, ...]
    latin: str  # the normalised, transliterated name

    def index_keys(self) -> list[str]:
        keys: set[str] = set()
        for part in self.parts:
            keys.update(("c:" + part.coarse, "s:" + part.fine))
            keys.update("d:" + d for d in _deletions(part.coarse, MIN_INDEXED_DELETION))
        for part in self.joined:
            keys.update(("c:" + part.coarse, "s:" + part.fine))
        keys.update("p:" + pair for pair in _pairs(p.coarse for p in self.parts))
        keys.update("q:" + pair for pair in _pairs(p.prefix for p in self.parts))
        return sorted(keys)[:MAX_KEYS_PER_NAME]


def _keys(text: str) -> PartKeys:
    return PartKeys(coarse_skeleton(text) or text, skeleton(text) or text, text[:2])


def name_keys(name: str) -> NameKeys:
    """The keys of a name's parts (particles left out unless the name has nothing else)."""
    parts = name_parts(name)
    named = [p.text for p in parts if p.kind is not PartKind.PARTICLE] or [p.text for p in parts]
    texts = [p.text for p in parts]
    return NameKeys(
        tuple(_keys(text) for text in named if text),
        tuple(_keys(a + b) for a, b in itertools.pairwise(texts)),
        " ".join(texts),
    )


def _deletions(key: str, shortest: int = MIN_DELETION_KEY) -> set[str]:
    if len(key) < shortest:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _pairs(keys: Iterable[str]) -> list[str]:
    unique = sorted(set(keys))
    return [f"{a}|{b}" for i, a in enumerate(unique) for b in unique[i + 1 :]]


@dataclass(frozen=True, slots=True)
class Candidate:
    name_id: int
    entry: int
    name: str
    coverage: float  # share of the query's key weight the name holds (0 to 1)
    spelling: float = 0.0  # token-sorted spelling similarity of the Latin forms (0 to 1)


@dataclass(frozen=True, slots=True)
class _Source:
    """Postings that add ``value`` to every name they hold (once per ``group``: a part)."""

    group: int
    value: float
    lists: tuple[array[int], ...]

    @property
    def size(self) -> int:
        return sum(len(ids) for ids in self.lists)

    def holds(self, name_id: int) -> bool:
        return any(_contains(ids, name_id) for ids in self.lists)


class NameIndex:
    """An in-memory index from name keys to list names (see the module docstring)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.latin: list[str] = []
        self.owner = array("I")
        self.part_counts = array("B")
        self._postings: dict[str, array[int]] = defaultdict(lambda: array("I"))

    def add(self, entry: int, names: Iterable[str]) -> None:
        """Index the names of entry number ``entry`` (entries in increasing order)."""
        for name in names:
            keys = name_keys(name)
            if not keys.parts:
                continue
            name_id = len(self.names)
            self.names.append(name)
            self.latin.append(keys.latin)
            self.owner.append(entry)
            self.part_counts.append(min(len(keys.parts), 255))
            for key in keys.index_keys():
                self._postings[key].append(name_id)

    def freeze(self) -> None:
        """Stop creating postings on lookup (call once the index is built)."""
        self._postings = dict(self._postings)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def key_count(self) -> int:
        return len(self._postings)

    def _get(self, *keys: str) -> tuple[array[int], ...]:
        postings = self._postings
        return tuple(postings[key] for key in keys if key in postings)

    def _sources(self, query: NameKeys) -> tuple[list[_Source], float]:
        """Every postings source of the query with its value, and the best total a name
        can earn (to express coverage as a share)."""
        total = max(len(self.names), 1)
        sources: list[_Source] = []
        weights = []
        for group, part in enumerate(dict.fromkeys(query.parts + query.joined)):
            exact = self._postings.get("c:" + part.coarse)
            weight = math.log(1 + total / (1 + (len(exact) if exact is not None else 0)))
            if part in query.parts:
                weights.append(weight)
            sources.append(_Source(group, weight, self._get("s:" + part.fine)))
            sources.append(_Source(group, COARSE * weight, self._get("c:" + part.coarse)))
            fuzzy = [f"{prefix}{d}" for d in _deletions(part.coarse) for prefix in ("d:", "c:")]
            if len(part.coarse) >= MIN_INDEXED_DELETION - 1:
                fuzzy.append("d:" + part.coarse)  # the listed part has one letter more
            sources.append(_Source(group, FUZZY * weight, self._get(*fuzzy)))
        pair_weight = max(weights, default=1.0)
        coarse_pairs = ["p:" + pair for pair in _pairs(k.coarse for k in query.parts)]
        prefix_pairs = ["q:" + pair for pair in _pairs(k.prefix for k in query.parts)]
        sources.append(_Source(-1, pair_weight, self._get(*coarse_pairs)))
        sources.append(_Source(-1, PREFIX_PAIR * pair_weight, self._get(*prefix_pairs)))
        top = sum(weights) + pair_weight * max(0, len(query.parts) - 1)
        return [s for s in sources if s.lists], top

    def candidates(self, name: str, *, limit: int = 40) -> list[Candidate]:
        """The list names most worth comparing with ``name``, best first.

        Sources small enough nominate names (each name counts the best value a part gives
        it); larger ones only add to the nominated shortlist; when no source is small
        enough, the smallest nominates. Ties go to names with as many parts as the query.
        """
        query = name_keys(name)
        if not query.parts:
            return []
        sources, top = self._sources(query)
        if not sources:
            return []
        nominating = [s for s in sources if s.size <= COMMON_POSTINGS]
        if not nominating:
            nominating = [min(sources, key=lambda s: s.size)]
        rest = [s for s in sources if s not in nominating]
        # Per part, the best value each name earns; pairs add up (each is evidence of its
        # own). All in numpy over the postings themselves (zero-copy views of the arrays).
        earned = _best_per_group(nominating)
        pieces = [ids for ids, _best in earned.values()]
        values = [best for _ids, best in earned.values()]
        for source in nominating:
            if source.group < 0:
                for ids in source.lists:
                    pieces.append(_view(ids))
                    values.append(np.full(len(ids), source.value))
        named, where = np.unique(np.concatenate(pieces), return_inverse=True)
        scores = np.bincount(where, weights=np.concatenate(values), minlength=len(named))
        # best first; ties to the lower name id (the order the lists were indexed in)
        keep = np.lexsort((named, -scores))[: max(limit * 8, SHORTLIST)]
        short, short_scores = named[keep], scores[keep]
        # Sources too common to nominate only add to the shortlist: per part, a name's
        # value rises to the source's when the source holds it and gives more.
        raised: dict[int, ValueArray] = {}
        for source in sorted(rest, key=lambda s: -s.value):
            held = np.zeros(len(short), dtype=bool)
            for ids in source.lists:
                held |= _holds(_view(ids), short)
            if source.group < 0:
                short_scores = short_scores + np.where(held, source.value, 0.0)
                continue
            previous = raised.get(source.group)
            if previous is None:
                previous = _lookup(*earned.get(source.group, (_NONE, _NO_VALUES)), short)
            gains = held & (source.value > previous)
            short_scores = short_scores + np.where(gains, source.value - previous, 0.0)
            raised[source.group] = np.where(gains, source.value, previous)
        wanted = short.tolist()
        choices = (
            list(operator.itemgetter(*wanted)(self.latin))
            if len(wanted) > 1
            else [self.latin[name_id] for name_id in wanted]
        )
        spelling = (
            process.cdist([query.latin], choices, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
            / 100
        )
        counts = np.frombuffer(self.part_counts, dtype=np.uint8)[short].astype(np.int64)
        gap = PART_COUNT_GAP * np.abs(counts - len(query.parts))
        rank = short_scores / top + SPELLING * spelling - gap
        chosen = np.lexsort((np.arange(len(short)), -rank))[:limit]
        owner, names = self.owner, self.names
        return [
            Candidate(
                name_id,
                owner[name_id],
                names[name_id],
                min(1.0, score / top),
                similarity,
            )
            for name_id, score, similarity in zip(
                short[chosen].tolist(),
                short_scores[chosen].tolist(),
                spelling[chosen].tolist(),
                strict=True,
            )
        ]

    def memory_bytes(self) -> int:
        """An estimate of the index's own memory (postings arrays, names, keys)."""
        import sys

        total = sys.getsizeof(self._postings) + sum(
            sys.getsizeof(k) + x.buffer_info()[1] * x.itemsize + 64
            for k, x in self._postings.items()
        )
        for texts in (self.names, self.latin):
            total += sum(sys.getsizeof(n) for n in texts) + sys.getsizeof(texts)
        arrays = (self.owner, self.part_counts)
        return total + sum(a.buffer_info()[1] * a.itemsize for a in arrays)


def _contains(ids: array[int], name_id: int) -> bool:
    position = bisect.bisect_left(ids, name_id)
    return position < len(ids) and ids[position] == name_id


_NONE: IdArray = np.zeros(0, dtype=np.uint32)
_NO_VALUES: ValueArray = np.zeros(0, dtype=np.float64)


def _view(ids: array[int]) -> IdArray:
    """A postings array as numpy, without copying."""
    return np.frombuffer(ids, dtype=np.uint32)


def _holds(ids: IdArray, wanted: IdArray) -> BoolArray:
    """Which of ``wanted`` are in the sorted ``ids``."""
    if not len(ids):
        return np.zeros(len(wanted), dtype=bool)
    position = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    found: BoolArray = ids[position] == wanted
    return found


def _lookup(ids: IdArray, values: ValueArray, wanted: IdArray) -> ValueArray:
    """The value of each of ``wanted`` in (sorted ``ids``, ``values``), 0 where absent."""
    if not len(ids):
        return np.zeros(len(wanted))
    position = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    found: ValueArray = np.where(ids[position] == wanted, values[position], 0.0)
    return found


def _best_per_group(sources: Sequence[_Source]) -> dict[int, tuple[IdArray, ValueArray]]:
    """Per part (source group), each name's best value: sorted unique ids and their values."""
    parts: dict[int, list[tuple[float, array[int]]]] = {}
    for source in sources:
        if source.group >= 0:
            parts.setdefault(source.group, []).extend((source.value, p) for p in source.lists)
    best: dict[int, tuple[IdArray, ValueArray]] = {}
    for group, lists in parts.items():
        if len(lists) == 1:  # one postings array: its ids are unique and sorted already
            value, postings = lists[0]
            ids = _view(postings)
            best[group] = (ids, np.full(len(ids), value))
            continue
        lists.sort(key=lambda item: -item[0])  # stable: the best value first
        every = np.concatenate([_view(postings) for _value, postings in lists])
        values = np.repeat(
            np.array([value for value, _postings in lists]),
            [len(postings) for _value, postings in lists],
        )
        # a stable sort (return_index): an id's first occurrence carries its best value
        unique, first = np.unique(every, return_index=True)
        best[group] = (unique, values[first])
    return best


def build(entries: Sequence[Iterable[str]]) -> NameIndex:
    """An index over the names of each entry (entry number = position in ``entries``)."""
    index = NameIndex()
    for number, names in enumerate(entries):
        index.add(number, names)
    index.freeze()
    return index
