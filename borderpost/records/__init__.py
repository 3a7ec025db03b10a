"""Reading stored records for the people allowed to: an inspection, a traveller's history,
the decisions awaiting a supervisor. Every read of personal data is audited.

Access follows :mod:`borderpost.identity.roles`: a role that may search records (analyst,
auditor) reads across ports; a role that only reads travellers (officer, supervisor) reads
its own port's records.
"""

from borderpost.records.indicators import indicators_for
from borderpost.records.inspections import inspection_record, pending_approvals
from borderpost.records.scope import check_reader
from borderpost.records.travellers import traveller_history

__all__ = [
    "check_reader",
    "indicators_for",
    "inspection_record",
    "pending_approvals",
    "traveller_history",
]
