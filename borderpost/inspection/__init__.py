"""Port-of-entry inspection: the primary workflow, four-eyes decisions, ports and permits.

``inspect`` reads the document, identifies and screens the traveller, finds their history
and suggests an action; ``decide`` records the officer's call; ``approve``/``reject`` are the
supervisor's. Domain errors (:mod:`borderpost.inspection.errors`) say what went wrong.
"""

from borderpost.inspection.chip import ChipData
from borderpost.inspection.deciding import approve, decide, reject
from borderpost.inspection.errors import Conflict, Forbidden, InspectionError, Invalid, NotFound
from borderpost.inspection.policy import InspectionPolicy
from borderpost.inspection.result import DecisionResult, HitView, InspectionResult
from borderpost.inspection.workflow import inspect

__all__ = [
    "ChipData",
    "Conflict",
    "DecisionResult",
    "Forbidden",
    "HitView",
    "InspectionError",
    "InspectionPolicy",
    "InspectionResult",
    "Invalid",
    "NotFound",
    "approve",
    "decide",
    "inspect",
    "reject",
]
