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
