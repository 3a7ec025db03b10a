"""Evidence of identity (ICAO TRIP): which objectives an application's verified evidence meets.

The kinds of evidence, the objectives each serves and the verification results are data
(``data/evidence.yaml``). "Living" is also met by a registry reference list that knows the
identity as living; "sole claimant" by a duplicate search with no open or confirmed candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "EvidenceItem",
    "EvidenceKinds",
    "ObjectiveStatus",
    "assess",
    "evidence_kinds",
]


@dataclass(frozen=True, slots=True)
class EvidenceKinds:
    """The objectives, the kinds of evidence and the objectives each serves, the results."""

    objectives: Mapping[str, str]
    kinds: Mapping[str, tuple[str, ...]]
    results: Mapping[str, str]

    def check_kind(self, kind: str) -> str:
        """``kind`` normalised, or ValueError naming the known kinds."""
        key = kind.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in self.kinds:
            raise ValueError(f"evidence kind {kind!r} is not one of {', '.join(self.kinds)}")
        return key

    def check_result(self, result: str) -> str:
        """``result`` normalised, or ValueError naming the known results."""
        key = result.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in self.results:
            raise ValueError(
                f"verification result {result!r} is not one of {', '.join(self.results)}"
            )
        return key


@cache
def evidence_kinds() -> EvidenceKinds:
    """``data/evidence.yaml``, read once."""
    path = resources.files("borderpost.issuance").joinpath("data/evidence.yaml")
    raw: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    objectives = {str(k): " ".join(str(v).split()) for k, v in raw["objectives"].items()}
    kinds = {str(k): tuple(str(o) for o in v) for k, v in raw["kinds"].items()}
    for kind, served in kinds.items():
        unknown = set(served) - set(objectives)
        if unknown:  # pragma: no cover - guards the shipped file
            raise ValueError(f"evidence kind {kind} serves unknown objectives {sorted(unknown)}")
    results = {str(k): " ".join(str(v).split()) for k, v in raw["results"].items()}
    return EvidenceKinds(objectives, kinds, results)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A piece of evidence as recorded: kind, issuer, number and verification."""

    kind: str
    issuer: str
    number: str
    result: str
    verified_by: str


@dataclass(frozen=True, slots=True)
class ObjectiveStatus:
    """Whether an objective is met, and by what (or what is missing)."""

    objective: str
    met: bool
    by: tuple[str, ...]
    explains: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "objective": self.objective,
            "met": self.met,
            "by": list(self.by),
            "explains": self.explains,
        }


def assess(
    evidence: Iterable[EvidenceItem], *, registry_living: bool, sole_claimant: bool
) -> list[ObjectiveStatus]:
    """Each objective, met or not, with the verified evidence (or checks) that meet it."""
    table = evidence_kinds()
    serving: dict[str, list[str]] = {objective: [] for objective in table.objectives}
    for item in evidence:
        if item.result != "verified":
            continue
        for objective in table.kinds.get(item.kind, ()):
            serving[objective].append(f"{item.kind} {item.number} ({item.issuer})")
    if registry_living:
        serving["living"].append("civil registry lists the identity as living")
    if sole_claimant:
        serving["sole_claimant"].append("duplicate search: no open or confirmed candidate")
    return [
        ObjectiveStatus(objective, bool(by), tuple(by), table.objectives[objective])
        for objective, by in serving.items()
    ]
