"""Errors of the watchlist workflows, each meaning one thing an operator can act on."""

from __future__ import annotations

__all__ = [
    "EmptyImportError",
    "ListContentError",
    "ListInputError",
    "UnknownListError",
    "UnknownVersionError",
    "WatchlistError",
]


class WatchlistError(Exception):
    """A watchlist operation cannot be done; nothing was stored."""


class ListInputError(WatchlistError):
    """The files given for an import are unusable (missing, wrong kind, wrong number)."""


class UnknownListError(WatchlistError):
    """A named list is not stored."""


class UnknownVersionError(WatchlistError):
    """A list has no version with the given number or label."""


class EmptyImportError(WatchlistError):
    """An import holds no entries and would mark every stored entry of the list removed."""


class ListContentError(WatchlistError):
    """A list file cannot be read as the format given (the message names file and line)."""
