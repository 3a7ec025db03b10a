"""Domain errors of the inspection workflow, one class per kind of refusal.

The web layer maps each class to an HTTP status in one place (``status`` is the suggestion);
the CLI prints the message. Every message says what is wrong and, where it helps, what to do.
"""

from __future__ import annotations

__all__ = ["Conflict", "Forbidden", "InspectionError", "Invalid", "NotFound"]


class InspectionError(Exception):
    """An inspection operation cannot be done as asked."""

    status = 400


class NotFound(InspectionError):
    """A named inspection, decision, hit, user or port does not exist."""

    status = 404


class Forbidden(InspectionError):
    """The user may not do this: wrong role, another port, inactive, or the same person twice."""

    status = 403


class Invalid(InspectionError):
    """The input cannot be used: unreadable MRZ, missing or too-short reason, unknown hit."""

    status = 422


class Conflict(InspectionError):
    """The record is not in a state that allows this (already decided, not pending, ...)."""

    status = 409
