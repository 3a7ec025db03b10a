"""SQLAlchemy models. Every table belongs to ``metadata``, so migrations are checked against it."""

from borderpost.store.models.audit import AuditEvent
from borderpost.store.models.base import Base, metadata
from borderpost.store.models.crossings import Crossing, Stay
from borderpost.store.models.documents import DocumentCheck
from borderpost.store.models.inspections import Decision, Inspection, Referral, ScreeningHit
from borderpost.store.models.judgements import ResolutionJudgement
from borderpost.store.models.leads import IntelIdentifier, IntelLead, IntelLeadReview, IntelRecord
from borderpost.store.models.lost_stolen import LostStolenDocument
from borderpost.store.models.ports import Port
from borderpost.store.models.targeting import (
    ArrivalLookout,
    HitReview,
    ManifestTraveller,
    PnrBooking,
    TargetedManifest,
    TargetingAssessment,
    TargetingHit,
)
from borderpost.store.models.travellers import DocumentSeen, Traveller
from borderpost.store.models.users import User
from borderpost.store.models.watchlists import (
    Watchlist,
    WatchlistChange,
    WatchlistEntry,
    WatchlistVersion,
)

__all__ = [
    "ArrivalLookout",
    "AuditEvent",
    "Base",
    "Crossing",
    "Decision",
    "DocumentCheck",
    "DocumentSeen",
    "HitReview",
    "Inspection",
    "IntelIdentifier",
    "IntelLead",
    "IntelLeadReview",
    "IntelRecord",
    "LostStolenDocument",
    "ManifestTraveller",
    "PnrBooking",
    "Port",
    "Referral",
    "ResolutionJudgement",
    "ScreeningHit",
    "Stay",
    "TargetedManifest",
    "TargetingAssessment",
    "TargetingHit",
    "Traveller",
    "User",
    "Watchlist",
    "WatchlistChange",
    "WatchlistEntry",
    "WatchlistVersion",
    "metadata",
]
