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
            _P.READ_INTEL,
        }
    ),
    Role.ADMIN: frozenset({_P.MANAGE_USERS, _P.MANAGE_PORTS, _P.MANAGE_LISTS}),
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
