"""Candidate retrieval: which list names are worth a full comparison with a traveller's name.

Every list name (primary, aliases, original-script forms) is normalised and transliterated
(:func:`borderpost.names.name_parts`) and each part reduced to its loose consonant key
(:func:`borderpost.names.coarse_skeleton`: MOHAMMED, MUHAMMAD and محمد share one). The index
keeps postings for

- ``c:<key>``: one part's key;
- ``d:<key>``: the key with one letter deleted (a typo in the part still meets its name);
- ``p:<key>|<key>``: an unordered pair of two parts' keys (selective where single common
  parts are not: MOHAMMED ALI among thousands of MOHAMMEDs).

A query collects the postings of its own keys, skips single keys too common to help when it
has rarer ones, ranks the names met by how much of the query they cover (rarer parts count
more) and returns the best few for full scoring. Nothing but ints is kept per name besides
its text, so a million-entry list fits in memory.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from borderpost.names import coarse_skeleton, name_parts
from borderpost.names.normalize import PartKind

MIN_DELETION_KEY = 3
COMMON_POSTINGS = 2000
MAX_KEYS_PER_NAME = 64


def _part_keys(name: str) -> tuple[list[str], list[str]]:
    """(keys of the name's parts, keys of adjacent parts written together)."""
    parts = name_parts(name)
    named = [p.text for p in parts if p.kind is not PartKind.PARTICLE] or [p.text for p in parts]
    keys = [coarse_skeleton(text) or text for text in named]
    texts = [p.text for p in parts]
    joined = [coarse_skeleton(a + b) for a, b in itertools.pairwise(texts)]
    return [k for k in keys if k], [k for k in joined if k]


def _deletions(key: str) -> set[str]:
    if len(key) < MIN_DELETION_KEY:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def name_keys(name: str) -> tuple[list[str], list[str]]:
    """(per-part keys, index keys) of a name."""
    parts, joined = _part_keys(name)
    keys: set[str] = set()
    for part in parts:
        keys.add("c:" + part)
        keys.update("d:" + d for d in _deletions(part))
    keys.update("c:" + j for j in joined)
    unique = sorted(set(parts))
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            keys.add(f"p:{a}|{b}")
    return parts + joined, sorted(keys)[:MAX_KEYS_PER_NAME]


@dataclass(frozen=True, slots=True)
class Candidate:
    name_id: int
    entry: int
    name: str
    coverage: float


class NameIndex:
    """An in-memory index from name keys to list names (see the module docstring)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.owner = array("I")
        self._postings: dict[str, array[int]] = defaultdict(lambda: array("I"))

    def add(self, entry: int, names: Iterable[str]) -> None:
        """Index the names of entry number ``entry``."""
        for name in names:
            _parts, keys = name_keys(name)
            if not keys:
                continue
            name_id = len(self.names)
            self.names.append(name)
            self.owner.append(entry)
            for key in keys:
                self._postings[key].append(name_id)

    def freeze(self) -> None:
        """Stop creating postings on lookup (call once the index is built)."""
        self._postings = dict(self._postings)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def key_count(self) -> int:
        return len(self._postings)

    def _lists(self, part: str) -> list[array[int]]:
        """Postings that may hold a name with this part: the same key, or one letter apart."""
        postings = self._postings
        found = [postings[k] for k in ("c:" + part, "d:" + part) if k in postings]
        for deletion in _deletions(part):
            for key in ("d:" + deletion, "c:" + deletion):
                if key in postings:
                    found.append(postings[key])
        return found

    def candidates(self, name: str, *, limit: int = 40) -> list[Candidate]:
        """The list names most worth comparing with ``name``, best first.

        Rare parts (and pairs of parts) nominate names; parts too common to nominate on
        their own only add to names already nominated, unless every part is common, when
        the least common one nominates.
        """
        parts, _keys = name_keys(name)
        if not parts:
            return []
        total = max(len(self.names), 1)
        postings = self._postings
        scored_parts: list[tuple[float, str, list[array[int]], int]] = []
        for part in dict.fromkeys(parts):
            lists = self._lists(part)
            size = sum(len(x) for x in lists)
            weight = math.log(1 + total / (1 + len(postings.get("c:" + part, ()))))
            scored_parts.append((weight, part, lists, size))
        nominating = [item for item in scored_parts if 0 < item[3] <= COMMON_POSTINGS]
        common = [item for item in scored_parts if item[3] > COMMON_POSTINGS]
        if not nominating and common:
            least = min(common, key=lambda item: item[3])
            nominating, common = [least], [c for c in common if c is not least]
        scores: dict[int, float] = defaultdict(float)
        for weight, _part, lists, _size in nominating:
            met: set[int] = set()
            for ids in lists:
                met.update(ids)
            for name_id in met:
                scores[name_id] += weight
        unique = sorted({p for _w, p, _l, _s in scored_parts})
        pair_weight = max((w for w, *_ in scored_parts), default=1.0)
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                for name_id in postings.get(f"p:{a}|{b}", ()):
                    scores[name_id] += pair_weight
        shortlist = heapq.nlargest(max(limit * 5, 200), scores.items(), key=_second)
        if common:
            # Common parts only add to the shortlisted names: postings are sorted by name id,
            # so membership is a binary search, not a set to build.
            boosted = dict(shortlist)
            for weight, _part, lists, _size in common:
                for name_id in boosted:
                    if any(_contains(ids, name_id) for ids in lists):
                        boosted[name_id] += weight
            shortlist = list(boosted.items())
        best = heapq.nlargest(limit, shortlist, key=_second)
        top = sum(w for w, *_ in scored_parts) + pair_weight * max(0, len(unique) - 1)
        return [
            Candidate(name_id, self.owner[name_id], self.names[name_id], score / top)
            for name_id, score in best
        ]

    def memory_bytes(self) -> int:
        """An estimate of the index's own memory (postings arrays, names, keys)."""
        import sys

        total = sys.getsizeof(self._postings) + sum(
            sys.getsizeof(k) + x.buffer_info()[1] * x.itemsize + 64
            for k, x in self._postings.items()
        )
        total += sum(sys.getsizeof(n) for n in self.names) + sys.getsizeof(self.names)
        return total + self.owner.buffer_info()[1] * self.owner.itemsize


def _second(item: tuple[int, float]) -> float:
    return item[1]


def _contains(ids: array[int], name_id: int) -> bool:
    position = bisect.bisect_left(ids, name_id)
    return position < len(ids) and ids[position] == name_id


def build(entries: Sequence[Iterable[str]]) -> NameIndex:
    """An index over the names of each entry (entry number = position in ``entries``)."""
    index = NameIndex()
    for number, names in enumerate(entries):
        index.add(number, names)
    index.freeze()
    return index
