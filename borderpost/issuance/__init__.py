"""Passport issuance integrity: applications with evidence of identity, integrity rules kept
as data, duplicate-identity search (1:N) with an adjudication queue, the blank-booklet stock
ledger feeding the lost/stolen list, and insider signals for auditors.

Pure modules (no I/O): :mod:`rules`, :mod:`integrity`, :mod:`evidence`, :mod:`registry`,
:mod:`duplicates`, :mod:`ledger`, :mod:`signals`. Services (the caller's session, never
committing): :mod:`applications`, :mod:`views`, :mod:`decisions`, :mod:`adjudication`, :mod:`stock`,
:mod:`registry_store`, :mod:`insider`.
"""

from borderpost.issuance.errors import (
    IssuanceConflict,
    IssuanceInvalid,
    IssuanceNotFound,
    SelfApprovalError,
    StockError,
)
from borderpost.issuance.rules import RuleBook, RulesError, default_rules, load_rules

__all__ = [
    "IssuanceConflict",
    "IssuanceInvalid",
    "IssuanceNotFound",
    "RuleBook",
    "RulesError",
    "SelfApprovalError",
    "StockError",
    "default_rules",
    "load_rules",
]
