"""The result of reading an MRZ: parsed fields, check results, validity and findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from borderpost.documents.findings import Finding, Severity

if TYPE_CHECKING:
    from borderpost.documents.repair import Repair


_EMPTY: Mapping[str, Any] = {}


class MrzResult(NamedTuple):
    """What a machine readable zone says and what is wrong with it (immutable).

    ``valid`` means: the geometry is right, every character fits its field, every check
    digit agrees and every date is a calendar date. Expiry, country-code knowledge and
    the like are findings, not part of ``valid``.

    A named tuple rather than a frozen dataclass: it is built once per document read,
    and a tuple is built several times faster (measured in bench/mrz.py).
    """

    mrz: str
    type: str | None
    reference_date: dt.date
    document_code: str | None = None
    issuing_state: str | None = None
    issuing_state_name: str | None = None
    surname: str | None = None
    given_names: str | None = None
    name_truncated_possible: bool = False
    document_number: str | None = None
    document_number_extended: bool = False
    nationality: str | None = None
    nationality_name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    expiry_date: dt.date | None = None
    optional_data: str | None = None
    optional_data_2: str | None = None
    personal_number: str | None = None
    raw: Mapping[str, str] = _EMPTY
    checks: Mapping[str, bool] = _EMPTY
    valid: bool = False
    findings: tuple[Finding, ...] = ()
    repair: Repair | None = None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def has(self, code: str) -> bool:
        """True when a finding with ``code`` was raised."""
        return any(f.code == code for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of ``borderpost mrz check --json``."""

        def iso(value: dt.date | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "type": self.type,
            "document_code": self.document_code,
            "issuing_state": self.issuing_state,
            "issuing_state_name": self.issuing_state_name,
            "surname": self.surname,
            "given_names": self.given_names,
            "name_truncated_possible": self.name_truncated_possible,
            "document_number": self.document_number,
            "document_number_extended": self.document_number_extended,
            "nationality": self.nationality,
            "nationality_name": self.nationality_name,
            "birth_date": iso(self.birth_date),
            "expiry_date": iso(self.expiry_date),
            "sex": self.sex,
            "optional_data": self.optional_data,
            "optional_data_2": self.optional_data_2,
            "personal_number": self.personal_number,
            "checks": dict(self.checks),
            "valid": self.valid,
            "findings": [f.to_dict() for f in self.findings],
            "raw": dict(self.raw),
            "reference_date": self.reference_date.isoformat(),
            "mrz": self.mrz,
            "repair": self.repair.to_dict() if self.repair is not None else None,
        }
