"""Findings: what the engine says about a document, each with a stable code and a reason."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the engine found: ``code`` is stable, ``message`` is for a person."""

    code: str
    severity: Severity
    field: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class FindingKind:
    code: str
    severity: Severity
    summary: str


@cache
def catalogue() -> Mapping[str, FindingKind]:
    """Every finding code the engine can raise, from ``data/findings.toml``."""
    text = resources.files("borderpost.documents").joinpath("data/findings.toml").read_text("utf-8")
    return {
        code: FindingKind(code, Severity(raw["severity"]), str(raw["summary"]))
        for code, raw in tomllib.loads(text).items()
    }


def finding(code: str, field: str | None, message: str) -> Finding:
    """A finding of a catalogued kind (an uncatalogued code is a programming error)."""
    return Finding(code, catalogue()[code].severity, field, message)
