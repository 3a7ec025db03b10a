"""The compiled whole-name comparison: one traveller's name against many list names in one call.

:func:`compare_names` does for each list name what :func:`borderpost.names.score_names`
does (the order of the two names, the alignment of :mod:`borderpost.names.alignment`, the
score of :mod:`borderpost.names.compare`), step for step and in the same floating-point
order, so the scores are identical (``tests/screening/test_screening_comparison.py`` checks
it). Names and their parts are records of the flat arrays that
:class:`borderpost.screening.comparison.NameTable` fills (the ``U_*``, ``P_*`` and ``N_*``
columns here, ``I_*`` in :mod:`borderpost.screening.part_kernel`). What is known of a part
pair is remembered (:mod:`borderpost.screening.pair_memory`), keyed by the two parts' record
offsets:

- a pair's full similarity ``s`` (0 to 1);
- ``DISMISSED + c`` for a pair dismissed on its edit distance, ``c`` being the ceiling
  (:func:`borderpost.names.similarity.similar_enough`'s dismissal).

A pair with a part from an abjad or a syllabary needs both parts' keys; when one has none
written yet, the kernel lists the pair and gives no score for its name (NaN): the caller
writes the keys and calls again for those names.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from borderpost.screening.compiled import kernel
from borderpost.screening.pair_memory import FREE, recall, remember, shift_of
from borderpost.screening.part_kernel import (
    I_FLAGS,
    I_KEYS,
    I_LENGTH,
    I_TEXT_ID,
    pair_score,
    spelling_ceiling,
    work_room,
)

# A unit's record (a part, or a run of parts read as one word): int32 columns
U_PART = 0  # offset of its part's record (the joined part, for a run)
U_START = 1  # index of its first part in the name
U_END = 2  # index after its last part
U_RUN = 3
U_PARTICLE = 4
U_NAMED = 5  # parts that are not particles
U_HEAVY = 6  # its part weighs more than a particle (pairs of real parts rank first)
U_WEIGHT = 7  # index in the float array of its weight (its heaviest part's)
U_COLUMNS = 8
# A part's record as it counts when left over: int32 columns; floats: weight, cost if missing
P_INITIAL = 0
P_NAMED = 1
P_FLOATS = 2  # index in the float array of its weight; its cost when missing follows
P_COLUMNS = 3
# A name's record
N_UNITS = 0  # offset of its first unit record (they follow one another)
N_UNIT_COUNT = 1
N_PARTS = 2  # offset of its first left-over part record
N_PART_COUNT = 3
N_NAMED = 4
N_NORMALIZED = 5  # offset of the code points of its normalised form
N_NORMALIZED_LENGTH = 6
N_ORIGINAL = 7  # ... and of the name as given (how score_names orders two names)
N_ORIGINAL_LENGTH = 8
N_COLUMNS = 9

# What an explained comparison gives in its ``detail`` array: the pairs aligned, the parts
# each side used (a bit each), the cap applied, which name came first, then each pair as the
# indices of its two units (in the first name, in the second); their scores go to
# ``detail_scores``.
D_TAKEN = 0
D_USED_FIRST = 1
D_USED_SECOND = 2
D_CAP = 3
D_SWAPPED = 4
D_PAIRS = 5
CAP_NONE = 0
CAP_INITIALS_ONLY = 1
CAP_ONE_PART = 2

NEVER_MET = -2.0  # as pair_memory.MISSING
CALL_SLOTS = 1 << 12  # the table of one call's pairs with the traveller's own parts
DISMISSED = 2.0  # added to a dismissal's ceiling
MAX_PARTS = 62  # parts a name may have for the compiled comparison (a bit each)
D_COLUMNS = D_PAIRS + 2 * (MAX_PARTS + 1)  # room for a pair per part of the longest name

# the constants of borderpost.names.alignment and compare (a test checks them)
PART_MATCH = 0.72
MERGE_MATCH = 0.85
MERGE_LENGTH_RATIO = 0.75
PARTICLE_WEIGHT = 0.2
DISMISSAL_MARGIN = 1e-9
COVERAGE_MARGIN = 1e-9
CONFLICT_PENALTY = 1.5
PARTICLE_PENALTY = 0.05
ONE_PART_CAP = 0.7
INITIALS_ONLY_CAP = 0.5
UNDER_CAPS = 0.5


@kernel
def _comes_first(ints: npt.NDArray[np.int32], a: int, b: int) -> bool:
    """Whether name ``b`` sorts before name ``a`` as ``(normalized, original)`` text tuples
    do in Python (then ``score_names`` aligns ``b`` against ``a``)."""
    for column, length in ((N_NORMALIZED, N_NORMALIZED_LENGTH), (N_ORIGINAL, N_ORIGINAL_LENGTH)):
        ta, la = ints[a + column], ints[a + length]
        tb, lb = ints[b + column], ints[b + length]
        for k in range(min(la, lb)):
            if ints[ta + k] != ints[tb + k]:
                return bool(ints[tb + k] < ints[ta + k])
        if la != lb:
            return bool(lb < la)
    return False


@kernel
def _mask(ints: npt.NDArray[np.int32], unit: int) -> int:
    """The parts a unit covers, one bit each."""
    start = ints[unit + U_START]
    return int(((1 << (ints[unit + U_END] - start)) - 1) << start)


@kernel
def _greedy(
    order: npt.NDArray[np.int64],
    count: int,
    first: int,
    left_unit: npt.NDArray[np.int64],
    right_unit: npt.NDArray[np.int64],
    ints: npt.NDArray[np.int32],
    chosen: npt.NDArray[np.int64],
) -> tuple[int, int, int]:
    """Pairs taken best first, each part used once (``first``, a candidate, before the rest
    when not -1); fills ``chosen``; gives how many, and the parts each side used."""
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
        mask_a = _mask(ints, left_unit[c])
        mask_b = _mask(ints, right_unit[c])
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
    scores: npt.NDArray[np.float64],
    sizes: npt.NDArray[np.int64],
) -> float:
    total = 0.0
    for k in range(taken):
        c = chosen[k]
        total += scores[c] * sizes[c]
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
    """Whether candidate pair ``c`` ranks before ``d``: real parts first, then the higher
    score, the fewer parts, the earlier unit of the left name, of the right name."""
    if heavy[c] != heavy[d]:
        return bool(heavy[c] > heavy[d])
    if scores[c] != scores[d]:
        return bool(scores[c] > scores[d])
    if sizes[c] != sizes[d]:
        return bool(sizes[c] < sizes[d])
    if left_index[c] != left_index[d]:
        return bool(left_index[c] < left_index[d])
    return bool(right_index[c] < right_index[d])


@kernel
def _left_over(
    name: int,
    used: int,
    ints: npt.NDArray[np.int32],
    floats: npt.NDArray[np.float64],
    named: npt.NDArray[np.int64],
) -> tuple[int, int]:
    """The name's parts not in ``used``: the named ones into ``named`` (float indices),
    heaviest first (a stable sort, as Python's); gives how many named and how many
    particles."""
    record = ints[name + N_PARTS]
    count = 0
    particles = 0
    for p in range(ints[name + N_PART_COUNT]):
        if not used & (1 << p):
            if ints[record + P_NAMED]:
                value = ints[record + P_FLOATS]
                k = count  # insertion keeping equal weights in their order
                while k > 0 and floats[named[k - 1]] < floats[value]:
                    named[k] = named[k - 1]
                    k -= 1
                named[k] = value
                count += 1
            else:
                particles += 1
        record += P_COLUMNS
    return count, particles


@kernel
def _score(
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
    scratch: npt.NDArray[np.int64],
    ints: npt.NDArray[np.int32],
    floats: npt.NDArray[np.float64],
    detail: npt.NDArray[np.int64],
    detail_scores: npt.NDArray[np.float64],
) -> float:
    """Align the candidate pairs (as ``alignment.align``) and score (as ``compare._score``).

    With a ``detail`` array (not empty), also say how (see :data:`D_TAKEN`...)."""
    room = len(left_unit)
    order = scratch[:room]
    best = scratch[room : 2 * room]
    trial = scratch[2 * room : 3 * room]
    named_left = scratch[3 * room : 3 * room + MAX_PARTS + 1]
    named_right = scratch[3 * room + MAX_PARTS + 1 :]
    used_first = used_second = taken = 0
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
            order, count, -1, left_unit, right_unit, ints, best
        )
        if taken != count:  # retry with each run of words placed first
            best_coverage = _coverage(best, taken, scores, sizes)
            for step in range(count):
                c = order[step]
                if ints[left_unit[c] + U_RUN] or ints[right_unit[c] + U_RUN]:
                    tried, tried_first, tried_second = _greedy(
                        order, count, c, left_unit, right_unit, ints, trial
                    )
                    coverage = _coverage(trial, tried, scores, sizes)
                    if coverage > best_coverage + COVERAGE_MARGIN:
                        best_coverage = coverage
                        taken, used_first, used_second = tried, tried_first, tried_second
                        best[:tried] = trial[:tried]
    if len(detail):
        detail[D_TAKEN] = taken
        detail[D_USED_FIRST] = used_first
        detail[D_USED_SECOND] = used_second
        detail[D_CAP] = CAP_NONE
        for k in range(taken):
            c = best[k]
            detail[D_PAIRS + 2 * k] = left_index[c]
            detail[D_PAIRS + 2 * k + 1] = right_index[c]
            detail_scores[k] = scores[c]
    matched = 0.0
    total = 0.0
    for k in range(taken):
        c = best[k]
        a = left_unit[c]
        b = right_unit[c]
        weight = (floats[ints[a + U_WEIGHT]] + floats[ints[b + U_WEIGHT]]) / 2
        matched += weight * scores[c]
        total += weight
    rest_left, particles_left = _left_over(first, used_first, ints, floats, named_left)
    rest_right, particles_right = _left_over(second, used_second, ints, floats, named_right)
    conflicts = min(rest_left, rest_right)
    for t in range(conflicts):  # a left-over part facing one, heaviest with heaviest
        total += CONFLICT_PENALTY * (floats[named_left[t]] + floats[named_right[t]]) / 2
    for t in range(conflicts, rest_left):  # the cost when missing follows the weight
        total += floats[named_left[t] + 1]
    for t in range(conflicts, rest_right):
        total += floats[named_right[t] + 1]
    for _particle in range(particles_left + particles_right):
        total += PARTICLE_PENALTY
    if total == 0.0:
        return 0.0
    score = matched / total
    if score <= UNDER_CAPS:
        return score
    covered = 0
    initials_only = True
    for k in range(taken):
        a = left_unit[best[k]]
        b = right_unit[best[k]]
        covered += max(ints[a + U_NAMED], ints[b + U_NAMED])
        if (
            initials_only
            and ints[a + U_NAMED]
            and ints[b + U_NAMED]
            and not ints[ints[first + N_PARTS] + ints[a + U_START] * P_COLUMNS + P_INITIAL]
            and not ints[ints[second + N_PARTS] + ints[b + U_START] * P_COLUMNS + P_INITIAL]
        ):
            initials_only = False
    if covered and initials_only and score > INITIALS_ONLY_CAP:
        if len(detail):
            detail[D_CAP] = CAP_INITIALS_ONLY
        return INITIALS_ONLY_CAP
    named = max(ints[first + N_NAMED], ints[second + N_NAMED])
    if covered <= 1 and named >= 2 and score > ONE_PART_CAP:
        if len(detail):
            detail[D_CAP] = CAP_ONE_PART
        return ONE_PART_CAP
    return score


@kernel
def _append(array: npt.NDArray[np.int64], count: int, value: int) -> npt.NDArray[np.int64]:
    """``array`` with ``value`` at ``count`` (a larger copy when full)."""
    if count == len(array):
        grown = np.empty(2 * len(array), np.int64)
        grown[:count] = array
        array = grown
    array[count] = value
    return array


@kernel
def compare_names(
    query: int,
    names: npt.NDArray[np.int64],
    pair_keys: npt.NDArray[np.int64],
    pair_values: npt.NDArray[np.float64],
    room: int,
    transient: int,
    ints: npt.NDArray[np.int32],
    floats: npt.NDArray[np.float64],
    out: npt.NDArray[np.float64],
    detail: npt.NDArray[np.int64],  # 2-D: a row per name
    detail_scores: npt.NDArray[np.float64],
    confusable: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.int64], int]:
    """Score the name record ``query`` against each name record of ``names`` into ``out``.

    Part pairs are remembered in the table ``pair_keys``/``pair_values``
    (:mod:`borderpost.screening.pair_memory`), at most ``room`` new ones. Parts whose
    records start at ``transient`` or later are the traveller's own, taken out of the table
    after the call: pairs with them are remembered for this call only. With a
    ``detail`` array (a row per name; or no rows), each alignment is given there too (the
    ``D_*`` columns; the aligned pairs' scores in ``detail_scores``);
    ``confusable``: see :func:`borderpost.screening.part_kernel.pair_score`. Returns the
    keys of the pairs that need a part's keys from Python (the names with such pairs score
    NaN: call again for those once the keys are written), and how many pairs the table
    gained.
    """
    shift = shift_of(pair_keys)
    call_keys = np.full(CALL_SLOTS, FREE, np.int64)  # the traveller's own parts' pairs
    call_values = np.empty(CALL_SLOTS, np.float64)
    call_shift = shift_of(call_keys)
    call_count = 0
    added = 0
    pending = np.empty(16, np.int64)
    waiting = 0
    explain = detail.shape[0] > 0
    no_detail = np.empty(0, np.int64)
    no_scores = np.empty(0, np.float64)
    room = 0
    for n in range(len(names)):
        units = ints[names[n] + N_UNIT_COUNT] * ints[query + N_UNIT_COUNT]
        room = max(room, units)
    left_unit = np.empty(room, np.int64)
    right_unit = np.empty(room, np.int64)
    left_index = np.empty(room, np.int64)
    right_index = np.empty(room, np.int64)
    heavy = np.empty(room, np.float64)
    scores = np.empty(room, np.float64)
    sizes = np.empty(room, np.int64)
    scratch = np.empty(3 * room + 2 * (MAX_PARTS + 1), np.int64)
    work = np.empty(256, np.int64)  # for the spelling measures (grown for long texts)
    for n in range(len(names)):
        first, second = query, names[n]
        swapped = _comes_first(ints, first, second)
        if swapped:
            first, second = second, first
        if explain:
            detail[n, D_SWAPPED] = swapped
        count = 0
        unknown = False  # a pair of this comparison is pending
        a = ints[first + N_UNITS]
        for i in range(ints[first + N_UNIT_COUNT]):
            a_part = ints[a + U_PART]
            a_run = ints[a + U_RUN]
            a_particle = ints[a + U_PARTICLE]
            a_size = ints[a_part + I_LENGTH]
            b = ints[second + N_UNITS] - U_COLUMNS
            for j in range(ints[second + N_UNIT_COUNT]):
                b += U_COLUMNS
                b_run = ints[b + U_RUN]
                if a_run and b_run:
                    continue  # never a run against a run
                b_part = ints[b + U_PART]
                if (
                    a_particle != ints[b + U_PARTICLE]
                    and ints[a_part + I_TEXT_ID] != ints[b_part + I_TEXT_ID]
                ):
                    continue  # a particle pairs only with a particle, or itself
                merged = a_run or b_run
                if merged:  # a run and a word of like length only
                    b_size = ints[b_part + I_LENGTH]
                    if a_size < b_size:
                        if a_size < MERGE_LENGTH_RATIO * b_size:
                            continue
                    elif b_size < MERGE_LENGTH_RATIO * a_size:
                        continue
                floor = MERGE_MATCH if merged else PART_MATCH
                key = (int(a_part) << 32) | int(b_part)
                own = a_part >= transient or b_part >= transient
                if own:
                    known = recall(call_keys, call_values, key, call_shift)
                else:
                    known = recall(pair_keys, pair_values, key, shift)
                remembered = NEVER_MET  # what to remember of the pair, if anything
                if known >= DISMISSED:
                    if known - DISMISSED < floor - DISMISSAL_MARGIN:
                        continue  # dismissed before on its spelling
                elif known == NEVER_MET:  # dismissed now on its spelling?
                    need = work_room(a_size, ints[b_part + I_LENGTH])
                    if len(work) < need:
                        work = np.empty(2 * need, np.int64)
                    ceiling = spelling_ceiling(ints, a_part, b_part, work)
                    if ceiling < floor - DISMISSAL_MARGIN:
                        remembered = DISMISSED + ceiling
                if remembered == NEVER_MET and (known >= DISMISSED or known == NEVER_MET):
                    # the full similarity is wanted
                    if (ints[a_part + I_FLAGS] or ints[b_part + I_FLAGS]) and (
                        ints[a_part + I_KEYS] < 0 or ints[b_part + I_KEYS] < 0
                    ):  # the keys of a part are wanted from Python first
                        pending = _append(pending, waiting, key)
                        waiting += 1
                        unknown = True
                        continue
                    need = work_room(a_size, ints[b_part + I_LENGTH])
                    if len(work) < need:
                        work = np.empty(2 * need, np.int64)
                    known = pair_score(ints, a_part, b_part, work, confusable)
                    remembered = known
                if remembered != NEVER_MET:
                    if own:
                        if call_count < CALL_SLOTS // 2 and remember(
                            call_keys, call_values, key, remembered, call_shift
                        ):
                            call_count += 1
                    elif added < room and remember(pair_keys, pair_values, key, remembered, shift):
                        added += 1
                    if remembered >= DISMISSED:
                        continue
                if known < floor or unknown:
                    continue  # under the floor; or no score for this name on this call
                left_unit[count] = a
                right_unit[count] = b
                left_index[count] = i
                right_index[count] = j
                heavy[count] = 1.0 if (ints[a + U_HEAVY] or merged) else 0.0
                scores[count] = known
                sizes[count] = (ints[a + U_END] - ints[a + U_START]) + (
                    ints[b + U_END] - ints[b + U_START]
                )
                count += 1
            a += U_COLUMNS
        if unknown:
            out[n] = np.nan  # scored on the next call
        else:
            out[n] = _score(
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
                scratch,
                ints,
                floats,
                detail[n] if explain else no_detail,
                detail_scores[n] if explain else no_scores,
            )
    return pending[:waiting], added
