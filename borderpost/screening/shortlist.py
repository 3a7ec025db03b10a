"""The shortlist of list names a traveller's name nominates, compiled (see the index module).

Retrieval (:mod:`borderpost.screening.index`) turns a query name into *sources*: postings
lists of the index, each with the value it adds to every name it holds and the query part
(*group*) it stands for, or -1 for a pair of parts. :func:`nominate` then, in one compiled
pass over the postings:

1. sums, per name, the best value each part's nominating sources give it (a part counts
   once, however many of its keys a name shares) plus the value of every nominating pair
   list holding it;
2. keeps the ``count`` best names (ties at the cut to the lower id: the order the lists were
   indexed in);
3. lets the sources too common to nominate raise those names: per part, a name's value
   rises to the best such source holding it when that is more than it had; a pair source
   adds its value once when any of its lists holds the name;
4. drops the names that could not reach the ``limit``-th best rank even with a perfect
   spelling (rank = score / top + spelling weight * spelling - part-count gap).

:func:`rank` orders what is left by that rank (ties to the lower id) and keeps ``limit``;
:func:`shortlist` does both with the spelling similarity worked out in between
(:func:`borderpost.screening.spelling.indel_ratios`).

Arrays in, arrays out. The per-name scratch arrays come from the caller (zero between calls,
left zero), so a call allocates only what the query needs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from borderpost.screening.compiled import kernel
from borderpost.screening.spelling import CodeArray, indel_ratios

IdArray = npt.NDArray[np.uint32]
IntArray = npt.NDArray[np.int64]
ValueArray = npt.NDArray[np.float64]

# the layout of ``params``
GROUPS, QUERY_PARTS, COUNT, TOP, LIMIT, SPELLING_WEIGHT, GAP_PER_PART = range(7)
PARAMS = 7
# the layout of a row of ``sources``
VALUE, GROUP, NOMINATES = range(3)


@kernel
def _holds(ids: IdArray, low: int, high: int, wanted: int) -> bool:
    """Whether the sorted ``ids[low:high]`` holds ``wanted`` (binary search)."""
    end = high
    while low < high:
        middle = (low + high) >> 1
        if ids[middle] < wanted:
            low = middle + 1
        else:
            high = middle
    return low < end and ids[low] == wanted


@kernel
def _kth_largest(values: ValueArray, k: int) -> float:
    """The ``k``-th largest of ``values`` (1-based; quickselect on a copy)."""
    work = values.copy()
    target = len(work) - k  # its index in ascending order
    low, high = 0, len(work) - 1
    while low < high:
        pivot = work[(low + high) >> 1]
        i, j = low, high
        while i <= j:
            while work[i] < pivot:
                i += 1
            while work[j] > pivot:
                j -= 1
            if i <= j:
                work[i], work[j] = work[j], work[i]
                i += 1
                j -= 1
        if target <= j:
            high = j
        elif target >= i:
            low = i
        else:
            break
    return float(work[target])


@kernel
def _best(named: IntArray, scores: ValueArray, count: int) -> tuple[IntArray, ValueArray]:
    """The ``count`` best names by score, ties at the cut to the lower ids (unordered)."""
    if len(named) <= count:
        return named, scores
    cut = _kth_largest(scores, count)
    above = 0
    for t in range(len(scores)):
        if scores[t] > cut:
            above += 1
    ties = np.empty(len(scores) - above, dtype=np.int64)
    tied = 0
    keep_names = np.empty(count, dtype=np.int64)
    keep_scores = np.empty(count, dtype=np.float64)
    kept = 0
    for t in range(len(scores)):
        if scores[t] > cut:
            keep_names[kept] = named[t]
            keep_scores[kept] = scores[t]
            kept += 1
        elif scores[t] == cut:
            ties[tied] = named[t]
            tied += 1
    wanted = count - kept
    highest = 0  # with more ties than room: the highest id let in
    if tied > wanted:
        highest = -int(_kth_largest(-ties[:tied].astype(np.float64), wanted))
    for t in range(tied):
        if tied <= wanted or ties[t] <= highest:
            keep_names[kept] = ties[t]
            keep_scores[kept] = cut
            kept += 1
    return keep_names[:kept], keep_scores[:kept]


@kernel
def nominate(
    ids: IdArray,
    starts: IntArray,
    lists: IntArray,
    sources: ValueArray,
    sums: ValueArray,
    best: ValueArray,
    part_counts: IntArray,
    params: ValueArray,
) -> tuple[IntArray, ValueArray, ValueArray]:
    """The names worth ranking, their key scores and part-count gaps (steps 1-4 above).

    ``lists[k] = (slot, source)``: list ``k`` holds ``ids[starts[slot]:starts[slot + 1]]``
    and belongs to row ``source`` of ``sources`` (value, group, nominates 1/0), lists of one
    source next to each other. ``sums`` and ``best`` are per-name scratch arrays, all zero,
    left all zero; ``params`` is laid out as :data:`PARAMS` says.
    """
    groups = int(params[GROUPS])
    count = int(params[COUNT])
    total = 0
    for k in range(len(lists)):
        if sources[lists[k, 1], NOMINATES]:
            total += starts[lists[k, 0] + 1] - starts[lists[k, 0]]
    named = np.empty(total, dtype=np.int64)
    touched = np.empty(total, dtype=np.int64)
    found = 0
    # 1. per part, each name's best nominating value; then pairs, each list adding
    for turn in range(groups + 1):
        group = turn if turn < groups else -1  # the parts, then the pairs
        marked = 0
        for k in range(len(lists)):
            source = lists[k, 1]
            if not sources[source, NOMINATES] or sources[source, GROUP] != group:
                continue
            value = sources[source, VALUE]
            for position in range(starts[lists[k, 0]], starts[lists[k, 0] + 1]):
                name = ids[position]
                if group < 0:
                    if sums[name] == 0.0:
                        named[found] = name
                        found += 1
                    sums[name] += value
                    continue
                if best[name] == 0.0:
                    touched[marked] = name
                    marked += 1
                if value > best[name]:
                    best[name] = value
        for t in range(marked):
            name = touched[t]
            if sums[name] == 0.0:
                named[found] = name
                found += 1
            sums[name] += best[name]
            best[name] = 0.0
    named = named[:found]
    scores = np.empty(found, dtype=np.float64)
    for t in range(found):
        scores[t] = sums[named[t]]
        sums[named[t]] = 0.0
    # 2. the ``count`` best
    short, short_scores = _best(named, scores, count)
    # 3. sources too common to nominate raise the shortlisted names
    common = np.zeros(groups + 1, dtype=np.bool_)  # per group, pairs at 0
    for k in range(len(lists)):
        source = lists[k, 1]
        if not sources[source, NOMINATES]:
            common[int(sources[source, GROUP]) + 1] = True
    raising = np.empty(len(lists), dtype=np.int64)  # the lists of groups with a common source
    raisers = 0
    for k in range(len(lists)):
        if common[int(sources[lists[k, 1], GROUP]) + 1]:
            raising[raisers] = k
            raisers += 1
    if raisers:
        had = np.zeros(groups + 1, dtype=np.float64)  # a part's value from nominating lists
        rest = np.zeros(groups + 1, dtype=np.float64)  # the best a common source gives it
        for t in range(len(short)):
            name = short[t]
            had[:] = 0.0
            rest[:] = 0.0
            gain = 0.0
            pair_source = -1
            for r in range(raisers):
                slot, source = lists[raising[r], 0], lists[raising[r], 1]
                at = int(sources[source, GROUP]) + 1
                value = sources[source, VALUE]
                if at == 0:  # a pair source adds its value once, whichever list holds it
                    if sources[source, NOMINATES] or source == pair_source:
                        continue
                    if _holds(ids, starts[slot], starts[slot + 1], name):
                        gain += value
                        pair_source = source
                elif sources[source, NOMINATES]:
                    if value > had[at] and _holds(ids, starts[slot], starts[slot + 1], name):
                        had[at] = value
                elif value > rest[at] and _holds(ids, starts[slot], starts[slot + 1], name):
                    rest[at] = value
            for at in range(1, groups + 1):
                if rest[at] > had[at]:
                    gain += rest[at] - had[at]
            short_scores[t] += gain
    # 4. only names that could still reach the ``limit``-th rank with a perfect spelling
    limit = int(params[LIMIT])
    top = params[TOP]
    query_parts = params[QUERY_PARTS]
    gaps = np.empty(len(short), dtype=np.float64)
    for t in range(len(short)):
        gaps[t] = params[GAP_PER_PART] * abs(part_counts[short[t]] - query_parts)
    if len(short) > limit:
        least = short_scores / top - gaps
        cut = _kth_largest(least, limit)
        hopeful = least + (params[SPELLING_WEIGHT] + 1e-9) >= cut
        short, short_scores, gaps = short[hopeful], short_scores[hopeful], gaps[hopeful]
    return short, short_scores, gaps


@kernel
def rank(
    short: IntArray, scores: ValueArray, gaps: ValueArray, spelling: ValueArray, params: ValueArray
) -> IntArray:
    """Positions of the best ``limit`` of ``short`` by rank, best first, ties to the lower id."""
    limit = min(int(params[LIMIT]), len(short))
    ranks = scores / params[TOP] + params[SPELLING_WEIGHT] * spelling - gaps
    chosen = np.empty(limit, dtype=np.int64)
    kept = 0
    for t in range(len(short)):
        # insertion into the kept positions, best first
        at = kept
        while at > 0:
            other = chosen[at - 1]
            if ranks[other] > ranks[t] or (ranks[other] == ranks[t] and short[other] < short[t]):
                break
            at -= 1
        if at >= limit:
            continue
        for move in range(min(kept, limit - 1), at, -1):
            chosen[move] = chosen[move - 1]
        chosen[at] = t
        kept = min(kept + 1, limit)
    return chosen[:kept]


@kernel
def shortlist(
    ids: IdArray,
    starts: IntArray,
    lists: IntArray,
    sources: ValueArray,
    sums: ValueArray,
    best: ValueArray,
    part_counts: IntArray,
    params: ValueArray,
    query: CodeArray,
    alphabet: int,
    spellings: CodeArray,
    spelling_starts: IntArray,
) -> tuple[IntArray, ValueArray, ValueArray]:
    """:func:`nominate`, the spelling of each name left (``query`` of at most 64 codes), then
    :func:`rank`: the chosen names, their key scores and spellings, best first."""
    short, scores, gaps = nominate(ids, starts, lists, sources, sums, best, part_counts, params)
    spelling = indel_ratios(query, alphabet, spellings, spelling_starts, short)
    chosen = rank(short, scores, gaps, spelling, params)
    return short[chosen], scores[chosen], spelling[chosen]
