"""Errors of the watchlist workflows, each meaning one thing an operator can act on."""

from __future__ import annotations

__all__ = [
    "EmptyImportError",
    "ListContentError",
    "ListInputError",
    "PhotoInputError",
    "UnknownEntryError",
    "UnknownListError",
    "UnknownPhotoError",
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


class UnknownEntryError(UnknownListError):
    """A list holds no current entry with the given id."""


class UnknownPhotoError(WatchlistError):
    """No lookout photo has the given id."""


class PhotoInputError(ListInputError):
    """An uploaded lookout photo cannot be used (not an image, too large, no usable face).

    ``code`` is stable (``image_undecodable``, ``image_too_large``, ``image_empty``,
    ``no_usable_face``, ``duplicate_photo``); the message says in words what is wrong.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
