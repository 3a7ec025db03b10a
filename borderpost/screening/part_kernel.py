"""Part pairs in compiled code: the spelling measures and the similarity of two Latin parts.

The kernels here read a part as a record of the flat int32 array that
:class:`borderpost.screening.comparison.NameTable` fills (the ``I_*`` columns: where its code
points are, its length, its equivalence classes, its Metaphone key...), and compute what
:mod:`borderpost.names.similarity` computes in Python, to the bit:

- :func:`osa_distance` and :func:`jaro_winkler` as ``rapidfuzz`` computes them;
- :func:`part_similarity`: ``part_similarity``'s score (exact, equivalent, initial,
  spelling, one edit, phonetic; and for a part from an abjad, the consonant skeletons and
  vowel keys; from a syllabary, the loose keys);
- :func:`spelling_ceiling`: the dismissal bound of ``similar_enough``.

The keys a part from an abjad or a syllabary is compared by (and those of a part it meets)
are worked out in Python (:mod:`borderpost.names.phonetic`) when first wanted, and written
as a key block (the ``K_*`` columns) that the part's record points to.
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
I_KEYS = 7  # offset of its key block, or -1 while not worked out
I_COLUMNS = 8
# A part's key block: where each key's code points are and how many; two vowel counts
K_SKELETON = 0
K_VOWEL_KEY = 2
K_SPLIT_SKELETON = 4  # empty unless the part reads a letter + H as two consonants
K_SPLIT_VOWEL_KEY = 6
K_COARSE = 8
K_LONG_VOWELS = 10  # vowel groups of two letters or more (Latin spellings)
K_WRITTEN_VOWELS = 11  # vowel letters after the first (abjad transliterations)
K_COLUMNS = 12

# the evidence of borderpost.names.similarity that a pair of Latin spellings can have (a
# test checks these against the names package)
EXACT = 1.0
EQUIVALENT = 0.95
INITIAL = 0.80
ONE_EDIT = 0.76
KNOWN_APART = 0.70
MIN_TYPO_LENGTH = 3
MIN_METAPHONE = 3
SKELETON = 0.92
SKELETON_CONFUSABLE = 0.86
SKELETON_NEAR = 0.80
SKELETON_NEAR_SHORT = 0.76
SKELETON_SHORT = 0.82
SOUND = 0.85
VOWEL_MISMATCH = 0.08
LONG_VOWEL = 0.05
MIN_COARSE = 3
MIN_NEAR = 3
MIN_VOWEL_SLACK = 6
CONFUSABLE_COST = 0.5
ABJAD = 1
SYLLABIC = 2
_VOWEL_CLASSES = (65, 73, 85)  # A, I, U: the vowels of a vowel key
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
def pair_score(
    ints: npt.NDArray[np.int32],
    a: int,
    b: int,
    work: npt.NDArray[np.int64],
    confusable: npt.NDArray[np.bool_],
) -> float:
    """``borderpost.names.part_similarity``'s score for parts ``a`` and ``b`` (record offsets;
    both with key blocks when either is from an abjad or a syllabary). ``work``: scratch of
    :func:`work_room` values for the two texts; ``confusable``: which class letters swap
    (:data:`borderpost.names.phonetic.CONFUSABLE_PAIRS`, by code point)."""
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
    known_apart = ints[a + I_CLASS_COUNT] > 0 and ints[b + I_CLASS_COUNT] > 0
    flags = ints[a + I_FLAGS] | ints[b + I_FLAGS]
    metaphone = ints[a + I_METAPHONE]
    if not flags & ABJAD and metaphone >= 0 and metaphone == ints[b + I_METAPHONE]:
        raised = 0.5 + best / 2
        if raised > best:
            best = raised
    if flags & ABJAD and not known_apart:
        vowel_blind = _skeleton_score(ints, a, b, work, confusable)
        if vowel_blind > best:
            best = vowel_blind
    if flags & SYLLABIC and best < SOUND:
        ka = ints[a + I_KEYS] + K_COARSE
        kb = ints[b + I_KEYS] + K_COARSE
        length = ints[ka + 1]
        if length >= MIN_COARSE and _same(ints, ints[ka], length, ints[kb], ints[kb + 1]):
            best = SOUND
    if known_apart and best > KNOWN_APART:
        best = KNOWN_APART
    return float(best)


@kernel
def _same(ints: npt.NDArray[np.int32], a: int, la: int, b: int, lb: int) -> bool:
    """Whether the texts at ``a`` and ``b`` are the same."""
    if la != lb:
        return False
    for k in range(la):  # noqa: SIM110 - numba compiles loops, not generators
        if ints[a + k] != ints[b + k]:
            return False
    return True


@kernel
def _skeleton_score(
    ints: npt.NDArray[np.int32],
    a: int,
    b: int,
    work: npt.NDArray[np.int64],
    confusable: npt.NDArray[np.bool_],
) -> float:
    """As ``similarity._skeleton_score``: the skeletons and vowel keys of the two parts, and
    each part's split reading (a letter + H as two consonants) against the other's plain."""
    ka = ints[a + I_KEYS]
    kb = ints[b + I_KEYS]
    score = _keys_score(ints, a, b, ka + K_SKELETON, ka + K_VOWEL_KEY, kb, work, confusable)
    for part, other in ((a, b), (b, a)):
        keys = ints[part + I_KEYS]
        if ints[keys + K_SPLIT_SKELETON + 1]:
            split = _keys_score(
                ints,
                part,
                other,
                keys + K_SPLIT_SKELETON,
                keys + K_SPLIT_VOWEL_KEY,
                ints[other + I_KEYS],
                work,
                confusable,
            )
            if split > score:
                score = split
    return score


@kernel
def _keys_score(
    ints: npt.NDArray[np.int32],
    left: int,
    right: int,
    left_skeleton: int,
    left_vowels: int,
    right_keys: int,
    work: npt.NDArray[np.int64],
    confusable: npt.NDArray[np.bool_],
) -> float:
    """As ``similarity._keys_score``: ``left_skeleton``/``left_vowels`` point at a key's
    (offset, length) in the left part's key block; the right part's plain keys are read."""
    ls, lsl = ints[left_skeleton], ints[left_skeleton + 1]
    rs, rsl = ints[right_keys + K_SKELETON], ints[right_keys + K_SKELETON + 1]
    if lsl == 0 or rsl == 0:
        return 0.0
    longest = max(lsl, rsl)
    if _same(ints, ls, lsl, rs, rsl):
        score = SKELETON if longest > 1 else SKELETON_SHORT
    elif abs(lsl - rsl) > 1:
        return 0.0  # two insertions apart at least: neither confusable nor near
    else:
        distance = skeleton_distance(ints, ls, lsl, rs, rsl, work, confusable)
        if distance <= CONFUSABLE_COST:
            return SKELETON_CONFUSABLE if longest >= MIN_NEAR else SKELETON_SHORT
        if distance <= 1 and longest >= MIN_NEAR:
            return SKELETON_NEAR if longest > MIN_NEAR else SKELETON_NEAR_SHORT
        return 0.0
    left_abjad = ints[left + I_FLAGS] & ABJAD
    if left_abjad and ints[right + I_FLAGS] & ABJAD:
        return score
    right_vowels = right_keys + K_VOWEL_KEY
    abjad_vowels, latin_vowels = (
        (left_vowels, right_vowels) if left_abjad else (right_vowels, left_vowels)
    )
    abjad, latin = (left, right) if left_abjad else (right, left)
    if not _vowels_fit(
        ints, ints[abjad_vowels], ints[abjad_vowels + 1], ints[latin_vowels], ints[latin_vowels + 1]
    ):
        score -= VOWEL_MISMATCH
    unexplained = (
        ints[ints[latin + I_KEYS] + K_LONG_VOWELS] - ints[ints[abjad + I_KEYS] + K_WRITTEN_VOWELS]
    )
    if unexplained > 0:
        score -= LONG_VOWEL * min(unexplained, 2)
    return score


@kernel
def _subsequence(ints: npt.NDArray[np.int32], a: int, la: int, skip: int, b: int, lb: int) -> bool:
    """Whether the letters of the text at ``a`` (without its letter ``skip``, unless -1)
    appear in order in the text at ``b``."""
    position = 0
    if position == skip:
        position += 1
    for k in range(lb):
        if position < la and ints[a + position] == ints[b + k]:
            position += 1
            if position == skip:
                position += 1
    return position >= la


@kernel
def _vowels_fit(ints: npt.NDArray[np.int32], a: int, la: int, b: int, lb: int) -> bool:
    """As ``similarity.vowels_fit``: the abjad vowel key at ``a`` fits the Latin one at ``b``
    (in order; one written vowel may be missing from a long enough key)."""
    if _subsequence(ints, a, la, -1, b, lb):
        return True
    if la < MIN_VOWEL_SLACK:
        return False
    for skip in range(1, la):
        letter = ints[a + skip]
        if letter in _VOWEL_CLASSES and _subsequence(ints, a, la, skip, b, lb):
            return True
    return False


@kernel
def skeleton_distance(
    ints: npt.NDArray[np.int32],
    a: int,
    la: int,
    b: int,
    lb: int,
    work: npt.NDArray[np.int64],
    confusable: npt.NDArray[np.bool_],
) -> float:
    """As ``phonetic.skeleton_distance``: edit distance of two skeletons where a swap of
    confusable classes costs :data:`CONFUSABLE_COST` (``work`` holds the rows, as halves)."""
    previous = 0
    current = lb + 1
    for j in range(lb + 1):
        work[previous + j] = 2 * j  # in halves: every cost is a multiple of 0.5
    for i in range(1, la + 1):
        work[current] = 2 * i
        ca = ints[a + i - 1]
        for j in range(1, lb + 1):
            cb = ints[b + j - 1]
            if ca == cb:
                swap = 0
            elif ca < 128 and cb < 128 and confusable[ca, cb]:
                swap = 1
            else:
                swap = 2
            best = work[previous + j] + 2
            if work[current + j - 1] + 2 < best:
                best = work[current + j - 1] + 2
            if work[previous + j - 1] + swap < best:
                best = work[previous + j - 1] + swap
            work[current + j] = best
        previous, current = current, previous
    return float(work[previous + lb]) / 2


@kernel
def spelling_ceiling(
    ints: npt.NDArray[np.int32], a: int, b: int, work: npt.NDArray[np.int64]
) -> float:
    """As ``similarity._ceiling``: a score the similarity of parts ``a`` and ``b`` (record
    offsets) surely does not exceed, from the spelling alone; 1.0 whenever other evidence
    could apply. ``work``: as for :func:`pair_score`."""
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
    return float((1.0 + (1.0 - distance / longest)) / 2)
