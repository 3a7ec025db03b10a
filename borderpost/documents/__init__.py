"""Travel documents: ICAO 9303 machine readable zones read, checked, repaired and generated."""

from borderpost.documents.checks import check_digit
from borderpost.documents.findings import Finding, Severity
from borderpost.documents.generate import MrzFields, make_mrz
from borderpost.documents.mrz import parse
from borderpost.documents.repair import Repair, repair
from borderpost.documents.result import MrzResult
from borderpost.documents.typed import DocumentFields, FieldError, from_fields

__all__ = [
    "DocumentFields",
    "FieldError",
    "Finding",
    "MrzFields",
    "MrzResult",
    "Repair",
    "Severity",
    "check_digit",
    "from_fields",
    "make_mrz",
    "parse",
    "repair",
]
