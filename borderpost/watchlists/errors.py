"""Errors of the watchlist workflows, each meaning one thing an operator can act on."""

from __future__ import annotations

__all__ = [
    "BiometricInputError",
    "EmptyImportError",
    "FingerprintInputError",
    "ListContentError",
    "ListInputError",
    "PhotoInputError",
    "UnknownEntryError",
    "UnknownFingerprintError",
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


class UnknownFingerprintError(WatchlistError):
    """No lookout fingerprint has the given id."""


class BiometricInputError(ListInputError):
    """An uploaded lookout photo or fingerprint cannot be used; ``code`` is stable and the
    message says in words what is wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class PhotoInputError(BiometricInputError):
    """An uploaded lookout photo cannot be used (not an image, too large, no usable face).

    Codes: ``image_undecodable``, ``image_too_large``, ``image_empty``, ``no_usable_face``,
    ``duplicate_photo``.
    """


class FingerprintInputError(BiometricInputError):
    """An uploaded lookout fingerprint cannot be used.

    Codes: ``image_undecodable`` (corrupt image), ``wsq_unsupported``, ``fmr_malformed``,
    ``no_usable_ridges``, ``finger_position``, ``duplicate_fingerprint``, ``too_large``.
    """
