"""Domain errors of passport issuance. Each subclasses the shared kinds of
:mod:`borderpost.inspection.errors`, so the web layer answers them with the right status
(404, 403, 409, 422) from its one table; the CLI prints the message."""

from __future__ import annotations

from borderpost.inspection.errors import Conflict, Forbidden, Invalid, NotFound

__all__ = [
    "IssuanceConflict",
    "IssuanceInvalid",
    "IssuanceNotFound",
    "SelfApprovalError",
    "StockError",
]


class IssuanceNotFound(NotFound):
    """No such application, candidate, alert or booklet."""


class IssuanceInvalid(Invalid):
    """The input cannot be used (a bad date, an unknown evidence kind, a short reason)."""


class IssuanceConflict(Conflict):
    """The application is not in a state that allows this (open alerts, open candidates...)."""


class SelfApprovalError(Forbidden):
    """Maker-checker: no one approves (or overrides alerts on) an application they took."""


class StockError(Conflict):
    """A booklet movement the ledger refuses, or a broken stock invariant."""
