"""Alignment: which part of one name goes with which part of the other.

A prepared name (:class:`borderpost.names.compare.NameKey`) offers *units*: its single parts
and runs of adjacent parts read as one word (ABDUL RAHMAN / ABDULRAHMAN). :func:`align`
pairs the units of two names greedily, best pair first, each part used once, in any order
(PUTIN, VLADIMIR ~ VLADIMIR PUTIN), and retries with each run of words placed first,
keeping the alignment that covers most. The rules of a pair:

- a run is never paired with a run, and a run only with a part of like length
  (:data:`MERGE_LENGTH_RATIO`: VLADIMIROVICH PUTIN is not VLADIMIROVICH);
- a particle pairs only with a particle (ALI is not AL), or with its own spelling;
- two parts align when their similarity
  (:func:`borderpost.names.similarity.similar_enough`) reaches :data:`PART_MATCH`, a run
  and a part when it reaches :data:`MERGE_MATCH`.

Most pairs a comparison could make were met before, most of them unlike: the pair cache of
:mod:`borderpost.names.similarity` is read inline, one dictionary look-up per pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from borderpost.names.similarity import (
    DISMISSAL_MARGIN,
    Evidence,
    PartKey,
    known_pair,
    similar_enough,
)

if TYPE_CHECKING:
    from borderpost.names.compare import NameKey

PART_MATCH = 0.72
MERGE_MATCH = 0.85
MERGE_LENGTH_RATIO = 0.75
_PARTICLE_WEIGHT = 0.2


@dataclass(slots=True, unsafe_hash=True)
class Unit:
    """A part, or a run of adjacent parts read as one word, that alignment can pair.

    Not frozen, but never changed once made: a traveller's name makes several, and a frozen
    dataclass is made several times slower (each field set through ``object.__setattr__``);
    a named tuple is made fast but its fields are read slower, and alignment reads them for
    every pair.

    Attributes:
        key: the prepared (possibly joined) part.
        start: index of its first part in the name.
        end: index after its last part.
        label: how it reads in a reason, e.g. ``"ABDUL RAHMAN"``.
    """

    key: PartKey
    start: int
    end: int
    label: str
    # worked out once when the name is prepared (comparison reads them for every pair)
    run: bool = False  # more than one part
    particle: bool = False  # a particle (pairs only with a particle, or itself)
    weight: float = 0.0  # the heaviest part's weight
    named: int = 0  # parts that are not particles
    # the parts it covers, one bit per part (bits ``start`` .. ``end - 1``)
    mask: int = field(default=0, repr=False, compare=False)


Pair = tuple[Unit, Unit, float, Evidence]
# (rank..., pair): the rank's last two items (the units' positions) tell any two apart, so
# sorting never compares the pairs themselves
_Scored = tuple[float, float, int, int, int, Pair]
# the aligned pairs, and the parts each side used (one bit per part, see ``Unit.mask``)
Alignment = tuple[list[Pair], int, int]


def _greedy(candidates: list[Pair], first: Pair | None) -> Alignment:
    used_left = used_right = 0
    pairs: list[Pair] = []
    for pair in ([first] if first is not None else []) + candidates:
        a, b = pair[0], pair[1]
        if a.mask & used_left or b.mask & used_right:
            continue
        used_left |= a.mask
        used_right |= b.mask
        pairs.append(pair)
    return pairs, used_left, used_right


def _coverage(alignment: Alignment) -> float:
    return sum(score * ((a.end - a.start) + (b.end - b.start)) for a, b, score, _e in alignment[0])


def align(left: NameKey, right: NameKey) -> Alignment:
    """Align the units of two names best pair first; then retry with each run of words
    placed first, and keep the alignment covering most parts (ABDALGHFAR must meet ABDUL
    GHAFAR before a lone ABDUL takes a later ABD)."""
    scored: list[_Scored] = []
    every, singles = right.numbered, right.numbered_singles
    for i, a in left.numbered:
        a_key, a_run, a_particle = a.key, a.run, a.particle
        a_text, a_ident = a_key.text, a_key.ident
        a_size = len(a_text)
        for j, b in singles if a_run else every:  # never a run against a run
            b_key = b.key
            b_text = b_key.text
            if a_particle is not b.particle and a_text != b_text:
                continue  # a particle pairs only with a particle (ALI is not AL), or itself
            merged = a_run or b.run
            if merged:  # a run and a word of like length only (VLADIMIROVICH PUTIN is not
                # VLADIMIROVICH: they agree only on a prefix); inline, ~15 per comparison
                b_size = len(b_text)
                if a_size < b_size:
                    if a_size < MERGE_LENGTH_RATIO * b_size:
                        continue
                elif b_size < MERGE_LENGTH_RATIO * a_size:
                    continue
            floor = MERGE_MATCH if merged else PART_MATCH
            # the pair as similar_enough would answer it, its cache read inline (most pairs
            # of a comparison were met before, most of them dismissed)
            known = known_pair((a_ident, b_key.ident))
            if isinstance(known, tuple):
                if known[0] < floor:
                    continue
                score, evidence = known
            elif known is not None and known < floor - DISMISSAL_MARGIN:
                continue
            else:
                found = similar_enough(a_key, b_key, floor)
                if found is None:
                    continue
                score, evidence = found
            # Pairs of real name parts first, particles (AL=AL) after them.
            named = float(a_key.weight > _PARTICLE_WEIGHT or merged)
            size = (a.end - a.start) + (b.end - b.start)
            scored.append((named, score, -size, -i, -j, (a, b, score, evidence)))
    if not scored:
        return [], 0, 0
    scored.sort(reverse=True)
    candidates = [item[5] for item in scored]
    best = _greedy(candidates, None)
    if len(best[0]) == len(candidates):
        return best  # every pair aligned: no other order covers more
    best_coverage = _coverage(best)
    for pair in candidates:
        if pair[0].run or pair[1].run:
            alternative = _greedy(candidates, pair)
            coverage = _coverage(alternative)
            if coverage > best_coverage + 1e-9:
                best, best_coverage = alternative, coverage
    return best
