"""Errors of the cash-control domain: one class per kind of refusal, each message naming
what is wrong. The services reuse the inspection errors (and their HTTP statuses)."""

from __future__ import annotations

__all__ = ["CashError", "ProfileError", "RateError"]


class CashError(ValueError):
    """A cash declaration, profile or rate cannot be used as given."""


class ProfileError(CashError):
    """A jurisdiction profile file is missing, unreadable or inconsistent."""


class RateError(CashError):
    """An exchange-rate table cannot be read, or has no rate for a currency on a day."""
