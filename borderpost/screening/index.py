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
- ``t:<key>``: a short loose key (:data:`MIN_INDEXED_DELETION` letters up to
  :data:`MIN_DELETION_KEY`) that begins with a consonant, without that consonant. A
  consonant added or dropped before an initial vowel (PETER / ETER, AQSA / FAQSA) turns the
  key's first letter into the mark ``A`` of an initial vowel or back, which the deletions
  above meet only in longer keys: a query key beginning with a vowel looks for ``t:`` of
  its other letters, one beginning with a consonant for the same key with the vowel mark;
- ``p:<key>|<key>``: an unordered pair of two parts' loose keys (selective where single
  common parts are not: MOHAMMED ALI among thousands of MOHAMMEDs);
- ``q:<ab>|<cd>``: an unordered pair of two parts' first two letters (a typo past the
  second letter of a short part, KOY for KONY, still meets the name through the other
  part);
- ``r:<ab>|<cd>``: the same for two parts' last two letters (a slip in the first letters,
  ETER for PETER or COE for CHOE, changes a short part's keys and its first two letters
  but not its last two).

A part written twice (MOHAMED OMAR MOHAMED) pairs with itself: the pair of its keys is what
sets such a name apart from every other one holding the part once.

Adjacent parts written together (ABDUL RAHMAN / ABDULRAHMAN) get ``s:`` and ``c:`` keys of
their own. A query collects the postings of its keys; each part counts its rarity weight
for a name holding the same skeleton, :data:`COARSE` of it for the same loose key and
:data:`FUZZY` of it for a loose key one letter apart. Lists too common to help nominate
nothing: they only add to names already nominated (a binary search in a sorted array). The
best few names go to full scoring. Per name only its text and two small integers are kept,
so a million-entry list fits in memory.
"""

from __future__ import annotations

import itertools
import math
import operator
import sys
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from borderpost.names import coarse_skeleton, name_parts, skeleton
from borderpost.names.normalize import PartKind
from borderpost.screening.postings import IdArray, Postings

MIN_DELETION_KEY = 4
MIN_INDEXED_DELETION = 3
VOWEL_MARK = "A"  # what a loose key begins with for a part beginning with a vowel
COARSE = 0.75
FUZZY = 0.5
PREFIX_PAIR = 0.5
PART_COUNT_GAP = 0.02
SPELLING = 0.5
SHORTLIST = 320

COMMON_POSTINGS = 2000
MAX_KEYS_PER_NAME = 128

ValueArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PartKeys:
    """A name part's keys: loose consonant key, consonant skeleton, first and last two
    letters."""

    coarse: str
    fine: str
    prefix: str
    # not compared: a query's parts are told apart as before (two parts that differ only in
    # their last letters count once)
    suffix: str = field(compare=False)


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
            if _short(part.coarse) and part.coarse[0] != VOWEL_MARK:
                keys.add("t:" + part.coarse[1:])
        for part in self.joined:
            keys.update(("c:" + part.coarse, "s:" + part.fine))
        keys.update("p:" + pair for pair in _pairs(p.coarse for p in self.parts))
        keys.update("q:" + pair for pair in _pairs(p.prefix for p in self.parts))
        keys.update("r:" + pair for pair in _pairs(p.suffix for p in self.parts))
        if len(keys) <= MAX_KEYS_PER_NAME:
            return sorted(keys)
        # a name with very many parts keeps its most telling keys: parts before pairs
        return sorted(keys, key=_key_rank)[:MAX_KEYS_PER_NAME]


# The order in which a name with more than MAX_KEYS_PER_NAME keys keeps them.
_KEPT_FIRST = {"s": 0, "c": 1, "p": 2, "d": 3, "t": 4, "q": 5, "r": 6}


def _key_rank(key: str) -> tuple[int, str]:
    return _KEPT_FIRST[key[0]], key


def _keys(text: str) -> PartKeys:
    return PartKeys(coarse_skeleton(text) or text, skeleton(text) or text, text[:2], text[-2:])


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


def _short(key: str) -> bool:
    """Whether a key is too short for deletions on the query's side, long enough to be told
    apart by its letters after the first (see ``t:`` in the module docstring)."""
    return MIN_INDEXED_DELETION <= len(key) < MIN_DELETION_KEY


def _initial_slip(key: str) -> list[str]:
    """The keys a short query key meets with a consonant added or dropped before its initial
    vowel (see ``t:`` in the module docstring)."""
    if not _short(key):
        return []
    if key[0] == VOWEL_MARK:
        return ["t:" + key[1:]]
    return ["c:" + VOWEL_MARK + key[1:]]


def _deletions(key: str, shortest: int = MIN_DELETION_KEY) -> set[str]:
    if len(key) < shortest:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _pairs(keys: Iterable[str]) -> list[str]:
    """Unordered pairs of the keys of two different parts; a key two parts share pairs with
    itself (MOHAMED ... MOHAMED gives MT|MT)."""
    # each pair once (a repeated key gives its pairs twice), in an order fixed by the keys
    unique = dict.fromkeys(itertools.combinations(sorted(keys), 2))
    return [f"{a}|{b}" for a, b in unique]


class Candidate(NamedTuple):
    """A list name worth comparing (a tuple: hundreds are made per traveller)."""

    name_id: int
    entry: int
    name: str
    coverage: float  # share of the query's key weight the name holds (0 to 1)
    spelling: float = 0.0  # token-sorted spelling similarity of the Latin forms (0 to 1)


@dataclass(frozen=True, slots=True)
class _Source:
    """Postings that add ``value`` to every name they hold (once per part: see ``group``).

    ``members`` is the union of ``lists`` (sorted), kept for a source too common to nominate
    (it is then only asked which shortlisted names it holds)."""

    value: float
    lists: tuple[IdArray, ...]
    size: int
    members: IdArray | None = None


@dataclass(frozen=True, slots=True)
class _PartSources:
    """What one query part finds in the index, worked out once per part (cached): its rarity
    weight, its sources (same skeleton, same loose key, a loose key one letter apart) and the
    best value each name earns from those small enough to nominate (sorted ids, or None)."""

    weight: float
    sources: tuple[_Source, ...]
    nominated: tuple[IdArray, ValueArray] | None


_PART_CACHE_SIZE = 8192


class NameIndex:
    """An in-memory index from name keys to list names (see the module docstring)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        # the normalised, transliterated name with its parts sorted (for token-sorted spelling)
        self.spelling: list[str] = []
        self.owner = array("I")
        self.part_counts = array("B")
        self._postings = Postings()
        # by (loose key, skeleton): a part's first and last letters do not change its sources
        self._parts: dict[tuple[str, str], _PartSources] = {}
        self._scratch = threading.local()
        self._counts: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)

    def add(self, entry: int, names: Iterable[str]) -> None:
        """Index the names of entry number ``entry`` (entries in increasing order)."""
        for name in names:
            keys = name_keys(name)
            if not keys.parts:
                continue
            name_id = len(self.names)
            self.names.append(name)
            self.spelling.append(_sorted_words(keys.latin))
            self.owner.append(entry)
            self.part_counts.append(min(len(keys.parts), 255))
            for key in keys.index_keys():
                self._postings.append(key, name_id)

    def freeze(self) -> None:
        """Pack the postings (call once the index is built; no names can be added after)."""
        self._postings.freeze()
        self._counts = np.frombuffer(self.part_counts, dtype=np.uint8).astype(np.int64)
        self._parts.clear()

    def __len__(self) -> int:
        return len(self.names)

    @property
    def key_count(self) -> int:
        return len(self._postings)

    def _lists(self, *keys: str) -> tuple[IdArray, ...]:
        found = (self._postings.get(key) for key in keys)
        return tuple(ids for ids in found if ids is not None and len(ids))

    def _part(self, part: PartKeys) -> _PartSources:
        """A query part's sources and nominated names (cached per part)."""
        cached = self._parts.get((part.coarse, part.fine))
        if cached is not None:
            return cached
        total = max(len(self.names), 1)
        weight = math.log(1 + total / (1 + self._postings.size("c:" + part.coarse)))
        fuzzy = [f"{prefix}{d}" for d in _deletions(part.coarse) for prefix in ("d:", "c:")]
        if len(part.coarse) >= MIN_INDEXED_DELETION - 1:
            fuzzy.append("d:" + part.coarse)  # the listed part has one letter more
        sources = []
        for value, keys in (
            (weight, ["s:" + part.fine]),
            (COARSE * weight, ["c:" + part.coarse]),
            (FUZZY * weight, fuzzy),
            (FUZZY * weight, _initial_slip(part.coarse)),
        ):
            lists = self._lists(*keys)
            if not lists:
                continue
            size = sum(len(ids) for ids in lists)
            members = _union(lists) if size > COMMON_POSTINGS else None
            sources.append(_Source(value, lists, size, members))
        nominating = [s for s in sources if s.size <= COMMON_POSTINGS]
        found = _PartSources(weight, tuple(sources), _best(nominating) if nominating else None)
        if len(self._parts) >= _PART_CACHE_SIZE:
            self._parts.clear()  # bounded memory; common parts come back at once
        self._parts[part.coarse, part.fine] = found
        return found

    def _buffers(self) -> tuple[ValueArray, npt.NDArray[np.int64]]:
        """This thread's scratch arrays, one slot per name: score sums (all zero between
        queries) and first-seen positions."""
        scratch = self._scratch
        sums: ValueArray | None = getattr(scratch, "sums", None)
        if sums is None or len(sums) < len(self.names):
            scratch.sums = sums = np.zeros(len(self.names))
            scratch.seen = np.zeros(len(self.names), dtype=np.int64)
        seen: npt.NDArray[np.int64] = scratch.seen
        return sums, seen

    def candidates(self, name: str, *, limit: int = 40) -> list[Candidate]:
        """The list names most worth comparing with ``name``, best first.

        Sources small enough nominate names (each name counts the best value a part gives
        it); larger ones only add to the nominated shortlist; when no source is small
        enough, the smallest nominates. Ties go to names with as many parts as the query.
        """
        query = name_keys(name)
        if not query.parts:
            return []
        if len(self._counts) != len(self.names):
            self.freeze()
        groups = list(dict.fromkeys(query.parts + query.joined))
        found = [self._part(part) for part in groups]
        weights = [f.weight for part, f in zip(groups, found, strict=True) if part in query.parts]
        pair_weight = max(weights, default=1.0)
        top = sum(weights) + pair_weight * max(0, len(query.parts) - 1)
        # (group, source): group is the part's number, -1 for pairs (each pair list adds)
        sources = [(group, s) for group, f in enumerate(found) for s in f.sources]
        for value, keys in (
            (pair_weight, ["p:" + pair for pair in _pairs(k.coarse for k in query.parts)]),
            (
                PREFIX_PAIR * pair_weight,
                ["q:" + pair for pair in _pairs(k.prefix for k in query.parts)],
            ),
            (
                PREFIX_PAIR * pair_weight,
                ["r:" + pair for pair in _pairs(k.suffix for k in query.parts)],
            ),
        ):
            lists = self._lists(*keys)
            if lists:
                sources.append((-1, _Source(value, lists, sum(len(ids) for ids in lists))))
        if not sources:
            return []
        earned: dict[int, tuple[IdArray, ValueArray]] = {}
        if any(s.size <= COMMON_POSTINGS for _g, s in sources):
            nominating = [(g, s) for g, s in sources if s.size <= COMMON_POSTINGS]
            for group, f in enumerate(found):
                if f.nominated is not None:
                    earned[group] = f.nominated
        else:  # nothing small enough: the smallest source nominates
            nominating = [min(sources, key=lambda item: item[1].size)]
            group, source = nominating[0]
            if group >= 0:
                earned[group] = _best([source])
        chosen = {id(source) for _group, source in nominating}
        rest = [item for item in sources if id(item[1]) not in chosen]
        # Per part, the best value each name earns; pairs add up (each is evidence of its
        # own). Summed in this thread's dense scratch array (every list holds an id once).
        pieces = [ids for ids, _values in earned.values()]
        sums, seen = self._buffers()
        for ids, values in earned.values():
            sums[ids] += values
        for group, source in nominating:
            if group < 0:
                for ids in source.lists:
                    sums[ids] += source.value
                    pieces.append(ids)
        every = np.concatenate(pieces) if len(pieces) > 1 else pieces[0]
        seen[every] = np.arange(len(every))
        named = every[seen[every] == np.arange(len(every))]  # each name once
        scores = sums[named]
        sums[named] = 0.0
        short, short_scores = _best_first(named, scores, max(limit * 8, SHORTLIST))
        # Sources too common to nominate only add to the shortlist: per part, a name's
        # value rises to the source's when the source holds it and gives more.
        raised: dict[int, ValueArray] = {}
        for group, source in sorted(rest, key=lambda item: -item[1].value):
            if source.members is not None:
                held = _holds(source.members, short)
            else:
                held = np.zeros(len(short), dtype=bool)
                for ids in source.lists:
                    held |= _holds(ids, short)
            if group < 0:
                short_scores = short_scores + np.where(held, source.value, 0.0)
                continue
            previous = raised.get(group)
            if previous is None:
                previous = _lookup(*earned.get(group, (_NONE, _NO_VALUES)), short)
            gains = held & (source.value > previous)
            short_scores = short_scores + np.where(gains, source.value - previous, 0.0)
            raised[group] = np.where(gains, source.value, previous)
        return self._ranked(query, short, short_scores, top, limit)

    def _ranked(
        self, query: NameKeys, short: IdArray, scores: ValueArray, top: float, limit: int
    ) -> list[Candidate]:
        """The shortlist ranked by key coverage, spelling and part count; the best ``limit``.

        Spelling adds at most :data:`SPELLING`: names that could not reach the ``limit``-th
        best rank even with a perfect spelling are left out before spellings are compared."""
        gap = PART_COUNT_GAP * np.abs(self._counts[short] - len(query.parts))
        if len(short) > limit:
            least = scores / top - gap  # the rank with no spelling similarity at all
            cut = np.partition(least, len(least) - limit)[len(least) - limit]
            hopeful = least + (SPELLING + 1e-9) >= cut
            short, scores, gap = short[hopeful], scores[hopeful], gap[hopeful]
        wanted = short.tolist()
        choices = (
            list(operator.itemgetter(*wanted)(self.spelling))
            if len(wanted) > 1
            else [self.spelling[name_id] for name_id in wanted]
        )
        # token_sort_ratio, with both sides' words sorted beforehand
        spelling = (
            process.cdist(
                [_sorted_words(query.latin)], choices, scorer=fuzz.ratio, dtype=np.float64
            )[0]
            / 100
        )
        rank = scores / top + SPELLING * spelling - gap
        chosen = np.lexsort((np.arange(len(short)), -rank))[:limit]
        owner, names = self.owner, self.names
        return [
            Candidate(name_id, owner[name_id], names[name_id], min(1.0, score / top), similarity)
            for name_id, score, similarity in zip(
                short[chosen].tolist(),
                scores[chosen].tolist(),
                spelling[chosen].tolist(),
                strict=True,
            )
        ]

    def memory_bytes(self) -> int:
        """An estimate of the index's own memory (postings, names, per-name arrays)."""
        total = self._postings.memory_bytes()
        for texts in (self.names, self.spelling):
            total += sum(sys.getsizeof(n) for n in texts) + sys.getsizeof(texts)
        arrays = (self.owner, self.part_counts)
        return total + sum(a.buffer_info()[1] * a.itemsize for a in arrays)


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


_NONE: IdArray = np.zeros(0, dtype=np.uint32)
_NO_VALUES: ValueArray = np.zeros(0, dtype=np.float64)


def _best_first(named: IdArray, scores: ValueArray, count: int) -> tuple[IdArray, ValueArray]:
    """The ``count`` best names, best first, ties to the lower id (the order the lists were
    indexed in): a partition finds the cut, only the names at or above it are sorted."""
    if len(named) > count:
        cut = np.partition(scores, len(scores) - count)[len(scores) - count]
        above = scores >= cut
        named, scores = named[above], scores[above]
    keep = np.lexsort((named, -scores))[:count]
    return named[keep], scores[keep]


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


def _union(lists: Sequence[IdArray]) -> IdArray:
    """The sorted ids in any of ``lists``."""
    if len(lists) == 1:
        return lists[0]
    union: IdArray = np.unique(np.concatenate(lists))
    return union


def _best(sources: Sequence[_Source]) -> tuple[IdArray, ValueArray]:
    """Each name's best value over ``sources`` (of one part): sorted unique ids, values."""
    lists = [(s.value, ids) for s in sources for ids in s.lists]
    if len(lists) == 1:  # one postings array: its ids are unique and sorted already
        value, ids = lists[0]
        return ids, np.full(len(ids), value)
    lists.sort(key=lambda item: -item[0])  # stable: the best value first
    every = np.concatenate([ids for _value, ids in lists])
    values = np.repeat(np.array([value for value, _ids in lists]), [len(i) for _v, i in lists])
    # a stable sort (return_index): an id's first occurrence carries its best value
    unique, first = np.unique(every, return_index=True)
    return unique, values[first]


def build(entries: Sequence[Iterable[str]]) -> NameIndex:
    """An index over the names of each entry (entry number = position in ``entries``)."""
    index = NameIndex()
    for number, names in enumerate(entries):
        index.add(number, names)
    index.freeze()
    return index
