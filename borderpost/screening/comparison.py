"""One traveller's name against many list names at once: the compiled comparison's table.

Screening compares a traveller's name with the names of every candidate entry. In Python
(:func:`borderpost.names.score_names`) each comparison walks every pair of parts the two
names offer, most of them met before and unlike, at a dictionary look-up and a few attribute
reads each: half of a traveller's scoring time. :class:`NameTable` keeps each name met as
records of two flat arrays (its parts, the runs of parts read as one word, what a part costs
when left over, its text for ordering) and the part pairs met in a compiled table;
:meth:`NameTable.score` scores a traveller against a batch of names in one call of
:func:`borderpost.screening.name_kernel.compare_names`: the same alignment, the same dismissal
of unlike pairs on their edit distance, the same part similarity (Latin evidence, consonant
skeletons and vowel keys for a part from an abjad, loose keys for one from a syllabary), the
same score, step for step. A part's skeletons, vowel keys and loose key are worked out in
Python (:mod:`borderpost.names.phonetic`) when a pair first needs them, and the names that
waited for them are scored in a second call.

Scores are ``score_names``'s to the last bit (rounded to 4 places as it rounds them); the
call also gives each comparison's alignment, from which :meth:`Batch.explain` builds
``compare``'s explanation (each aligned pair's evidence from
:func:`borderpost.names.part_similarity`). Memory is bounded: past :data:`MAX_INTS` values
the table starts afresh, past :data:`MAX_PAIRS` pairs the pair table does (both come back
as names are met).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from borderpost.names import (
    NameComparison,
    NameKey,
    PartKey,
    PartKind,
    ScoredNames,
    part_similarity,
    prepare,
    score_names,
)
from borderpost.names.compare import INITIALS_ONLY_NOTE, ONE_PART_NOTE, left_over
from borderpost.names.phonetic import CONFUSABLE_PAIRS, long_vowels, written_vowels
from borderpost.screening.name_kernel import (
    CAP_INITIALS_ONLY,
    CAP_NONE,
    CAP_ONE_PART,
    D_CAP,
    D_COLUMNS,
    D_PAIRS,
    D_SWAPPED,
    D_TAKEN,
    D_USED_FIRST,
    D_USED_SECOND,
    MAX_PARTS,
    PARTICLE_WEIGHT,
    compare_names,
)
from borderpost.screening.pair_memory import SLOTS, empty_table
from borderpost.screening.part_kernel import I_KEYS, K_COLUMNS

MAX_INTS = 1 << 25  # 128 MB of records: some 250,000 names
MAX_PAIRS = SLOTS // 2  # the pair table is emptied when half full
_HEADROOM = 1 << 20  # what one traveller's names can add, at most (the table is cleared
# before a traveller when fuller than MAX_INTS - _HEADROOM: offsets never change mid-call)
_INITIAL = PartKind.INITIAL
_MIN_METAPHONE = 3  # as borderpost.names.similarity: a shorter Metaphone key is no evidence
_LOW = 0xFFFFFFFF
# which class letters an abjad's transliterations swap, by code point (the kernel's table)
_CONFUSABLE = np.zeros((128, 128), np.bool_)
for _pair in CONFUSABLE_PAIRS:
    _CONFUSABLE[ord(_pair[0]), ord(_pair[1])] = True
_NOTES = {CAP_NONE: "", CAP_INITIALS_ONLY: INITIALS_ONLY_NOTE, CAP_ONE_PART: ONE_PART_NOTE}


class _Records:
    """A growable flat array: values are appended to a Python array (fast to extend), copied
    into the numpy array the kernel reads (grown by half again when full) before each call."""

    def __init__(self, typecode: str, dtype: type[np.int32] | type[np.float64]) -> None:
        self._typecode = typecode
        self._array: npt.NDArray[Any] = np.empty(1 << 16, dtype)
        self._size = 0
        self._tail = array(typecode)

    def __len__(self) -> int:
        return self._size + len(self._tail)

    def extend(self, values: Iterable[float]) -> None:
        self._tail.extend(values)  # type: ignore[arg-type]

    def set(self, index: int, value: float) -> None:
        """Change the value at ``index``."""
        if index < self._size:
            self._array[index] = value
        else:
            self._tail[index - self._size] = value  # type: ignore[call-overload]

    def truncate(self, length: int) -> None:
        """Take out every value appended after the first ``length``."""
        if length >= self._size:
            del self._tail[length - self._size :]
        else:
            self._size = length
            self._tail = array(self._typecode)

    def flushed(self) -> npt.NDArray[Any]:
        """The array with every value appended so far."""
        tail = self._tail
        if tail:
            end = self._size + len(tail)
            if end > len(self._array):
                grown = np.empty(max(end + (1 << 16), len(self._array) * 3 // 2), self._array.dtype)
                grown[: self._size] = self._array[: self._size]
                self._array = grown
            self._array[self._size : end] = np.frombuffer(tail, self._array.dtype)
            self._size = end
            self._tail = array(self._typecode)
        return self._array


@dataclass(frozen=True, slots=True)
class Batch:
    """A traveller's name scored against a batch of names (see :meth:`NameTable.score`).

    Attributes:
        query: the traveller's name, prepared.
        names: the names it was scored against.
        scores: ``score_names(query, prepare(name)).score`` for each.
    """

    query: NameKey
    names: Sequence[str]
    scores: list[float]
    # each comparison's alignment as the kernel gives it (name_kernel's D_* columns), and
    # the comparisons of names too long for the kernel, made in Python
    detail: npt.NDArray[np.int64] = field(repr=False)
    in_python: dict[int, ScoredNames] = field(repr=False)

    def scored(self, index: int) -> ScoredNames:
        """What ``score_names(query, prepare(names[index]))`` gives, from the alignment the
        kernel found (the evidence of each aligned pair from
        :func:`borderpost.names.part_similarity`)."""
        found = self.in_python.get(index)
        if found is not None:
            return found
        key = prepare(self.names[index])
        row = self.detail[index]
        swapped = bool(row[D_SWAPPED])
        first, second = (key, self.query) if swapped else (self.query, key)
        pairs = []
        for k in range(int(row[D_TAKEN])):
            a = first.units[int(row[D_PAIRS + 2 * k])]
            b = second.units[int(row[D_PAIRS + 2 * k + 1])]
            similarity, evidence = part_similarity(a.key, b.key)
            pairs.append((a, b, similarity, evidence))
        return ScoredNames(
            self.scores[index],
            self.query,
            key,
            pairs,
            left_over(first, int(row[D_USED_FIRST])),
            left_over(second, int(row[D_USED_SECOND])),
            swapped,
            _NOTES[int(row[D_CAP])],
        )

    def explain(self, index: int) -> NameComparison:
        """``compare(query, prepare(names[index]))``: aligned parts and the reason."""
        return self.scored(index).explain()


def _key_block(part: PartKey, at: int) -> list[int]:
    """The code points of a part's keys, then its key block (the ``K_*`` columns, offsets
    counted from ``at``, where the values will go)."""
    values: list[int] = []
    block: list[int] = []
    for key in (
        part.skeleton,
        part.vowel_key,
        part.split_skeleton,
        part.split_vowel_key,
        part.coarse,
    ):
        block += (at + len(values), len(key))
        values += _code_points(key)
    block += (long_vowels(part.text), written_vowels(part.text))
    return values + block


def _code_points(text: str) -> memoryview:
    """The code points of ``text`` (as ``ord`` gives them), fast."""
    return memoryview(text.encode("utf-32-le", "surrogatepass")).cast("I")


class NameTable:
    """Names as records for the compiled comparison, and the part pairs met so far."""

    def __init__(self) -> None:
        # API workers' threads screen with one screener: one at a time here (the kernel runs
        # without the GIL and writes the pair table; names are added in several steps)
        self._lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        """Forget every name and pair (they come back as they are met)."""
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        self._ints = _Records("i", np.int32)
        self._floats = _Records("d", np.float64)
        self._names: dict[str, int] = {}  # a name as given -> its record
        self._parts: dict[str, int] = {}  # PartKey.ident -> its record
        self._part_at: dict[int, PartKey] = {}  # and back
        self._texts: dict[str, int] = {}
        self._metaphones: dict[str, int] = {}
        self._pair_keys, self._pair_values = empty_table()
        self._pair_count = 0  # pairs remembered (emptied when half full)
        # while a traveller's name is in the table: the keys it added to the dictionaries
        self._journal: list[tuple[dict[str, int] | dict[int, PartKey], str | int]] | None = None

    def __len__(self) -> int:
        """Names in the table."""
        return len(self._names)

    def has_room(self) -> bool:
        """Whether names can be added without the table starting afresh before the next
        comparison (see :data:`MAX_INTS`)."""
        return len(self._ints) <= MAX_INTS - _HEADROOM

    def settle(self) -> None:
        """Copy the records of the names added into the arrays the kernel reads (done before
        each comparison; after adding many names at once, do it then)."""
        with self._lock:
            self._ints.flushed()
            self._floats.flushed()

    def add(self, name: NameKey) -> int:
        """The record of ``name`` (added when new); -1 for a name of more parts than the
        compiled comparison takes (:data:`~borderpost.screening.name_kernel.MAX_PARTS`)."""
        with self._lock:
            return self._add(name)

    def _add(self, name: NameKey) -> int:
        found = self._names.get(name.original)
        if found is not None:
            return found
        if len(name.parts) > MAX_PARTS:
            return -1
        units = name.units
        floats = self._floats
        weights_at = len(floats)
        at = len(self._ints)
        values: list[int] = []  # every value this name adds, appended at ``at`` at the end
        known = self._parts
        parts = [
            found if (found := known.get(unit.key.ident)) is not None else -1 for unit in units
        ]
        added: dict[str, tuple[int, PartKey]] = {}  # parts met for the first time
        for number, part in enumerate(parts):
            if part < 0:  # its record first
                parts[number] = self._part(units[number].key, values, at, added)
        units_at = at + len(values)
        for number, unit in enumerate(units):
            values += (
                parts[number],
                unit.start,
                unit.end,
                unit.run,
                unit.particle,
                unit.named,
                unit.key.weight > PARTICLE_WEIGHT,
                weights_at + number,
            )
        costs: list[float] = [unit.weight for unit in units]
        left_over_at = at + len(values)
        for _bit, rest in name.edged:
            values += (rest.part.kind is _INITIAL, rest.named, weights_at + len(costs))
            costs += (rest.weight, rest.missing)
        normalized_at = at + len(values)
        values += _code_points(name.normalized)
        original_at = at + len(values)
        values += _code_points(name.original)
        record = at + len(values)
        values += (
            units_at,
            len(units),
            left_over_at,
            len(name.parts),
            name.named,
            normalized_at,
            len(name.normalized),
            original_at,
            len(name.original),
        )
        # nothing is registered before every value is worked out (a failure adds nothing)
        self._ints.extend(values)
        floats.extend(costs)
        for ident, (offset, new) in added.items():
            self._parts[ident] = offset
            self._part_at[offset] = new
            if self._journal is not None:
                self._journal += ((self._parts, ident), (self._part_at, offset))
        self._names[name.original] = record
        if self._journal is not None:
            self._journal.append((self._names, name.original))
        return record

    def _part(
        self, part: PartKey, values: list[int], at: int, added: dict[str, tuple[int, PartKey]]
    ) -> int:
        """Append the record of a new part to ``values`` (which go to the table at ``at``) and
        note it in ``added``; returns its offset."""
        found = added.get(part.ident)  # an earlier unit of the same name added it
        if found is not None:
            return found[0]
        text = part.text
        classes = sorted(part.classes)
        text_id = self._id(self._texts, text)
        metaphone = (
            self._id(self._metaphones, part.metaphone)
            if len(part.metaphone) >= _MIN_METAPHONE
            else -1
        )
        keys = -1  # written when first wanted; at once for a part from an abjad or syllabary
        if part.abjad or part.syllabic:
            block = _key_block(part, at + len(values))
            keys = at + len(values) + len(block) - K_COLUMNS
            values += block
        text_at = at + len(values)
        values += _code_points(text)
        classes_at = at + len(values)
        values += classes
        record = at + len(values)
        values += (
            text_at,
            len(text),
            text_id,
            part.abjad | part.syllabic << 1,
            classes_at,
            len(classes),
            metaphone,
            keys,
        )
        added[part.ident] = (record, part)
        return record

    def _write_keys(self, record: int) -> None:
        """Work out the keys of the part at ``record`` (skeletons, vowel keys, loose key, vowel
        counts) and point its record at them."""
        at = len(self._ints)
        block = _key_block(self._part_at[record], at)
        self._ints.extend(block)
        self._ints.set(record + I_KEYS, at + len(block) - K_COLUMNS)

    def _id(self, ids: dict[str, int], text: str) -> int:
        """The number of ``text`` in ``ids`` (the next one when new)."""
        found = ids.get(text)
        if found is None:
            found = ids[text] = len(ids)
            if self._journal is not None:
                self._journal.append((ids, text))
        return found

    def score(self, query: NameKey, names: Sequence[str]) -> Batch:
        """``query`` against each of ``names`` (list names, as given) in one compiled call (two
        when parts from an abjad or a syllabary need their keys worked out first): the
        scores of ``score_names``, and how each comparison aligned for its explanation."""
        with self._lock:
            return self._score(query, names)

    def explain(self, query: NameKey, name: str) -> NameComparison:
        """``compare(query, prepare(name))``, aligned by the compiled call."""
        return self.score(query, [name]).explain(0)

    def scores(self, query: NameKey, names: Sequence[str]) -> list[float]:
        """``score_names(query, prepare(name)).score`` for each of ``names``."""
        return self.score(query, names).scores

    def _score(self, query: NameKey, names: Sequence[str]) -> Batch:
        if not self.has_room():
            self._clear()
        rows: list[int] = []
        python: list[int] = []  # names too long for the kernel
        known = self._names
        for index, name in enumerate(names):
            row = known.get(name)
            if row is None:
                row = self._add(prepare(name))
                if row < 0:
                    python.append(index)
            rows.append(row)
        # The traveller's name is in the table for this call only (most are never met again):
        # the table holds list names, and its records do not grow with every traveller.
        ints_at, floats_at = len(self._ints), len(self._floats)
        self._journal = []
        self._keyed: list[int] = []  # list names' parts given keys in this call
        try:
            first = self._add(query)
            if first < 0:
                python = list(range(len(names)))
                rows = [first] * len(names)  # no row: all scored in Python
            for index in python:
                rows[index] = first
            detail = np.empty((len(rows), D_COLUMNS), np.int64)
            detail_scores = np.empty((len(rows), MAX_PARTS + 1), np.float64)
            found = (
                self._compare(first, np.array(rows, np.int64), ints_at, detail, detail_scores)
                if first >= 0
                else [0.0] * len(rows)
            )
        finally:
            for table, key in reversed(self._journal):
                del table[key]  # type: ignore[arg-type]
            self._journal = None
            self._ints.truncate(ints_at)
            self._floats.truncate(floats_at)
            keyed, self._keyed = self._keyed, []
            for record in keyed:  # their keys were in what was just taken out
                self._ints.set(record + I_KEYS, -1)
        for record in keyed:  # keys worked out in this call for list names' parts: again
            self._write_keys(record)
        in_python = {index: score_names(query, prepare(names[index])) for index in python}
        for index, scored in in_python.items():
            found[index] = scored.score
        return Batch(query, names, found, detail, in_python)

    def _compare(
        self,
        query: int,
        rows: npt.NDArray[np.int64],
        transient: int,
        detail: npt.NDArray[np.int64],
        detail_scores: npt.NDArray[np.float64],
    ) -> list[float]:
        if self._pair_count >= MAX_PAIRS:
            self._pair_keys, self._pair_values = empty_table()
            self._pair_count = 0
        room = MAX_PAIRS - self._pair_count
        out = np.empty(len(rows), np.float64)
        ints = self._ints.flushed()
        floats = self._floats.flushed()
        pending, added = compare_names(
            query,
            rows,
            self._pair_keys,
            self._pair_values,
            room,
            transient,
            ints,
            floats,
            out,
            detail,
            detail_scores,
            _CONFUSABLE,
        )
        self._pair_count += added
        if len(pending):  # parts' keys from Python, and a second call for the names
            keys = pending.tolist()
            parts = {key >> 32 for key in keys} | {key & _LOW for key in keys}
            for record in sorted(parts):  # each once: a part's record changes only here
                if ints[record + I_KEYS] < 0:
                    self._write_keys(record)
                    if record < transient:
                        self._keyed.append(record)
            ints = self._ints.flushed()
            again = np.flatnonzero(np.isnan(out))
            rescored = np.empty(len(again), np.float64)
            detail_again = np.empty((len(again), D_COLUMNS), np.int64)
            scores_again = np.empty((len(again), MAX_PARTS + 1), np.float64)
            pending, added = compare_names(
                query,
                rows[again],
                self._pair_keys,
                self._pair_values,
                room - added,
                transient,
                ints,
                floats,
                rescored,
                detail_again,
                scores_again,
                _CONFUSABLE,
            )
            self._pair_count += added
            if len(pending):
                raise RuntimeError("compiled name comparison: part keys wanted twice")
            out[again] = rescored
            detail[again] = detail_again
            detail_scores[again] = scores_again
        return [round(score, 4) for score in out.tolist()]
