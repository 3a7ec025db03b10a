"""Chip findings: named codes with severity and message, as the MRZ engine reports them.

The codes and their meanings live in ``data/findings.toml``; :class:`Finding` is the
documents engine's own type (``field`` names the chip element: ``sod``, ``dsc``, ``csca``,
``dg1`` ...).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

from borderpost.documents.findings import Finding, FindingKind, Severity

__all__ = ["Finding", "Severity", "catalogue", "chip_finding"]


@cache
def catalogue() -> Mapping[str, FindingKind]:
    """Every finding code chip verification can raise."""
    text = (
        resources.files("borderpost.documents.chip")
        .joinpath("data/findings.toml")
        .read_text("utf-8")
    )
    return {
        code: FindingKind(code, Severity(raw["severity"]), str(raw["summary"]))
        for code, raw in tomllib.loads(text).items()
    }


def chip_finding(code: str, field: str | None, message: str) -> Finding:
    """A finding of a catalogued kind (an uncatalogued code is a programming error)."""
    return Finding(code, catalogue()[code].severity, field, message)
