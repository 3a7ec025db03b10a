"""Warnings of the EDIFACT reader: a stable code, a sentence for a person, and a position.

Robustness over strictness: nothing the reader meets in a file stops it (except a file that
is not EDIFACT at all, see :class:`~borderpost.passengers.edifact.EdifactError`). Whatever is
odd is reported as a :class:`ParseWarning` and reading goes on. The codes and their meanings
live in ``data/warnings.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["ParseWarning", "Position", "catalogue", "warning"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a segment starts: its number in the file (1-based, UNA not counted), its line
    (1-based) and its character offset."""

    segment: int
    line: int
    offset: int

    def to_dict(self) -> dict[str, int]:
        return {"segment": self.segment, "line": self.line, "offset": self.offset}

    def describe(self) -> str:
        return f"segment {self.segment}, line {self.line}"


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something odd in the file: ``code`` is stable, ``message`` is for a person."""

    code: str
    message: str
    position: Position

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "position": self.position.to_dict()}


@cache
def catalogue() -> Mapping[str, str]:
    """Every warning code the reader can raise and its meaning, from ``data/warnings.toml``."""
    text = resources.files("borderpost.passengers").joinpath("data/warnings.toml").read_text()
    return {code: str(raw["summary"]) for code, raw in tomllib.loads(text).items()}


def warning(code: str, position: Position, message: str) -> ParseWarning:
    """A warning of a catalogued kind (an uncatalogued code is a programming error)."""
    if code not in catalogue():
        raise KeyError(f"uncatalogued warning code {code!r}")
    return ParseWarning(code, message, position)
