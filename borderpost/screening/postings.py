"""Postings: for every index key, the sorted ids of the list names holding it.

While the index is built, each key's ids go into a growing ``array('I')``. :meth:`freeze`
packs them into one ``uint32`` numpy array and a table of where each key's ids start, so a
lookup is a dictionary probe giving a slot (its ids are a slice of the packed array), and a
million-entry index keeps one Python object per key (the key itself) instead of three.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

IdArray = npt.NDArray[np.uint32]
_EMPTY: IdArray = np.zeros(0, dtype=np.uint32)


class Postings:
    """Key -> sorted name ids (see the module docstring)."""

    def __init__(self) -> None:
        self._growing: defaultdict[str, array[int]] | None = defaultdict(lambda: array("I"))
        self._slots: dict[str, int] = {}
        self._starts: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._sizes: array[int] = array("I")  # ids per slot, read one at a time by Python
        self._ids: IdArray = _EMPTY

    def append(self, key: str, name_id: int) -> None:
        """Add ``name_id`` to ``key`` (ids in increasing order, before :meth:`freeze`)."""
        if self._growing is None:
            raise RuntimeError("postings are frozen: names can no longer be added")
        self._growing[key].append(name_id)

    def freeze(self) -> None:
        """Pack every key's ids into one array (done once, after the last :meth:`append`)."""
        growing = self._growing
        if growing is None:
            return
        packed: array[int] = array("I")
        lengths = np.zeros(len(growing), dtype=np.int64)
        for slot, (key, ids) in enumerate(growing.items()):
            self._slots[key] = slot
            lengths[slot] = len(ids)
            packed.extend(ids)
        self._growing = None
        self._sizes = array("I", lengths.astype(np.uint32).tobytes())
        self._starts = np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(lengths)))
        self._ids = np.frombuffer(packed, dtype=np.uint32) if len(packed) else _EMPTY

    def slot(self, key: str) -> int | None:
        """The slot of ``key`` (its ids are ``ids[starts[slot]:starts[slot + 1]]``), or None."""
        if self._growing is not None:
            self.freeze()
        return self._slots.get(key)

    def find(self, keys: Iterable[str]) -> tuple[tuple[int, ...], int]:
        """The distinct slots of those ``keys`` the postings hold, and how many ids they hold
        together."""
        if self._growing is not None:
            self.freeze()
        get, sizes = self._slots.get, self._sizes
        found: dict[int, None] = {}
        total = 0
        for key in keys:
            slot = get(key)
            if slot is not None and slot not in found:
                found[slot] = None
                total += sizes[slot]
        return tuple(found), total

    @property
    def ids(self) -> IdArray:
        """Every key's ids, packed (see :attr:`starts`)."""
        return self._ids

    @property
    def starts(self) -> npt.NDArray[np.int64]:
        """Where each slot's ids start in :attr:`ids` (one more entry than slots)."""
        return self._starts

    def size(self, key: str) -> int:
        """How many names hold ``key`` (0 for an unknown key)."""
        slot = self.slot(key)
        return 0 if slot is None else self.slot_size(slot)

    def slot_size(self, slot: int) -> int:
        """How many names the key of ``slot`` holds."""
        return self._sizes[slot]

    def __len__(self) -> int:
        return len(self._growing) if self._growing is not None else len(self._slots)

    def memory_bytes(self) -> int:
        """The packed arrays, the key table and the keys."""
        if self._growing is not None:
            self.freeze()
        keys = sum(sys.getsizeof(key) for key in self._slots) + sys.getsizeof(self._slots)
        keys += sys.getsizeof(len(self._slots) + 1000) * len(self._slots)  # the slot numbers
        sizes = self._sizes.buffer_info()[1] * self._sizes.itemsize
        return keys + sizes + int(self._ids.nbytes + self._starts.nbytes)
