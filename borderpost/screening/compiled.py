"""Compiling the screening kernels to machine code (numba), typed for the rest of the code.

Retrieval does a few thousand small array steps per traveller; as numpy calls each costs
more in call overhead than in work. The kernels of :mod:`borderpost.screening.shortlist` and
:mod:`borderpost.screening.spelling` are plain Python loops over numpy arrays that
:func:`kernel` compiles with numba on first use (``cache=True``: compiled once per machine and
kept beside the module, so later processes load them in milliseconds). ``nogil``: API workers'
threads screen in parallel.

With ``NUMBA_DISABLE_JIT=1`` the same functions run as ordinary Python (slow, but every line
can be stepped through and measured for coverage).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., object])


def kernel(func: F) -> F:
    """Compile ``func`` on first call (cached on disk, releasing the GIL while it runs)."""
    return cast(F, numba.njit(cache=True, nogil=True)(func))


def compile_kernels() -> float:
    """Compile (or load from the cache) every screening kernel now by screening two made-up
    travellers against a made-up list; returns the seconds it took. ``make install`` runs it
    (``python -m borderpost.screening.compiled``) so that no officer waits for a compiler."""
    import time

    from borderpost.screening.engine import Screener
    from borderpost.screening.model import BirthDate, ListEntry, PartialDate
    from borderpost.screening.query import Query

    start = time.perf_counter()
    listed = ListEntry(
        list_name="KERNELS",
        entry_id="1",
        kind="person",
        name="Ivan Petrovich Sidorov",
        birth_dates=(BirthDate(PartialDate(1970, 1, 2)),),
        nationalities=("RUS",),
        gender="male",
    )
    screener = Screener([listed])
    screener.screen(Query("Ivan Sidorov", nationality="RUS", gender="male"))
    long_name = " ".join(["Ivan Petrovich Sidorov"] * 4)  # past the compiled spelling's reach
    screener.screen(Query(long_name, birth_date=PartialDate(1970, 1, 2)))
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"screening kernels ready in {compile_kernels():.1f} s")
