"""Part pairs in compiled code: the spelling measures and the similarity of two Latin parts.

The kernels here read a part as a record of the flat int32 array that
:class:`borderpost.screening.comparison.NameTable` fills (the ``I_*`` columns: where its code
points are, its length, its equivalence classes, its Metaphone key...), and compute what
:mod:`borderpost.names.similarity` computes in Python, to the bit:

- :func:`osa_distance` and :func:`jaro_winkler` as ``rapidfuzz`` computes them;
- :func:`latin_similarity`: ``part_similarity``'s score when neither part was written in an
  abjad or a syllabary (exact, equivalent, initial, spelling, one edit, phonetic);
- :func:`spelling_ceiling`: the dismissal bound of ``similar_enough``.

Pairs with a part from an abjad or a syllabary (skeletons, vowel keys, loose keys) are left
to Python.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from borderpost.screening.compiled import kernel

# A part's record (int32 columns from its offset)
I_TEXT = 0  # offset of its code points
I_LENGTH = 1  # number of code points
I_TEXT_ID = 2  # same text, same id (the text without how it reads)
I_FLAGS = 3  # 1: from an abjad, 2: from a syllabary
I_CLASSES = 4  # offset of its equivalence classes
I_CLASS_COUNT = 5
I_METAPHONE = 6  # id of its Metaphone key when 3 letters or more, else -1
I_COLUMNS = 7

# the evidence of borderpost.names.similarity that a pair of Latin spellings can have (a
# test checks these against the names package)
EXACT = 1.0
EQUIVALENT = 0.95
INITIAL = 0.80
ONE_EDIT = 0.76
KNOWN_APART = 0.70
MIN_TYPO_LENGTH = 3
MIN_METAPHONE = 3
WINKLER_PREFIX = 4
WINKLER_WEIGHT = 0.1
WINKLER_FROM = 0.7


@kernel
def work_room(la: int, lb: int) -> int:
    """The length of the ``work`` array :func:`osa_distance` and :func:`jaro_winkler` need
    for texts of these lengths."""
    return 3 * (max(la, lb) + 1) + la + lb


@kernel
def osa_distance(
    ints: npt.NDArray[np.int32], a: int, la: int, b: int, lb: int, work: npt.NDArray[np.int64]
) -> int:
    """Optimal-string-alignment distance of the texts at ``a`` and ``b`` (code points of
    ``ints``; a transposition of adjacent letters is one edit), as
    ``rapidfuzz.distance.OSA.distance``. ``work``: scratch of :func:`work_room` values."""
    if la == 0:
        return lb
    if lb == 0:
        return la
    width = lb + 1
    before = 0  # the row before the previous one, the previous one, the current one
    previous = width
    current = 2 * width
    for j in range(width):
        work[previous + j] = j
    for i in range(1, la + 1):
        work[current] = i
        ca = ints[a + i - 1]
        for j in range(1, width):
            cb = ints[b + j - 1]
            best = work[previous + j - 1] + (0 if ca == cb else 1)
            if work[previous + j] + 1 < best:
                best = work[previous + j] + 1
            if work[current + j - 1] + 1 < best:
                best = work[current + j - 1] + 1
            if (
                i > 1
                and j > 1
                and ca == ints[b + j - 2]
                and ints[a + i - 2] == cb
                and work[before + j - 2] + 1 < best
            ):
                best = work[before + j - 2] + 1
            work[current + j] = best
        before, previous, current = previous, current, before
    return int(work[previous + lb])


@kernel
def jaro_winkler(
    ints: npt.NDArray[np.int32], a: int, la: int, b: int, lb: int, work: npt.NDArray[np.int64]
) -> float:
    """Jaro-Winkler similarity of the texts at ``a`` and ``b`` (prefix weight 0.1 over at
    most 4 letters, applied above 0.7), as ``rapidfuzz.distance.JaroWinkler
    .normalized_similarity`` computes it, to the bit. ``work``: scratch of
    :func:`work_room` values."""
    if la == 0 or lb == 0:
        return 1.0 if la == lb else 0.0
    window = (la if la > lb else lb) // 2 - 1
    if window < 0:
        window = 0
    taken_b = la  # work[:la]: letters of a matched; work[la:la + lb]: of b
    for k in range(la + lb):
        work[k] = 0
    common = 0
    for i in range(la):
        low = i - window if i > window else 0
        high = i + window + 1 if i + window + 1 < lb else lb
        for j in range(low, high):
            if not work[taken_b + j] and ints[a + i] == ints[b + j]:
                work[i] = 1
                work[taken_b + j] = 1
                common += 1
                break
    if common == 0:
        return 0.0
    transpositions = 0
    k = 0
    for i in range(la):
        if work[i]:
            while not work[taken_b + k]:
                k += 1
            if ints[a + i] != ints[b + k]:
                transpositions += 1
            k += 1
    transpositions //= 2
    similarity = 0.0
    similarity += common / la
    similarity += common / lb
    similarity += (common - transpositions) / common
    similarity /= 3.0
    if similarity > WINKLER_FROM:
        prefix = 0
        longest_prefix = min(la, lb, WINKLER_PREFIX)
        while prefix < longest_prefix and ints[a + prefix] == ints[b + prefix]:
            prefix += 1
        similarity += prefix * WINKLER_WEIGHT * (1.0 - similarity)
    # rapidfuzz's normalized similarity is 1 - its normalized distance, 1 - the similarity
    return 1.0 - (1.0 - similarity)


@kernel
def _shared_class(ints: npt.NDArray[np.int32], a: int, b: int) -> bool:
    """Whether parts ``a`` and ``b`` (record offsets) share an equivalence class."""
    ca = ints[a + I_CLASSES]
    cb = ints[b + I_CLASSES]
    for x in range(ints[a + I_CLASS_COUNT]):
        for y in range(ints[b + I_CLASS_COUNT]):
            if ints[ca + x] == ints[cb + y]:
                return True
    return False


@kernel
def latin_similarity(
    ints: npt.NDArray[np.int32], a: int, b: int, work: npt.NDArray[np.int64]
) -> float:
    """``part_similarity``'s score for parts ``a`` and ``b`` (record offsets), neither of which
    was written in an abjad or a syllabary (exact, equivalent, initial, spelling, one edit,
    phonetic; known names of different classes capped). ``work``: scratch of
    :func:`work_room` values for the two texts."""
    if ints[a + I_TEXT_ID] == ints[b + I_TEXT_ID]:
        return EXACT
    if _shared_class(ints, a, b):
        return EQUIVALENT
    la = ints[a + I_LENGTH]
    lb = ints[b + I_LENGTH]
    ta = ints[a + I_TEXT]
    tb = ints[b + I_TEXT]
    if la == 1 or lb == 1:
        if la == 1 and lb > 1 and ints[tb] == ints[ta]:
            return INITIAL
        if lb == 1 and la > 1 and ints[ta] == ints[tb]:
            return INITIAL
        return 0.0
    distance = osa_distance(ints, ta, la, tb, lb, work)
    longest = la if la > lb else lb
    best = (jaro_winkler(ints, ta, la, tb, lb, work) + (1.0 - distance / longest)) / 2
    if min(la, lb) >= MIN_TYPO_LENGTH and distance == 1 and best < ONE_EDIT:
        best = ONE_EDIT
    metaphone = ints[a + I_METAPHONE]
    if metaphone >= 0 and metaphone == ints[b + I_METAPHONE]:
        raised = 0.5 + best / 2
        if raised > best:
            best = raised
    if ints[a + I_CLASS_COUNT] and ints[b + I_CLASS_COUNT] and best > KNOWN_APART:
        best = KNOWN_APART
    return best


@kernel
def spelling_ceiling(
    ints: npt.NDArray[np.int32], a: int, b: int, work: npt.NDArray[np.int64]
) -> float:
    """As ``similarity._ceiling``: a score the similarity of parts ``a`` and ``b`` (record
    offsets) surely does not exceed, from the spelling alone; 1.0 whenever other evidence
    could apply. ``work``: as for :func:`latin_similarity`."""
    la = ints[a + I_LENGTH]
    lb = ints[b + I_LENGTH]
    if (
        ints[a + I_TEXT_ID] == ints[b + I_TEXT_ID]
        or la < 2
        or lb < 2
        or ints[a + I_FLAGS] != 0
        or ints[b + I_FLAGS] != 0
    ):
        return 1.0
    if ints[a + I_METAPHONE] >= 0 and ints[a + I_METAPHONE] == ints[b + I_METAPHONE]:
        return 1.0
    if _shared_class(ints, a, b):
        return 1.0
    distance = osa_distance(ints, ints[a + I_TEXT], la, ints[b + I_TEXT], lb, work)
    if distance <= 1:
        return 1.0
    longest = la if la > lb else lb
    return (1.0 + (1.0 - distance / longest)) / 2
