"""Audit: a hash-chained, append-only log of who did what, and officer-level indicators.

``chain`` is pure (canonical form, hashes, the verification walk); ``log`` appends to and
verifies the stored log; ``anomalies`` reads the records for supervisors and auditors.
"""

from borderpost.audit.chain import GENESIS_HASH, BreakKind, VerifyResult
from borderpost.audit.log import Anchor, AuditError, append, head, verify

__all__ = [
    "GENESIS_HASH",
    "Anchor",
    "AuditError",
    "BreakKind",
    "VerifyResult",
    "append",
    "head",
    "verify",
]
