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
best few names go to full scoring. The counting, the cuts and the spelling re-rank run in
one compiled pass (:mod:`borderpost.screening.shortlist`, :mod:`borderpost.screening.spelling`);
this module gathers the query's sources. Per name only its text, its spelling as character
codes and two small integers are kept, so a million-entry list fits in memory.
"""

from __future__ import annotations

import itertools
import math
import sys
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from borderpost.names import coarse_skeleton, name_parts, skeleton
from borderpost.names.normalize import PartKind
from borderpost.screening.postings import Postings
from borderpost.screening.shortlist import nominate, rank, shortlist
from borderpost.screening.spelling import MAX_QUERY, Spellings

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


@lru_cache(maxsize=65536)
def _keys(text: str) -> PartKeys:
    """A part's keys (cached: a traveller's name parts are mostly ones met before)."""
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


class Shortlist(NamedTuple):
    """The names retrieval chose, best first, as parallel arrays."""

    name_ids: npt.NDArray[np.int64]
    entries: npt.NDArray[np.int64]  # the entry number each name belongs to
    coverage: ValueArray  # share of the query's key weight the name holds (0 to 1)
    spelling: ValueArray  # token-sorted spelling similarity of the Latin forms (0 to 1)


_NO_IDS: npt.NDArray[np.uint32] = np.zeros(0, dtype=np.uint32)
_NOTHING = Shortlist(
    np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
)


@dataclass(frozen=True, slots=True)
class _Source:
    """Postings lists (by slot) that add ``value`` to every name they hold (once per part:
    see :mod:`borderpost.screening.shortlist`); ``size`` is how many ids they hold."""

    value: float
    slots: tuple[int, ...]
    size: int


@dataclass(frozen=True, slots=True)
class _PartSources:
    """What one query part finds in the index, worked out once per part (cached): its rarity
    weight and its sources (same skeleton, same loose key, a loose key one letter apart)."""

    weight: float
    sources: tuple[_Source, ...]


_PART_CACHE_SIZE = 32768


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
        self._spellings = Spellings(())
        self._owners: npt.NDArray[np.uint32] = _NO_IDS

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
        """Pack the postings and spellings (call once the index is built; no names can be
        added after)."""
        self._postings.freeze()
        self._counts = np.frombuffer(self.part_counts, dtype=np.uint8).astype(np.int64)
        self._owners = np.frombuffer(self.owner, dtype=np.uint32) if self.owner else _NO_IDS
        self._spellings = Spellings(self.spelling)
        self._parts.clear()

    def __len__(self) -> int:
        return len(self.names)

    @property
    def key_count(self) -> int:
        return len(self._postings)

    def _source(self, value: float, keys: Iterable[str]) -> _Source | None:
        """The postings of ``keys`` (those the index has) as one source, or None."""
        slots, size = self._postings.find(keys)
        return _Source(value, slots, size) if size else None

    def _part(self, part: PartKeys) -> _PartSources:
        """A query part's weight and sources (cached per part)."""
        cached = self._parts.get((part.coarse, part.fine))
        if cached is not None:
            return cached
        total = max(len(self.names), 1)
        weight = math.log(1 + total / (1 + self._postings.size("c:" + part.coarse)))
        fuzzy = [f"{prefix}{d}" for d in _deletions(part.coarse) for prefix in ("d:", "c:")]
        if len(part.coarse) >= MIN_INDEXED_DELETION - 1:
            fuzzy.append("d:" + part.coarse)  # the listed part has one letter more
        sources = (
            self._source(value, keys)
            for value, keys in (
                (weight, ["s:" + part.fine]),
                (COARSE * weight, ["c:" + part.coarse]),
                (FUZZY * weight, fuzzy),
                (FUZZY * weight, _initial_slip(part.coarse)),
            )
        )
        found = _PartSources(weight, tuple(s for s in sources if s is not None))
        if len(self._parts) >= _PART_CACHE_SIZE:
            self._parts.clear()  # bounded memory; common parts come back at once
        self._parts[part.coarse, part.fine] = found
        return found

    def _buffers(self) -> tuple[ValueArray, ValueArray]:
        """This thread's scratch arrays, one slot per name, all zero between queries: a
        name's sum and best value side by side in memory (one cache line, not two: the
        names a query touches are scattered over the whole index)."""
        scratch = self._scratch
        pairs: ValueArray | None = getattr(scratch, "pairs", None)
        if pairs is None or len(pairs) < len(self.names):
            scratch.pairs = pairs = np.zeros((len(self.names), 2))
        return pairs[:, 0], pairs[:, 1]

    def candidates(self, name: str, *, limit: int = 40) -> list[Candidate]:
        """The list names most worth comparing with ``name``, best first (see
        :meth:`shortlist`)."""
        found = self.shortlist(name, limit=limit)
        names = self.names
        return [
            Candidate(name_id, entry, names[name_id], coverage, spelling)
            for name_id, entry, coverage, spelling in zip(
                found.name_ids.tolist(),
                found.entries.tolist(),
                found.coverage.tolist(),
                found.spelling.tolist(),
                strict=True,
            )
        ]

    def shortlist(self, name: str, *, limit: int = 40) -> Shortlist:
        """The list names most worth comparing with ``name``, best first, as arrays.

        Sources small enough nominate names (each name counts the best value a part gives
        it); larger ones only add to the nominated shortlist; when no source is small
        enough, the smallest nominates. Ties go to names with as many parts as the query.
        The counting is compiled (:func:`borderpost.screening.shortlist.nominate`).
        """
        query = name_keys(name)
        if not query.parts:
            return _NOTHING
        if len(self._counts) != len(self.names):
            self.freeze()
        groups = list(dict.fromkeys(query.parts + query.joined))
        found = [self._part(part) for part in groups]
        # the parts come first in ``groups`` (a joined pair equal to a part is that part)
        weights = [f.weight for f in found[: len(dict.fromkeys(query.parts))]]
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
            source = self._source(value, keys)
            if source is not None:
                sources.append((-1, source))
        if not sources:
            return _NOTHING
        nominates = [s.size <= COMMON_POSTINGS for _group, s in sources]
        if not any(nominates):  # nothing small enough: the smallest source nominates
            smallest = min(range(len(sources)), key=lambda k: sources[k][1].size)
            nominates[smallest] = True
        slots: list[int] = []
        owners: list[int] = []
        for k, (_group, s) in enumerate(sources):
            slots += s.slots
            owners += [k] * len(s.slots)
        lists = np.empty((len(slots), 2), dtype=np.int64)
        lists[:, 0] = slots
        lists[:, 1] = owners
        rows = np.empty((len(sources), 3), dtype=np.float64)
        rows[:, 0] = [s.value for _group, s in sources]
        rows[:, 1] = [group for group, _s in sources]
        rows[:, 2] = nominates
        shortlisted = max(limit * 8, SHORTLIST)
        params = np.array(
            (len(groups), len(query.parts), shortlisted, top, limit, SPELLING, PART_COUNT_GAP),
            dtype=np.float64,
        )
        sums, best = self._buffers()
        postings, spellings = self._postings, self._spellings
        arrays = (postings.ids, postings.starts, lists, rows, sums, best, self._counts, params)
        spelled = _sorted_words(query.latin)
        if len(spelled) <= MAX_QUERY:
            chosen, scores, spelling = shortlist(
                *arrays,
                spellings.encode(spelled),
                spellings.alphabet_size,
                spellings.codes,
                spellings.starts,
            )
        else:  # too long for the compiled spelling: rapidfuzz compares it
            short, short_scores, gaps = nominate(*arrays)
            short_spelling = spellings.ratios(spelled, short)
            order = rank(short, short_scores, gaps, short_spelling, params)
            chosen, scores, spelling = short[order], short_scores[order], short_spelling[order]
        coverage = np.minimum(scores / top, 1.0)
        return Shortlist(chosen, self._owners[chosen].astype(np.int64), coverage, spelling)

    def memory_bytes(self) -> int:
        """An estimate of the index's own memory (postings, names, per-name arrays)."""
        total = self._postings.memory_bytes()
        for texts in (self.names, self.spelling):
            total += sum(sys.getsizeof(n) for n in texts) + sys.getsizeof(texts)
        arrays = (self.owner, self.part_counts)
        spellings = self._spellings.codes.nbytes + self._spellings.starts.nbytes
        return total + spellings + sum(a.buffer_info()[1] * a.itemsize for a in arrays)


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def build(entries: Sequence[Iterable[str]]) -> NameIndex:
    """An index over the names of each entry (entry number = position in ``entries``)."""
    index = NameIndex()
    for number, names in enumerate(entries):
        index.add(number, names)
    index.freeze()
    return index
