"""How far an import has come, told to whoever shows it (a Rich bar, a log, a test)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress", "ProgressCounter", "tell"]

#: ``progress(phase, done, total)``: phase is ``"comparing"`` or ``"storing"``.
Progress = Callable[[str, int, int], None]


def tell(progress: Progress | None, phase: str, done: int, total: int) -> None:
    """Call ``progress`` if there is one."""
    if progress is not None:
        progress(phase, done, total)


class ProgressCounter:
    """Adds up rows written and reports them as progress of one phase."""

    def __init__(self, progress: Progress | None, phase: str, total: int) -> None:
        self._progress, self._phase, self._total, self._done = progress, phase, total, 0
        tell(progress, phase, 0, total)

    def __call__(self, rows: int) -> None:
        self._done += rows
        tell(self._progress, self._phase, self._done, self._total)
