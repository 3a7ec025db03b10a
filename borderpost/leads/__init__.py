"""The leads service: a facts index in storage, leads raised as records arrive, analysts'
reviews. The scoring itself is pure domain (:mod:`borderpost.intel.leads`)."""

from borderpost.leads.index import (
    SqlCorpus,
    all_facts,
    record_arrived,
    record_facts,
    records_arrived,
)
from borderpost.leads.review import (
    VERDICTS,
    lead_detail,
    lead_queue,
    review_lead,
    undo_review,
)

__all__ = [
    "VERDICTS",
    "SqlCorpus",
    "all_facts",
    "lead_detail",
    "lead_queue",
    "record_arrived",
    "record_facts",
    "records_arrived",
    "review_lead",
    "undo_review",
]
