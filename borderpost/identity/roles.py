"""Roles and the permissions table: which role may do what, as one readable mapping.

Separation of duties is deliberate: an administrator manages accounts, ports and lists but
does not inspect travellers or read the audit log; an auditor reads everything and changes
nothing; an analyst searches records but takes no decision at the border.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = ["PERMISSIONS", "Permission", "Role", "can", "parse_role"]


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    AUDITOR = "auditor"
    ADMIN = "admin"
    ISSUANCE_OFFICER = "issuance_officer"
    ISSUANCE_SUPERVISOR = "issuance_supervisor"


class Permission(StrEnum):
    INSPECT = "inspect"
    """Run a primary inspection: read the document, screen the traveller."""
    READ_TRAVELLER = "traveller.read"
    """Read a traveller's personal data and travel history (each read is audited)."""
    CLEAR_HIT = "hit.clear"
    """Clear a screening hit as a false match, with a reason."""
    DECIDE = "decision.make"
    """Admit, refer, refuse or detain."""
    OVERRIDE = "decision.override"
    """Decide differently from the suggested action."""
    APPROVE = "decision.approve"
    """Approve (or reject) a decision that needs a supervisor."""
    HANDLE_REFERRAL = "referral.handle"
    """Take and close referrals to secondary inspection."""
    SEARCH_RECORDS = "records.search"
    """Search crossings, inspections and stays across ports."""
    READ_AUDIT = "audit.read"
    """Read and verify the audit log."""
    VIEW_INDICATORS = "audit.officers"
    """See officer-level indicators (clearances, overrides, out-of-shift activity)."""
    MANAGE_USERS = "users.manage"
    """Create, lock, unlock and deactivate accounts."""
    MANAGE_PORTS = "ports.manage"
    """Register ports of entry and their shifts."""
    MANAGE_LISTS = "lists.manage"
    """Import watchlists and lost/stolen document lists."""
    ADD_LOOKOUT = "lists.lookout"
    """Add one national lookout, or report one lost/stolen document (the console's forms)."""
    SUBMIT_MANIFEST = "targeting.submit"
    """Submit an airline manifest (PAXLST/PNRGOV) for pre-arrival assessment."""
    REVIEW_HIT = "targeting.review"
    """Review a targeting hit: record its outcome (confirmed, false match, ...)."""
    READ_TARGETING = "targeting.read"
    """Read manifests, assessments, the review queue and per-rule statistics."""
    READ_LOOKOUTS = "targeting.lookouts"
    """See the lookouts sent to one's port by confirmed targeting hits."""
    UNMASK_PNR = "pnr.unmask"
    """Read masked PNR data back, with a recorded justification (audited)."""
    CHECK_VEHICLE = "vehicle.check"
    """Check a VIN or plate against the stolen-vehicle lists and record vehicle crossings."""
    DECIDE_VEHICLE_HIT = "vehicle.hit"
    """Confirm or dismiss a stolen-vehicle hit at one's port, with a reason."""
    SUBMIT_CARGO = "cargo.submit"
    """Submit a cargo manifest (CUSCAR or CSV) for container targeting; draw random controls."""
    READ_CARGO = "cargo.read"
    """Read cargo manifests, container selections, examinations and hit-rate statistics."""
    EXAMINE_CARGO = "cargo.examine"
    """Record the result of a container examination."""
    RECORD_CASE = "casework.record"
    """Record a seizure or an arrest (officers and supervisors at their own port)."""
    READ_CASEWORK = "casework.read"
    """Browse seizures, arrests, the persons and things they name, and their links (audited)."""
    MANAGE_CASEWORK = "casework.manage"
    """Add entities and links by hand, import seizure ledgers."""
    READ_SYNC = "sync.read"
    """See every remote post's last contact, backlog and list age."""
    DECLARE_CASH = "cash.declare"
    """Record a cash declaration, disclosure or ex officio finding at one's port."""
    READ_CASH = "cash.read"
    """Read cash declarations and detentions (personal data: each read is audited)."""
    DETAIN_CASH = "cash.detain"
    """Detain cash on a legal basis, and release it."""
    EXPORT_FIU = "cash.fiu"
    """Export declarations to the FIU and track submissions and their timeliness."""
    READ_CASH_ALERTS = "cash.alerts"
    """Run cash-courier detection and read its alerts."""
    MANAGE_CASH_RATES = "cash.rates"
    """Import the exchange-rate table used to convert declarations."""
    ENROL = "issuance.enrol"
    """Take a passport application: identity, evidence, identity checks, collection."""
    READ_APPLICATION = "issuance.read"
    """Read passport applications and their personal data (each read is audited)."""
    APPROVE_ISSUANCE = "issuance.approve"
    """Approve or reject someone else's application; override an integrity alert."""
    ADJUDICATE = "issuance.adjudicate"
    """Decide a duplicate-identity candidate (same person or not), with a reason."""
    READ_STOCK = "issuance.stock.read"
    """See the blank-booklet ledger and its balance."""
    MANAGE_STOCK = "issuance.stock.manage"
    """Receive, move, spoil, destroy (with a witness) and report missing booklets."""
    READ_INSIDER_SIGNALS = "issuance.signals"
    """See insider signals on issuance staff, with the figures behind each."""
    MANAGE_REGISTRY = "issuance.registry"
    """Import the civil registry reference list (deceased / living identities)."""
    READ_INTEL = "intel.read"
    """Read leads, the network of records, the map and the timeline (reads of leads audited)."""
    REVIEW_LEAD = "intel.review"
    """Review a lead: actionable, dismissed (with a reason) or unsure; undo a review."""


_P = Permission

PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.OFFICER: frozenset(
        {
            _P.INSPECT,
            _P.READ_TRAVELLER,
            _P.CLEAR_HIT,
            _P.DECIDE,
            _P.HANDLE_REFERRAL,
            _P.READ_LOOKOUTS,
            _P.CHECK_VEHICLE,
            _P.DECIDE_VEHICLE_HIT,
            _P.READ_CARGO,
            _P.EXAMINE_CARGO,
            _P.RECORD_CASE,
            _P.DECLARE_CASH,
            _P.READ_CASH,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            _P.INSPECT,
            _P.READ_TRAVELLER,
            _P.CLEAR_HIT,
            _P.DECIDE,
            _P.HANDLE_REFERRAL,
            _P.OVERRIDE,
            _P.APPROVE,
            _P.VIEW_INDICATORS,
            _P.READ_LOOKOUTS,
            _P.CHECK_VEHICLE,
            _P.DECIDE_VEHICLE_HIT,
            _P.READ_CARGO,
            _P.EXAMINE_CARGO,
            _P.RECORD_CASE,
            _P.DECLARE_CASH,
            _P.READ_CASH,
            _P.DETAIN_CASH,
        }
    ),
    Role.ANALYST: frozenset(
        {
            _P.READ_TRAVELLER,
            _P.SEARCH_RECORDS,
            _P.ADD_LOOKOUT,
            _P.SUBMIT_MANIFEST,
            _P.REVIEW_HIT,
            _P.READ_TARGETING,
            _P.READ_LOOKOUTS,
            _P.UNMASK_PNR,
            _P.SUBMIT_CARGO,
            _P.READ_CARGO,
            _P.RECORD_CASE,
            _P.READ_CASEWORK,
            _P.MANAGE_CASEWORK,
            _P.READ_CASH,
            _P.EXPORT_FIU,
            _P.READ_CASH_ALERTS,
            _P.MANAGE_CASH_RATES,
            _P.READ_INTEL,
            _P.REVIEW_LEAD,
        }
    ),
    Role.AUDITOR: frozenset(
        {
            _P.READ_TRAVELLER,
            _P.SEARCH_RECORDS,
            _P.READ_AUDIT,
            _P.VIEW_INDICATORS,
            _P.READ_TARGETING,
            _P.READ_LOOKOUTS,
            _P.READ_CARGO,
            _P.READ_CASEWORK,
            _P.READ_SYNC,
            _P.READ_CASH,
            _P.READ_APPLICATION,
            _P.READ_STOCK,
            _P.READ_INSIDER_SIGNALS,
            _P.READ_INTEL,
        }
    ),
    Role.ADMIN: frozenset(
        {
            _P.MANAGE_USERS,
            _P.MANAGE_PORTS,
            _P.MANAGE_LISTS,
            _P.READ_SYNC,
            _P.MANAGE_CASH_RATES,
            _P.MANAGE_REGISTRY,
        }
    ),
    # Issuance: the officer takes applications and hands passports over; the supervisor
    # approves others' applications, adjudicates duplicates and keeps the booklet stock.
    Role.ISSUANCE_OFFICER: frozenset({_P.ENROL, _P.READ_APPLICATION, _P.READ_STOCK}),
    Role.ISSUANCE_SUPERVISOR: frozenset(
        {
            _P.ENROL,
            _P.READ_APPLICATION,
            _P.APPROVE_ISSUANCE,
            _P.ADJUDICATE,
            _P.READ_STOCK,
            _P.MANAGE_STOCK,
            _P.MANAGE_REGISTRY,
        }
    ),
}


def can(role: Role | str, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission`` (an unknown role holds nothing)."""
    try:
        return permission in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def parse_role(text: str) -> Role:
    """The role named ``text`` (any case).

    Raises:
        ValueError: no such role; the message lists the roles.
    """
    try:
        return Role(text.strip().lower())
    except ValueError:
        names = ", ".join(role.value for role in Role)
        raise ValueError(f"unknown role {text!r} (roles: {names})") from None
