"""SQLAlchemy models. Every table belongs to ``metadata``, so migrations are checked against it."""

from borderpost.store.models.audit import AuditEvent
from borderpost.store.models.base import Base, metadata
from borderpost.store.models.biometrics import ApplicationFace, LiveFaceCapture
from borderpost.store.models.casework import (
    CaseArrest,
    CaseEntity,
    CaseLink,
    CaseSeizure,
    CaseSeizureItem,
)
from borderpost.store.models.cash import (
    CashDeclaration,
    CashDetention,
    CashLine,
    CashOffence,
    CashParty,
    CashRate,
    FiuSubmission,
)
from borderpost.store.models.conveyances import (
    CargoContainer,
    CargoManifestRecord,
    ConsignmentRecord,
    ContainerExamination,
    StolenVehicleHit,
    StolenVehicleRecord,
    Vehicle,
    VehicleCrossing,
    VehicleOccupant,
)
from borderpost.store.models.crossings import Crossing, Stay
from borderpost.store.models.documents import DocumentCheck
from borderpost.store.models.inspections import Decision, Inspection, Referral, ScreeningHit
from borderpost.store.models.issuance import (
    Booklet,
    BookletMovement,
    CivilRegistryEntry,
    DuplicateCandidate,
    IssuanceAlert,
    IssuanceApplication,
    IssuanceEvidence,
    IssuedPassport,
)
from borderpost.store.models.judgements import ResolutionJudgement
from borderpost.store.models.leads import IntelIdentifier, IntelLead, IntelLeadReview, IntelRecord
from borderpost.store.models.lookout_fingerprints import LookoutFingerprint
from borderpost.store.models.lookout_photos import LookoutPhoto
from borderpost.store.models.lost_stolen import LostStolenDocument
from borderpost.store.models.ports import Port
from borderpost.store.models.sync import (
    OutboxEvent,
    PostAuditEvent,
    SyncIdMap,
    SyncListState,
    SyncNode,
    SyncPost,
)
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
from borderpost.store.models.trust import TrustedCsca
from borderpost.store.models.users import User
from borderpost.store.models.watchlists import (
    Watchlist,
    WatchlistChange,
    WatchlistEntry,
    WatchlistVersion,
)

__all__ = [
    "ApplicationFace",
    "ArrivalLookout",
    "AuditEvent",
    "Base",
    "Booklet",
    "BookletMovement",
    "CargoContainer",
    "CargoManifestRecord",
    "CaseArrest",
    "CaseEntity",
    "CaseLink",
    "CaseSeizure",
    "CaseSeizureItem",
    "CashDeclaration",
    "CashDetention",
    "CashLine",
    "CashOffence",
    "CashParty",
    "CashRate",
    "CivilRegistryEntry",
    "ConsignmentRecord",
    "ContainerExamination",
    "Crossing",
    "Decision",
    "DocumentCheck",
    "DocumentSeen",
    "DuplicateCandidate",
    "FiuSubmission",
    "HitReview",
    "Inspection",
    "IntelIdentifier",
    "IntelLead",
    "IntelLeadReview",
    "IntelRecord",
    "IssuanceAlert",
    "IssuanceApplication",
    "IssuanceEvidence",
    "IssuedPassport",
    "LiveFaceCapture",
    "LookoutFingerprint",
    "LookoutPhoto",
    "LostStolenDocument",
    "ManifestTraveller",
    "OutboxEvent",
    "PnrBooking",
    "Port",
    "PostAuditEvent",
    "Referral",
    "ResolutionJudgement",
    "ScreeningHit",
    "Stay",
    "StolenVehicleHit",
    "StolenVehicleRecord",
    "SyncIdMap",
    "SyncListState",
    "SyncNode",
    "SyncPost",
    "TargetedManifest",
    "TargetingAssessment",
    "TargetingHit",
    "Traveller",
    "TrustedCsca",
    "User",
    "Vehicle",
    "VehicleCrossing",
    "VehicleOccupant",
    "Watchlist",
    "WatchlistChange",
    "WatchlistEntry",
    "WatchlistVersion",
    "metadata",
]
