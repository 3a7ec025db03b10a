"""The thresholds and permit rules an inspection works with, built from the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from borderpost.config import Settings
from borderpost.inspection.permits import PermitRules, load_permit_rules

__all__ = ["DEFAULT_PERMIT", "InspectionPolicy"]

#: The permit type of an admitted entry when the officer names none.
DEFAULT_PERMIT = "visitor"


@dataclass(frozen=True, slots=True)
class InspectionPolicy:
    """Thresholds (see :class:`borderpost.config.Settings`) and the permitted-stay rules."""

    high_risk_threshold: float = 0.90
    traveller_match_threshold: float = 0.90
    face_match_threshold: float = 0.6
    face_search_min_score: float = 0.5
    finger_match_threshold: int = 40
    permits: PermitRules = field(default_factory=load_permit_rules)

    @classmethod
    def from_settings(cls, settings: Settings) -> InspectionPolicy:
        return cls(
            high_risk_threshold=settings.high_risk_threshold,
            traveller_match_threshold=settings.traveller_match_threshold,
            face_match_threshold=settings.face_match_threshold,
            face_search_min_score=settings.face_search_min_score,
            finger_match_threshold=settings.finger_match_threshold,
        )
