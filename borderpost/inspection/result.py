"""What an inspection and a decision answer: immutable values with a stable JSON shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from borderpost.documents import MrzResult
from borderpost.documents.chip import ChipReport
from borderpost.inspection.history import History
from borderpost.inspection.suggest import HitKind, Suggestion

__all__ = [
    "DecisionResult",
    "DocumentVerdict",
    "HitView",
    "InspectionResult",
    "chip_json",
    "document_verdict",
]

DocumentVerdict = Literal["valid", "alert", "invalid"]


def document_verdict(document: MrzResult) -> DocumentVerdict:
    """``invalid`` (geometry, characters, check digits or dates wrong), ``alert`` (readable but
    with error findings, e.g. expired), or ``valid``."""
    if not document.valid:
        return "invalid"
    return "alert" if document.errors else "valid"


def chip_json(report: ChipReport | None) -> dict[str, Any] | None:
    """The chip verdict beside the MRZ verdict: ``verdict`` plus ``chip verify --json``."""
    if report is None:
        return None
    return {"verdict": report.verdict, **report.to_dict()}


@dataclass(frozen=True, slots=True)
class HitView:
    """A stored hit as the officer sees it; ``high_risk``: clearing it needs a supervisor."""

    id: int
    kind: HitKind
    list_name: str
    entry_id: str
    name: str
    matched_name: str
    score: float
    reasons: tuple[str, ...]
    high_risk: bool
    #: For a face hit: the lookout photo the face resembles.
    photo: int | None = None

    def to_dict(self) -> dict[str, Any]:
        extra: dict[str, Any] = {} if self.photo is None else {"photo": self.photo}
        return {
            "id": self.id,
            "kind": self.kind,
            "list": self.list_name,
            "entry_id": self.entry_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "high_risk": self.high_risk,
            "reasons": list(self.reasons),
            **extra,
        }


@dataclass(frozen=True, slots=True)
class InspectionResult:
    """One answer for the officer: document, hits, history and the suggested action."""

    inspection_id: int
    port: str
    direction: Literal["entry", "exit"]
    officer: str
    at: dt.datetime
    document: MrzResult
    verdict: DocumentVerdict
    hits: tuple[HitView, ...]
    history: History
    suggestion: Suggestion
    chip: ChipReport | None = None
    face: dict[str, Any] | None = None
    #: What became of each fingerprint from the scanner (searched or not, and why).
    fingerprints: tuple[dict[str, Any], ...] = ()

    @property
    def watchlist_hits(self) -> tuple[HitView, ...]:
        return tuple(hit for hit in self.hits if hit.kind == "watchlist")

    @property
    def document_hits(self) -> tuple[HitView, ...]:
        """Lost/stolen document reports the document matched."""
        return tuple(hit for hit in self.hits if hit.kind == "document")

    @property
    def face_hits(self) -> tuple[HitView, ...]:
        """Lookout photos the face resembles (1:N), for an officer to confirm."""
        return tuple(hit for hit in self.hits if hit.kind == "face")

    @property
    def fingerprint_hits(self) -> tuple[HitView, ...]:
        """Lookout fingerprints a print matches (1:N), for an officer to confirm."""
        return tuple(hit for hit in self.hits if hit.kind == "fingerprint")

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``borderpost inspect --json``."""
        doc = self.document
        return {
            "inspection": self.inspection_id,
            "port": self.port,
            "direction": self.direction,
            "officer": self.officer,
            "at": self.at.isoformat(),
            "document": {
                "verdict": self.verdict,
                "valid": doc.valid,
                "type": doc.type,
                "document_code": doc.document_code,
                "issuing_state": doc.issuing_state,
                "document_number": doc.document_number,
                "surname": doc.surname,
                "given_names": doc.given_names,
                "nationality": doc.nationality,
                "birth_date": None if doc.birth_date is None else doc.birth_date.isoformat(),
                "expiry_date": None if doc.expiry_date is None else doc.expiry_date.isoformat(),
                "sex": doc.sex,
                "findings": [finding.to_dict() for finding in doc.findings],
            },
            "chip": chip_json(self.chip),
            "face": self.face,
            "hits": [hit.to_dict() for hit in self.watchlist_hits],
            "lost_stolen": [hit.to_dict() for hit in self.document_hits],
            "face_candidates": [hit.to_dict() for hit in self.face_hits],
            "fingerprints": list(self.fingerprints),
            "fingerprint_candidates": [hit.to_dict() for hit in self.fingerprint_hits],
            "history": self.history.to_dict(),
            "suggestion": {
                "action": self.suggestion.action,
                "reasons": list(self.suggestion.reasons),
                "signals": [signal.to_dict() for signal in self.suggestion.signals],
            },
        }


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """A recorded decision: in force now (``not_required``/``approved``), ``pending`` a
    supervisor, or ``rejected``; ``effects`` says what it changed (crossing, stay, referral)."""

    decision_id: int
    inspection_id: int
    decision: str
    approval: str
    approval_reasons: tuple[str, ...]
    suggestion: str
    override: bool
    effects: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision_id,
            "inspection": self.inspection_id,
            "action": self.decision,
            "approval": self.approval,
            "approval_reasons": list(self.approval_reasons),
            "suggestion": self.suggestion,
            "override": self.override,
            "effects": list(self.effects),
        }
