"""The compiled whole-name comparison: one traveller's name against many list names in one call.

The kernel :func:`compare_names` does what :func:`borderpost.names.score_names` does for each
list name (the alignment of :mod:`borderpost.names.alignment` and the score of
:mod:`borderpost.names.compare`), step for step and in the same floating-point order, so the
scores are identical (``tests/screening/test_screening_comparison.py`` checks it on real list
names). It reads the names as rows of the arrays :class:`borderpost.screening.comparison.NameTable`
keeps, and part pairs from a compiled dictionary:

- a pair's full similarity ``s`` (0 to 1), worked out in Python
  (:func:`borderpost.names.similarity.part_similarity`: its evidence has many kinds);
- ``2 + c`` for a pair dismissed on its edit distance, ``c`` being the spelling ceiling
  (:func:`borderpost.names.similarity.similar_enough`'s dismissal, computed here);
- ``PENDING`` for a pair whose full similarity is wanted: the kernel lists it and gives no
  scores; the caller works the listed pairs out and calls again with them.

Column layouts are the ``_I_*``, ``_U_*``, ``_P_*`` and ``_N_*`` constants, shared with the
table that fills them.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from borderpost.screening.compiled import kernel

# identities (a part as comparison reads it): int32 columns
I_TEXT = 0  # offset of its code points in ``codes``
I_LENGTH = 1  # number of code points
I_TEXT_ID = 2  # same text, same id (the text without how it reads)
I_FLAGS = 3  # 1: abjad, 2: syllabic
I_CLASSES = 4  # offset of its equivalence classes in ``classes``
I_CLASS_COUNT = 5
I_METAPHONE = 6  # id of its Metaphone key when 3 letters or more, else -1
I_COLUMNS = 7
# units (a part, or a run of parts read as one word): int32 columns; float: the unit's weight
U_IDENT = 0
U_START = 1
U_END = 2
U_RUN = 3
U_PARTICLE = 4
U_NAMED = 5  # parts that are not particles
U_HEAVY = 6  # its key weighs more than a particle (pairs of real parts rank first)
U_COLUMNS = 7
# parts: int32 columns; float columns: weight, penalty when missing
P_INITIAL = 0
P_NAMED = 1
P_COLUMNS = 2
P_WEIGHT = 0
P_MISSING = 1
# names: int32 columns
N_UNITS = 0
N_UNIT_COUNT = 1
N_PARTS = 2
N_PART_COUNT = 3
N_NAMED = 4
N_COLUMNS = 5

PENDING = -1.0
DISMISSED = 2.0  # added to a dismissal's ceiling
MAX_PARTS = 62  # parts a name may have for the compiled comparison (a bit each)

# the constants of borderpost.names.alignment and compare, mirrored here (a test checks them)
PART_MATCH = 0.72
MERGE_MATCH = 0.85
MERGE_LENGTH_RATIO = 0.75
PARTICLE_WEIGHT = 0.2
DISMISSAL_MARGIN = 1e-9
CONFLICT_PENALTY = 1.5
PARTICLE_PENALTY = 0.05
ONE_PART_CAP = 0.7
INITIALS_ONLY_CAP = 0.5
UNDER_CAPS = 0.5
# the evidence of borderpost.names.similarity that a pair of Latin spellings can have
EXACT = 1.0
EQUIVALENT = 0.95
INITIAL = 0.80
ONE_EDIT = 0.76
KNOWN_APART = 0.70
MIN_TYPO_LENGTH = 3
WINKLER_PREFIX = 4
WINKLER_WEIGHT = 0.1
WINKLER_FROM = 0.7


@kernel
def osa_distance(codes: npt.NDArray[np.int32], a: int, la: int, b: int, lb: int) -> int:
    """Optimal-string-alignment distance of two texts of ``codes`` (a transposition of
    adjacent letters is one edit), as ``rapidfuzz.distance.OSA``."""
    if la == 0:
        return lb
    if lb == 0:
        return la
    width = lb + 1
    previous2 = np.empty(width, np.int64)
    previous = np.arange(width).astype(np.int64)
    current = np.empty(width, np.int64)
    for i in range(1, la + 1):
        current[0] = i
        ca = codes[a + i - 1]
        for j in range(1, lb + 1):
            cb = codes[b + j - 1]
            cost = 0 if ca == cb else 1
            best = previous[j - 1] + cost
            if previous[j] + 1 < best:
                best = previous[j] + 1
            if current[j - 1] + 1 < best:
                best = current[j - 1] + 1
            if (
                i > 1
                and j > 1
                and ca == codes[b + j - 2]
                and codes[a + i - 2] == cb
                and previous2[j - 2] + 1 < best
            ):
                best = previous2[j - 2] + 1
            current[j] = best
        previous2, previous, current = previous, current, previous2
    return int(previous[lb])


@kernel
def jaro_winkler(codes: npt.NDArray[np.int32], a: int, la: int, b: int, lb: int) -> float:
    """Jaro-Winkler similarity of two texts of ``codes`` (prefix weight 0.1 over at most 4
    letters, applied above 0.7), as ``rapidfuzz.distance.JaroWinkler.normalized_similarity``
    computes it, to the bit."""
    if la == 0 or lb == 0:
        return 0.0
    window = (la if la > lb else lb) // 2 - 1
    if window < 0:
        window = 0
    taken_a = np.zeros(la, np.bool_)
    taken_b = np.zeros(lb, np.bool_)
    common = 0
    for i in range(la):
        low = i - window if i > window else 0
        high = i + window + 1 if i + window + 1 < lb else lb
        for j in range(low, high):
            if not taken_b[j] and codes[a + i] == codes[b + j]:
                taken_a[i] = True
                taken_b[j] = True
                common += 1
                break
    if common == 0:
        return 0.0
    transpositions = 0
    k = 0
    for i in range(la):
        if taken_a[i]:
            while not taken_b[k]:
                k += 1
            if codes[a + i] != codes[b + k]:
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
        while prefix < longest_prefix and codes[a + prefix] == codes[b + prefix]:
            prefix += 1
        similarity += prefix * WINKLER_WEIGHT * (1.0 - similarity)
    # rapidfuzz's normalized similarity is 1 - its normalized distance, 1 - the similarity
    return 1.0 - (1.0 - similarity)


@kernel
def _shared_class(
    ident_info: npt.NDArray[np.int32], classes: npt.NDArray[np.int32], a: int, b: int
) -> bool:
    ca = ident_info[a, I_CLASSES]
    cb = ident_info[b, I_CLASSES]
    for x in range(ident_info[a, I_CLASS_COUNT]):
        for y in range(ident_info[b, I_CLASS_COUNT]):
            if classes[ca + x] == classes[cb + y]:
                return True
    return False


@kernel
def latin_similarity(
    ident_info: npt.NDArray[np.int32],
    codes: npt.NDArray[np.int32],
    classes: npt.NDArray[np.int32],
    a: int,
    b: int,
) -> float:
    """``borderpost.names.similarity.part_similarity``'s score for two parts neither of which
    was written in an abjad or a syllabary (exact, equivalent, initial, spelling, one edit,
    phonetic; known names of different classes capped)."""
    if ident_info[a, I_TEXT_ID] == ident_info[b, I_TEXT_ID]:
        return EXACT
    if _shared_class(ident_info, classes, a, b):
        return EQUIVALENT
    la = ident_info[a, I_LENGTH]
    lb = ident_info[b, I_LENGTH]
    ta = ident_info[a, I_TEXT]
    tb = ident_info[b, I_TEXT]
    if la == 1 or lb == 1:
        if la == 1 and lb > 1 and codes[tb] == codes[ta]:
            return INITIAL
        if lb == 1 and la > 1 and codes[ta] == codes[tb]:
            return INITIAL
        return 0.0
    distance = osa_distance(codes, ta, la, tb, lb)
    longest = la if la > lb else lb
    best = (jaro_winkler(codes, ta, la, tb, lb) + (1.0 - distance / longest)) / 2
    if min(la, lb) >= MIN_TYPO_LENGTH and distance == 1 and ONE_EDIT > best:
        best = ONE_EDIT
    metaphone = ident_info[a, I_METAPHONE]
    if metaphone >= 0 and metaphone == ident_info[b, I_METAPHONE]:
        raised = 0.5 + best / 2
        if raised > best:
            best = raised
    if ident_info[a, I_CLASS_COUNT] and ident_info[b, I_CLASS_COUNT] and best > KNOWN_APART:
        best = KNOWN_APART
    return best


@kernel
def _ceiling(
    ident_info: npt.NDArray[np.int32],
    codes: npt.NDArray[np.int32],
    classes: npt.NDArray[np.int32],
    a: int,
    b: int,
) -> float:
    """As ``borderpost.names.similarity._ceiling``: a score the pair's similarity surely does
    not exceed, from its spelling alone; 1.0 whenever other evidence could apply."""
    la = ident_info[a, I_LENGTH]
    lb = ident_info[b, I_LENGTH]
    if (
        ident_info[a, I_TEXT_ID] == ident_info[b, I_TEXT_ID]
        or la < 2
        or lb < 2
        or ident_info[a, I_FLAGS] != 0
        or ident_info[b, I_FLAGS] != 0
    ):
        return 1.0
    if ident_info[a, I_METAPHONE] >= 0 and ident_info[a, I_METAPHONE] == ident_info[b, I_METAPHONE]:
        return 1.0
    if _shared_class(ident_info, classes, a, b):
        return 1.0
    distance = osa_distance(codes, ident_info[a, I_TEXT], la, ident_info[b, I_TEXT], lb)
    if distance <= 1:
        return 1.0
    longest = la if la > lb else lb
    return (1.0 + (1.0 - distance / longest)) / 2


@kernel
def _greedy(
    order: npt.NDArray[np.int64],
    count: int,
    first: int,
    left_unit: npt.NDArray[np.int64],
    right_unit: npt.NDArray[np.int64],
    unit_i: npt.NDArray[np.int32],
    chosen: npt.NDArray[np.int64],
) -> tuple[int, int, int]:
    """Pairs taken best first, each part used once (``first``, a candidate index, before the
    rest when not -1); fills ``chosen`` and gives how many, and the parts each side used."""
    used_left = 0
    used_right = 0
    taken = 0
    for step in range(-1, count):
        if step == -1:
            if first < 0:
                continue
            c = first
        else:
            c = order[step]
        a = left_unit[c]
        b = right_unit[c]
        mask_a = ((1 << (unit_i[a, U_END] - unit_i[a, U_START])) - 1) << unit_i[a, U_START]
        mask_b = ((1 << (unit_i[b, U_END] - unit_i[b, U_START])) - 1) << unit_i[b, U_START]
        if mask_a & used_left or mask_b & used_right:
            continue
        used_left |= mask_a
        used_right |= mask_b
        chosen[taken] = c
        taken += 1
    return taken, used_left, used_right


@kernel
def _coverage(
    chosen: npt.NDArray[np.int64],
    taken: int,
    left_unit: npt.NDArray[np.int64],
    right_unit: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    unit_i: npt.NDArray[np.int32],
) -> float:
    total = 0.0
    for k in range(taken):
        c = chosen[k]
        a = left_unit[c]
        b = right_unit[c]
        size = (unit_i[a, U_END] - unit_i[a, U_START]) + (unit_i[b, U_END] - unit_i[b, U_START])
        total += scores[c] * size
    return total


@kernel
def _comes_before(
    c: int,
    d: int,
    heavy: npt.NDArray[np.float64],
    scores: npt.NDArray[np.float64],
    sizes: npt.NDArray[np.int64],
    left_index: npt.NDArray[np.int64],
    right_index: npt.NDArray[np.int64],
) -> bool:
    """Whether candidate ``c`` ranks before ``d``: real parts first, then the higher score,
    the fewer parts, the earlier unit of the left name, of the right name."""
    if heavy[c] != heavy[d]:
        return heavy[c] > heavy[d]
    if scores[c] != scores[d]:
        return scores[c] > scores[d]
    if sizes[c] != sizes[d]:
        return sizes[c] < sizes[d]
    if left_index[c] != left_index[d]:
        return left_index[c] < left_index[d]
    return right_index[c] < right_index[d]


@kernel
def _left_over_penalty(
    name: int,
    used: int,
    name_i: npt.NDArray[np.int32],
    part_i: npt.NDArray[np.int32],
    part_f: npt.NDArray[np.float64],
    named: npt.NDArray[np.int64],
) -> tuple[int, int]:
    """The name's parts not in ``used``: the named ones into ``named`` by weight, heaviest
    first (a stable sort, as Python's); returns how many named and how many particles."""
    offset = name_i[name, N_PARTS]
    count = 0
    particles = 0
    for p in range(name_i[name, N_PART_COUNT]):
        if used & (1 << p):
            continue
        row = offset + p
        if part_i[row, P_NAMED]:
            # insertion keeping equal weights in their order
            k = count
            while k > 0 and part_f[named[k - 1], P_WEIGHT] < part_f[row, P_WEIGHT]:
                named[k] = named[k - 1]
                k -= 1
            named[k] = row
            count += 1
        else:
            particles += 1
    return count, particles


@kernel
def compare_names(  # noqa: PLR0912, PLR0915 - one alignment and score, step for step
    query: int,
    names: npt.NDArray[np.int64],
    swapped: npt.NDArray[np.bool_],
    new_keys: npt.NDArray[np.int64],
    new_scores: npt.NDArray[np.float64],
    pairs: dict[int, float],
    ident_info: npt.NDArray[np.int32],
    codes: npt.NDArray[np.int32],
    classes: npt.NDArray[np.int32],
    name_i: npt.NDArray[np.int32],
    unit_i: npt.NDArray[np.int32],
    unit_f: npt.NDArray[np.float64],
    part_i: npt.NDArray[np.int32],
    part_f: npt.NDArray[np.float64],
    out: npt.NDArray[np.float64],
) -> npt.NDArray[np.int64]:
    """Score ``query`` (a name row) against each name row of ``names`` into ``out``.

    ``swapped[k]``: the list name comes first in the alignment (as ``score_names`` orders the
    two names). ``new_keys``/``new_scores`` are part pairs' full similarities to remember
    first. Returns the keys of the pairs whose full similarity is wanted (then ``out`` is not
    filled): call again with them.
    """
    for k in range(len(new_keys)):
        pairs[new_keys[k]] = new_scores[k]
    pending = np.empty(64, np.int64)
    waiting = 0
    capacity = 64
    for t in range(capacity):
        pending[t] = 0
    # candidate pairs of one comparison
    room = 16
    left_unit = np.empty(room, np.int64)
    right_unit = np.empty(room, np.int64)
    left_index = np.empty(room, np.int64)
    right_index = np.empty(room, np.int64)
    heavy = np.empty(room, np.float64)
    scores = np.empty(room, np.float64)
    sizes = np.empty(room, np.int64)
    order = np.empty(room, np.int64)
    best_chosen = np.empty(room, np.int64)
    trial = np.empty(room, np.int64)
    named_left = np.empty(MAX_PARTS + 1, np.int64)
    named_right = np.empty(MAX_PARTS + 1, np.int64)
    for n in range(len(names)):
        if swapped[n]:
            first, second = names[n], query
        else:
            first, second = query, names[n]
        first_units = name_i[first, N_UNITS]
        second_units = name_i[second, N_UNITS]
        count = 0
        for i in range(name_i[first, N_UNIT_COUNT]):
            a = first_units + i
            a_ident = unit_i[a, U_IDENT]
            a_run = unit_i[a, U_RUN]
            a_particle = unit_i[a, U_PARTICLE]
            a_size = ident_info[a_ident, I_LENGTH]
            for j in range(name_i[second, N_UNIT_COUNT]):
                b = second_units + j
                b_run = unit_i[b, U_RUN]
                if a_run and b_run:
                    continue  # never a run against a run
                b_ident = unit_i[b, U_IDENT]
                if (
                    a_particle != unit_i[b, U_PARTICLE]
                    and ident_info[a_ident, I_TEXT_ID] != ident_info[b_ident, I_TEXT_ID]
                ):
                    continue  # a particle pairs only with a particle, or itself
                merged = a_run or b_run
                if merged:
                    b_size = ident_info[b_ident, I_LENGTH]
                    if a_size < b_size:
                        if a_size < MERGE_LENGTH_RATIO * b_size:
                            continue
                    elif b_size < MERGE_LENGTH_RATIO * a_size:
                        continue
                floor = MERGE_MATCH if merged else PART_MATCH
                key = (np.int64(a_ident) << 32) | np.int64(b_ident)
                known = pairs.get(key, -2.0)
                if known == PENDING:
                    if waiting == capacity:
                        grown = np.empty(capacity * 2, np.int64)
                        grown[:capacity] = pending
                        pending = grown
                        capacity *= 2
                    pending[waiting] = key
                    waiting += 1
                    continue
                if known >= DISMISSED:
                    if known - DISMISSED < floor - DISMISSAL_MARGIN:
                        continue  # dismissed before on its spelling
                elif known == -2.0:  # never met: dismissed now on its spelling?
                    ceiling = _ceiling(ident_info, codes, classes, a_ident, b_ident)
                    if ceiling < floor - DISMISSAL_MARGIN:
                        pairs[key] = DISMISSED + ceiling
                        continue
                if (known >= DISMISSED or known == -2.0) and not (
                    ident_info[a_ident, I_FLAGS] or ident_info[b_ident, I_FLAGS]
                ):
                    known = latin_similarity(ident_info, codes, classes, a_ident, b_ident)
                    pairs[key] = known
                elif known >= DISMISSED or known == -2.0:  # its full similarity is wanted
                    pairs[key] = PENDING
                    if waiting == capacity:
                        grown = np.empty(capacity * 2, np.int64)
                        grown[:capacity] = pending
                        pending = grown
                        capacity *= 2
                    pending[waiting] = key
                    waiting += 1
                    continue
                if known < floor:
                    continue
                if waiting:
                    continue  # scores come on the next call
                if count == room:
                    room *= 2
                    left_unit = _grow(left_unit, room)
                    right_unit = _grow(right_unit, room)
                    left_index = _grow(left_index, room)
                    right_index = _grow(right_index, room)
                    sizes = _grow(sizes, room)
                    order = _grow(order, room)
                    best_chosen = _grow(best_chosen, room)
                    trial = _grow(trial, room)
                    heavy = _grow_float(heavy, room)
                    scores = _grow_float(scores, room)
                left_unit[count] = a
                right_unit[count] = b
                left_index[count] = i
                right_index[count] = j
                heavy[count] = 1.0 if (unit_i[a, U_HEAVY] or merged) else 0.0
                scores[count] = known
                sizes[count] = (unit_i[a, U_END] - unit_i[a, U_START]) + (
                    unit_i[b, U_END] - unit_i[b, U_START]
                )
                count += 1
        if waiting:
            continue
        out[n] = _score_alignment(
            first,
            second,
            count,
            left_unit,
            right_unit,
            left_index,
            right_index,
            heavy,
            scores,
            sizes,
            order,
            best_chosen,
            trial,
            named_left,
            named_right,
            name_i,
            unit_i,
            unit_f,
            part_i,
            part_f,
        )
    return pending[:waiting]


@kernel
def _grow(array: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int64]:
    grown = np.empty(size, np.int64)
    grown[: len(array)] = array
    return grown


@kernel
def _grow_float(array: npt.NDArray[np.float64], size: int) -> npt.NDArray[np.float64]:
    grown = np.empty(size, np.float64)
    grown[: len(array)] = array
    return grown


@kernel
def _score_alignment(  # noqa: PLR0913 - the arrays of one comparison
    first: int,
    second: int,
    count: int,
    left_unit: npt.NDArray[np.int64],
    right_unit: npt.NDArray[np.int64],
    left_index: npt.NDArray[np.int64],
    right_index: npt.NDArray[np.int64],
    heavy: npt.NDArray[np.float64],
    scores: npt.NDArray[np.float64],
    sizes: npt.NDArray[np.int64],
    order: npt.NDArray[np.int64],
    best_chosen: npt.NDArray[np.int64],
    trial: npt.NDArray[np.int64],
    named_left: npt.NDArray[np.int64],
    named_right: npt.NDArray[np.int64],
    name_i: npt.NDArray[np.int32],
    unit_i: npt.NDArray[np.int32],
    unit_f: npt.NDArray[np.float64],
    part_i: npt.NDArray[np.int32],
    part_f: npt.NDArray[np.float64],
) -> float:
    """Align (as ``borderpost.names.alignment.align``) and score (as ``compare._score``)."""
    used_first = 0
    used_second = 0
    taken = 0
    if count:
        for c in range(count):  # insertion sort, best first
            k = c
            while k > 0 and _comes_before(
                c, order[k - 1], heavy, scores, sizes, left_index, right_index
            ):
                order[k] = order[k - 1]
                k -= 1
            order[k] = c
        taken, used_first, used_second = _greedy(
            order, count, -1, left_unit, right_unit, unit_i, best_chosen
        )
        if taken != count:
            best_coverage = _coverage(best_chosen, taken, left_unit, right_unit, scores, unit_i)
            for step in range(count):
                c = order[step]
                if unit_i[left_unit[c], U_RUN] or unit_i[right_unit[c], U_RUN]:
                    tried, tried_first, tried_second = _greedy(
                        order, count, c, left_unit, right_unit, unit_i, trial
                    )
                    coverage = _coverage(trial, tried, left_unit, right_unit, scores, unit_i)
                    if coverage > best_coverage + 1e-9:
                        best_coverage = coverage
                        taken, used_first, used_second = tried, tried_first, tried_second
                        best_chosen[:tried] = trial[:tried]
    matched = 0.0
    total = 0.0
    for k in range(taken):
        c = best_chosen[k]
        weight = (unit_f[left_unit[c]] + unit_f[right_unit[c]]) / 2
        matched += weight * scores[c]
        total += weight
    rest_left, particles_left = _left_over_penalty(
        first, used_first, name_i, part_i, part_f, named_left
    )
    rest_right, particles_right = _left_over_penalty(
        second, used_second, name_i, part_i, part_f, named_right
    )
    if rest_left or rest_right or particles_left or particles_right:
        conflicts = min(rest_left, rest_right)
        for t in range(conflicts):
            total += (
                CONFLICT_PENALTY
                * (part_f[named_left[t], P_WEIGHT] + part_f[named_right[t], P_WEIGHT])
                / 2
            )
        for t in range(conflicts, rest_left):
            total += part_f[named_left[t], P_MISSING]
        for t in range(conflicts, rest_right):
            total += part_f[named_right[t], P_MISSING]
        for _particle in range(particles_left + particles_right):
            total += PARTICLE_PENALTY
    if total == 0.0:
        return 0.0
    score = matched / total
    if score <= UNDER_CAPS:
        return score
    covered = 0
    initials_only = True
    first_parts = name_i[first, N_PARTS]
    second_parts = name_i[second, N_PARTS]
    for k in range(taken):
        c = best_chosen[k]
        a = left_unit[c]
        b = right_unit[c]
        covered += max(unit_i[a, U_NAMED], unit_i[b, U_NAMED])
        if (
            initials_only
            and unit_i[a, U_NAMED]
            and unit_i[b, U_NAMED]
            and not part_i[first_parts + unit_i[a, U_START], P_INITIAL]
            and not part_i[second_parts + unit_i[b, U_START], P_INITIAL]
        ):
            initials_only = False
    if covered and initials_only and score > INITIALS_ONLY_CAP:
        return INITIALS_ONLY_CAP
    named = max(name_i[first, N_NAMED], name_i[second, N_NAMED])
    if covered <= 1 and named >= 2 and score > ONE_PART_CAP:
        return ONE_PART_CAP
    return score
