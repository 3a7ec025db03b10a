"""What can go wrong in synchronisation, as errors that name the cause."""

from __future__ import annotations

__all__ = [
    "NotAPostError",
    "PostAuthError",
    "PostForbiddenError",
    "SequenceGapError",
    "SyncApplyError",
    "SyncError",
    "SyncTransportError",
]


class SyncError(Exception):
    """Base of synchronisation errors."""


class NotAPostError(SyncError):
    """This database has not been set up as a post (``borderpost post init``)."""


class PostAuthError(SyncError):
    """The request carries no post key, or one HQ does not know."""


class PostForbiddenError(SyncError):
    """A post sent something it may not: another post's records, another port's records."""


class SequenceGapError(SyncError):
    """A batch starts after the next sequence HQ expects: events would be skipped."""


class SyncApplyError(SyncError):
    """An event cannot be applied as sent (unknown table, missing parent, bad value)."""


class SyncTransportError(SyncError):
    """HQ could not be reached, or answered with an error."""
