"""One traveller's name against many list names at once: the compiled comparison's tables.

Screening compares a traveller's name with the names of every candidate entry. In Python
(:func:`borderpost.names.score_names`) each comparison walks every pair of parts the two
names offer, most of them met before and unlike, at a dictionary look-up and a few attribute
reads each; that walk was half of a traveller's scoring time. :class:`NameTable` keeps each
name met as rows of arrays (its parts, the runs of parts read as one word, what a part costs
when left over) and the part pairs met so far in a compiled dictionary, and
:meth:`NameTable.scores` scores a traveller against a batch of names in one call of the kernel
:func:`borderpost.screening.name_kernel.compare_names`: the same alignment, the same dismissal
of unlike pairs on their edit distance, the same score, step for step. What the kernel does
not do is the full similarity of a pair of parts (exact, equivalent, skeleton, sound,
phonetic or spelling evidence): the few pairs a traveller brings that are not dismissed are
worked out by :func:`borderpost.names.part_similarity` and handed to the kernel's second call.

Scores are those of ``score_names`` to the last bit (rounded to 4 places as it rounds);
the explanation of a hit still comes from ``score_names``. Memory is bounded: past
:data:`MAX_NAMES` names or :data:`MAX_IDENTS` parts the table starts afresh, past
:data:`MAX_PAIRS` pairs the pair dictionary does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numba
import numpy as np
import numpy.typing as npt

from borderpost.names import NameKey, PartKey, PartKind, part_similarity, prepare, score_names
from borderpost.screening.name_kernel import (
    I_COLUMNS,
    MAX_PARTS,
    N_COLUMNS,
    P_COLUMNS,
    PARTICLE_WEIGHT,
    U_COLUMNS,
    compare_names,
)

MAX_NAMES = 262_144
MAX_IDENTS = 1_048_576
MAX_PAIRS = 1_048_576
_LOW = 0xFFFFFFFF
_NO_KEYS = np.empty(0, np.int64)
_NO_SCORES = np.empty(0, np.float64)


class _Rows:
    """A growable 2-D array (rows appended, capacity doubled)."""

    def __init__(self, dtype: type[np.generic], columns: int) -> None:
        self.array: npt.NDArray[np.generic] = np.zeros((1024, columns), dtype)
        self.size = 0

    def extend(self, rows: Sequence[Sequence[float]]) -> int:
        """Append ``rows``; returns the index of the first."""
        start = self.size
        end = start + len(rows)
        if end > len(self.array):
            grown = np.zeros((max(end, 2 * len(self.array)), self.array.shape[1]), self.array.dtype)
            grown[:start] = self.array[:start]
            self.array = grown
        if rows:
            self.array[start:end] = rows
        self.size = end
        return start


class _Flat:
    """A growable 1-D array."""

    def __init__(self, dtype: type[np.generic]) -> None:
        self.array: npt.NDArray[np.generic] = np.zeros(4096, dtype)
        self.size = 0

    def extend(self, values: Sequence[float]) -> int:
        start = self.size
        end = start + len(values)
        if end > len(self.array):
            grown = np.zeros(max(end, 2 * len(self.array)), self.array.dtype)
            grown[:start] = self.array[:start]
            self.array = grown
        if values:
            self.array[start:end] = values
        self.size = end
        return start


def _pair_dictionary() -> dict[int, float]:
    found: dict[int, float] = numba.typed.Dict.empty(
        key_type=numba.types.int64, value_type=numba.types.float64
    )
    return found


class NameTable:
    """Names as rows of arrays for the compiled comparison, and the part pairs met."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget every name and pair (they come back as they are met)."""
        self._names: dict[str, int] = {}  # a name as given -> its row
        self._idents: dict[str, int] = {}  # PartKey.ident -> its row
        self._parts: list[PartKey] = []  # by identity row
        self._texts: dict[str, int] = {}
        self._metaphones: dict[str, int] = {}
        self._ident_info = _Rows(np.int32, I_COLUMNS)
        self._codes = _Flat(np.int32)
        self._classes = _Flat(np.int32)
        self._name_i = _Rows(np.int32, N_COLUMNS)
        self._unit_i = _Rows(np.int32, U_COLUMNS)
        self._unit_f = _Flat(np.float64)
        self._part_i = _Rows(np.int32, P_COLUMNS)
        self._part_f = _Rows(np.float64, 2)
        self._pairs = _pair_dictionary()
        # how score_names orders two names (the first is aligned against the second), by row
        self._orders: list[tuple[str, str]] = []
        self._generation = getattr(self, "_generation", 0) + 1

    def __len__(self) -> int:
        return len(self._names)

    def add(self, name: NameKey) -> int:
        """The row of ``name`` (added when new); -1 for a name of more parts than the compiled
        comparison takes (:data:`~borderpost.screening.name_kernel.MAX_PARTS`)."""
        row = self._names.get(name.original)
        if row is not None:
            return row
        if len(name.parts) > MAX_PARTS:
            return -1
        if len(self._names) >= MAX_NAMES or len(self._parts) >= MAX_IDENTS:
            self.clear()
        units = self._unit_i.extend(
            [
                (
                    self._ident(unit.key),
                    unit.start,
                    unit.end,
                    unit.run,
                    unit.particle,
                    unit.named,
                    unit.key.weight > PARTICLE_WEIGHT,
                )
                for unit in name.units
            ]
        )
        self._unit_f.extend([unit.weight for unit in name.units])
        left_over = [rest for _bit, rest in name.edged]
        parts = self._part_i.extend(
            [(rest.part.kind is PartKind.INITIAL, rest.named) for rest in left_over]
        )
        self._part_f.extend([(rest.weight, rest.missing) for rest in left_over])
        row = self._name_i.extend(
            [(units, len(name.units), parts, len(name.parts), name.named)]
        )
        self._names[name.original] = row
        self._orders.append((name.normalized, name.original))
        return row

    def row(self, name: str) -> int | None:
        """The row of a name already added (by the name as given), else None."""
        return self._names.get(name)

    def _ident(self, part: PartKey) -> int:
        found = self._idents.get(part.ident)
        if found is not None:
            return found
        row = len(self._parts)
        self._parts.append(part)
        self._idents[part.ident] = row
        text = part.text
        classes = sorted(part.classes)
        metaphone = (
            self._metaphones.setdefault(part.metaphone, len(self._metaphones))
            if len(part.metaphone) >= 3  # as similarity's _MIN_METAPHONE
            else -1
        )
        self._ident_info.extend(
            [
                (
                    self._codes.extend([ord(c) for c in text]),
                    len(text),
                    self._texts.setdefault(text, len(self._texts)),
                    int(part.abjad) | int(part.syllabic) << 1,
                    self._classes.extend(classes),
                    len(classes),
                    metaphone,
                )
            ]
        )
        return row

    def scores(self, query: NameKey, names: Sequence[str]) -> list[float]:
        """``score_names(query, prepare(name)).score`` for each of ``names``, in one compiled
        call (two when new part pairs need their full similarity)."""
        generation = self._generation
        first = self.add(query)
        if first < 0:
            return [score_names(query, prepare(name)).score for name in names]
        rows: list[int] = []
        swapped: list[bool] = []
        fallback: list[int] = []
        order = (query.normalized, query.original)
        known = self._names
        orders = self._orders
        for index, name in enumerate(names):
            row = known.get(name)
            if row is None:
                row = self.add(prepare(name))
                if self._generation != generation:
                    return self.scores(query, names)  # started afresh: every row changed
                if row < 0:
                    fallback.append(index)
                    row = first  # a stand-in: its score is replaced below
            rows.append(row)
            swapped.append(orders[row] < order)
        found = self._compare(first, rows, swapped)
        for index in fallback:
            found[index] = score_names(query, prepare(names[index])).score
        return found

    def _compare(self, query: int, rows: list[int], swapped: list[bool]) -> list[float]:
        if len(self._pairs) >= MAX_PAIRS:
            self._pairs = _pair_dictionary()
        out = np.zeros(len(rows), np.float64)
        names = np.array(rows, np.int64)
        sides = np.array(swapped, np.bool_)
        keys, values = _NO_KEYS, _NO_SCORES
        for _call in range(3):
            pending = compare_names(
                query,
                names,
                sides,
                keys,
                values,
                self._pairs,
                self._ident_info.array,
                self._codes.array,
                self._classes.array,
                self._name_i.array,
                self._unit_i.array,
                self._unit_f.array,
                self._part_i.array,
                self._part_f.array,
                out,
            )
            if not len(pending):
                return [round(score, 4) for score in out.tolist()]
            keys = np.unique(pending)
            parts = self._parts
            values = np.array(
                [
                    part_similarity(parts[key >> 32], parts[key & _LOW])[0]
                    for key in keys.tolist()
                ],
                np.float64,
            )
        raise RuntimeError("compiled name comparison: part pairs still pending after 3 calls")
