"""Pre-arrival targeting: each traveller of an airline manifest screened against watchlists
and lost/stolen documents, their documents checked and targeting rules (kept as data) run over
manifest and booking facts; every hit reviewed by a person; API and PNR data kept only as
long as the retention policy allows.

The pure parts (:mod:`.rules`, :mod:`.facts`, :mod:`.documents`, :mod:`.assess`) need no
database; :mod:`.pipeline`, :mod:`.review` and :mod:`.retention` are services over the store.
"""

from borderpost.targeting.assess import (
    Assessment,
    ManifestAssessment,
    assess_manifest,
    assess_reading,
)
from borderpost.targeting.documents import DocumentCheck, check_documents
from borderpost.targeting.facts import FACTS, KnownSubjects, TravelContext, parse_master_crew
from borderpost.targeting.rules import Rule, RuleError, default_rules, load_rules, parse_rules

__all__ = [
    "FACTS",
    "Assessment",
    "DocumentCheck",
    "KnownSubjects",
    "ManifestAssessment",
    "Rule",
    "RuleError",
    "TravelContext",
    "assess_manifest",
    "assess_reading",
    "check_documents",
    "default_rules",
    "load_rules",
    "parse_master_crew",
    "parse_rules",
]
