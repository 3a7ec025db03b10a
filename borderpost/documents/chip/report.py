"""The answer of passive authentication, with the stable JSON shape of ``chip verify``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from borderpost.documents import MrzResult
from borderpost.documents.chip.certificate import Certificate
from borderpost.documents.chip.findings import Finding, Severity, chip_finding
from borderpost.documents.chip.keys import ChipKey


@dataclass(frozen=True, slots=True)
class ChipReport:
    """Passive authentication's verdict: ``authentic`` only when every check passed."""

    sod_signature_valid: bool
    dsc: Certificate | None
    chain_valid: bool
    trust_anchor: Certificate | None
    dg_hash_algorithm: str | None
    dg_hashes: Mapping[int, bytes]
    dg_matches: Mapping[int, bool]
    authentic: bool
    findings: tuple[Finding, ...]
    signature_scheme: str | None = None
    signing_time: dt.datetime | None = None
    chip_mrz: MrzResult | None = field(default=None, repr=False)
    chip_keys: tuple[ChipKey, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def has(self, code: str) -> bool:
        return any(f.code == code for f in self.findings)

    @property
    def verdict(self) -> str:
        """``authentic``, ``unverified`` (no failed check, but the chain or data is missing)
        or ``failed`` (a signature, hash or consistency check failed)."""
        if self.authentic:
            return "authentic"
        failing = {f.code for f in self.errors} - {"csca_unknown"}
        return "failed" if failing else "unverified"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``borderpost chip verify --json`` (an interface: keep it stable)."""
        return {
            "sod_signature_valid": self.sod_signature_valid,
            "dsc": None
            if self.dsc is None
            else {
                "subject": self.dsc.subject,
                "issuer": self.dsc.issuer,
                "serial": self.dsc.serial_hex,
            },
            "chain_valid": self.chain_valid,
            "trust_anchor": None if self.trust_anchor is None else self.trust_anchor.subject,
            "dg_hash_algorithm": self.dg_hash_algorithm,
            "dg_hashes": {str(n): value.hex() for n, value in sorted(self.dg_hashes.items())},
            "dg_matches": {str(n): ok for n, ok in sorted(self.dg_matches.items())},
            "authentic": self.authentic,
            "findings": [
                {"code": f.code, "severity": f.severity.value, "message": f.message}
                for f in self.findings
            ],
        }


def failed(code: str, field_name: str | None, message: str) -> ChipReport:
    """The report for input that could not be verified at all (unreadable, malformed)."""
    return ChipReport(
        sod_signature_valid=False,
        dsc=None,
        chain_valid=False,
        trust_anchor=None,
        dg_hash_algorithm=None,
        dg_hashes={},
        dg_matches={},
        authentic=False,
        findings=(chip_finding(code, field_name, message),),
    )
