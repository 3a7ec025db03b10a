"""What the quality checks found, said at the end of a comparison's reason.

Face and fingerprint comparisons both name each side's quality problems after their verdict,
so that a person reading "probably the same" also reads "probe: too dark".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

__all__ = ["quality_tail"]


class _Quality(Protocol):
    @property
    def problems(self) -> Sequence[str]: ...


class _Analysed(Protocol):
    @property
    def quality(self) -> _Quality | None: ...


def quality_tail(named: Iterable[tuple[str, _Analysed]]) -> str:
    """`` (probe quality: ...; reference quality: ...)``, or ``""`` when nothing was found."""
    caveats = [
        f"{name} quality: {'; '.join(analysis.quality.problems)}"
        for name, analysis in named
        if analysis.quality is not None and analysis.quality.problems
    ]
    return (" (" + "; ".join(caveats) + ")") if caveats else ""
