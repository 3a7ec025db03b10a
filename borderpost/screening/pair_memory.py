"""What the compiled name comparison remembers of part pairs: a small open-addressing table.

A traveller's comparison looks up some two hundred part pairs (most met before, most
unlike) and meets a few dozen for the first time. numba's typed dictionary took about
30 us a traveller for that (several indirections per look-up into a large table, each a
cache miss); this table is two flat arrays (keys, values) probed linearly from a
multiplicative hash, one or two cache lines a look-up, and small enough to stay in the
processor's cache (:data:`SLOTS` slots, 4 MB). When half full it is emptied (by the caller,
between travellers): hot pairs come back at once.

A key is two part records' offsets (``first << 32 | second``, both under 2**31); a free
slot holds :data:`FREE`. The values are those of :mod:`borderpost.screening.name_kernel`
(a score, or a dismissal's ceiling plus ``DISMISSED``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from borderpost.screening.compiled import kernel

SLOTS = 1 << 18
FREE = -1
MISSING = -2.0  # what :func:`recall` gives for a pair not remembered
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: 2**64 / the golden ratio


def empty_table(slots: int = SLOTS) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """A table of ``slots`` free slots (a power of two): keys and values."""
    if slots & (slots - 1) or slots < 2:
        raise ValueError(f"a pair table needs a power of two of slots, not {slots}")
    return np.full(slots, FREE, np.int64), np.zeros(slots, np.float64)


@kernel
def shift_of(keys: npt.NDArray[np.int64]) -> int:
    """The hash's shift for a table of this size (64 less its power of two)."""
    bits = 0
    while (1 << bits) < len(keys):
        bits += 1
    return 64 - bits


@kernel
def _slot(keys: npt.NDArray[np.int64], key: int, shift: int) -> int:
    """Where ``key`` is, or the free slot where it would go."""
    mask = len(keys) - 1
    slot = int((np.uint64(key) * _GOLDEN) >> np.uint64(shift)) & mask
    while keys[slot] != key and keys[slot] != FREE:
        slot = (slot + 1) & mask
    return slot


@kernel
def recall(
    keys: npt.NDArray[np.int64], values: npt.NDArray[np.float64], key: int, shift: int
) -> float:
    """The value remembered for ``key``, or :data:`MISSING` (``shift``: :func:`shift_of`)."""
    slot = _slot(keys, key, shift)
    return values[slot] if keys[slot] == key else MISSING


@kernel
def remember(
    keys: npt.NDArray[np.int64],
    values: npt.NDArray[np.float64],
    key: int,
    value: float,
    shift: int,
) -> bool:
    """Remember ``value`` for ``key``; True when the key is new (a slot taken). The caller
    keeps the table under half full (a full table would be probed forever)."""
    slot = _slot(keys, key, shift)
    new = keys[slot] == FREE
    keys[slot] = key
    values[slot] = value
    return bool(new)
