"""The verdict card: what an officer must see first, in the order they need it.

Built from the stored inspection (:func:`borderpost.records.inspection_record`) and the
traveller's history (:func:`borderpost.records.traveller_history`), both audited reads. The
colour follows the suggested action (green admit, amber refer, red refuse or detain) and is
always paired with words, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["VerdictCard", "card", "colour_of"]

_COLOURS = {"admit": "green", "refer": "amber", "refuse": "red", "detain": "red"}
_IN_FORCE = ("not_required", "approved")


def colour_of(action: str | None) -> str:
    """``green``, ``amber`` or ``red`` for a suggested action (unknown: amber)."""
    return _COLOURS.get(action or "", "amber")


@dataclass(frozen=True, slots=True)
class VerdictCard:
    """One inspection as the officer sees it, with what may still be done."""

    record: dict[str, Any]
    history: dict[str, Any] | None
    colour: str
    traveller_name: str
    open_hits: list[dict[str, Any]]
    decided: dict[str, Any] | None
    pending: dict[str, Any] | None

    @property
    def can_decide(self) -> bool:
        """Whether a decision may still be taken (none in force, none waiting)."""
        return self.decided is None and self.pending is None

    @property
    def reasons(self) -> list[str]:
        """Why the suggestion is what it is (the rules that fired)."""
        return [str(signal.get("reason", "")) for signal in self.record.get("signals") or []]


def _traveller_name(record: dict[str, Any]) -> str:
    document = record.get("document") or {}
    given = document.get("given_names") or ""
    surname = document.get("surname") or ""
    return f"{given} {surname}".strip()


def card(record: dict[str, Any], history: dict[str, Any] | None) -> VerdictCard:
    """The card of one inspection ``record`` with the traveller's ``history``."""
    decisions = record.get("decisions") or []
    decided = next((d for d in reversed(decisions) if d["approval"] in _IN_FORCE), None)
    pending = next((d for d in reversed(decisions) if d["approval"] == "pending"), None)
    hits = [
        *record.get("hits", []),
        *record.get("lost_stolen", []),
        *record.get("face_candidates", []),
        *record.get("fingerprint_candidates", []),
    ]
    return VerdictCard(
        record=record,
        history=history,
        colour=colour_of(record.get("suggested_action")),
        traveller_name=_traveller_name(record),
        open_hits=hits,
        decided=decided,
        pending=pending,
    )
