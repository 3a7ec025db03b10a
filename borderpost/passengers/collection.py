"""Reading without the cyclic garbage collector's passes over what is being built.

Reading a file allocates a great many small containers at once (a segment and its tuple of
elements per segment, then travellers, documents and their dictionaries), none of them in a
reference cycle: reference counting frees them. CPython's generational collector does not
know that; it walks the young objects after every 700 allocations and, as they survive,
the older generations over and over. On a day's interchange of 100,000 segments that was
about a third of the reading time (``bench/paxlst.py``). So the reader pauses the collector
while it builds, and gives it back as it found it (Mercurial pauses it the same way while it
parses its own files). Anything cyclic made meanwhile is collected at the next pass after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (nested blocks are fine; a
    collector someone else disabled stays disabled)."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
