"""The leads service: a facts index in storage, leads raised as records arrive, analysts'
reviews. The scoring itself is pure domain (:mod:`borderpost.intel.leads`)."""

from borderpost.leads.index import (
    SqlCorpus,
    all_facts,
    record_arrived,
    record_facts,
    records_arrived,
)
from borderpost.leads.network import network_context
from borderpost.leads.network import refresh as refresh_network
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
    "network_context",
    "record_arrived",
    "record_facts",
    "records_arrived",
    "refresh_network",
    "review_lead",
    "undo_review",
]
