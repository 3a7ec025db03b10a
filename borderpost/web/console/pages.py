"""Which console pages exist, and for whom: one table over the permissions of
:mod:`borderpost.identity.roles`.

The navigation shows a user only the pages their role may open, and every route checks the
same table on the server (:func:`borderpost.web.console.deps.page`), so a page left out of
the menu also answers 403 when its address is typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderpost.identity.roles import Permission, can

__all__ = ["PAGES", "Page", "allowed", "navigation"]

_P = Permission
_LIST_READERS = (_P.MANAGE_LISTS, _P.SEARCH_RECORDS, _P.READ_AUDIT)
_TARGETING_READERS = (_P.SUBMIT_MANIFEST, _P.READ_TARGETING)


@dataclass(frozen=True, slots=True)
class Page:
    """A page: its key (also its message key ``nav.<key>``), address, who may open it (any
    of ``permissions``), and whether the menu shows it."""

    key: str
    path: str
    permissions: tuple[Permission, ...]
    in_menu: bool = True


#: Every page behind the login, in menu order.
PAGES: dict[str, Page] = {
    page.key: page
    for page in (
        Page("inspect", "/console/inspect", (_P.INSPECT,)),
        Page("referrals", "/console/referrals", (_P.HANDLE_REFERRAL,)),
        Page("approvals", "/console/approvals", (_P.APPROVE,)),
        Page("dashboard", "/console/dashboard", (_P.VIEW_INDICATORS, _P.SEARCH_RECORDS)),
        Page("port_lookouts", "/console/targeting/lookouts", (_P.READ_LOOKOUTS,)),
        Page("manifests", "/console/targeting/manifests", _TARGETING_READERS),
        Page("reviews", "/console/targeting/reviews", (_P.READ_TARGETING,)),
        Page("rules", "/console/targeting/rules", (_P.READ_TARGETING,)),
        Page("pnr", "/console/targeting/pnr", (_P.UNMASK_PNR,)),
        Page("lists", "/console/lists", _LIST_READERS),
        Page("search", "/console/lists/search", _LIST_READERS),
        Page("lookout", "/console/lists/lookout", (_P.ADD_LOOKOUT,)),
        Page("lost_stolen", "/console/lists/lost-stolen", (_P.ADD_LOOKOUT,)),
        Page("leads", "/console/intel/leads", (_P.READ_INTEL,)),
        Page("network", "/console/intel/network", (_P.READ_INTEL,)),
        Page("intel_map", "/console/intel/map", (_P.READ_INTEL,)),
        Page("audit", "/console/audit", (_P.READ_AUDIT,)),
        Page("chain", "/console/audit/chain", (_P.READ_AUDIT,)),
        Page("officers", "/console/audit/officers", (_P.VIEW_INDICATORS,)),
        Page("record", "/console/inspections", (_P.READ_TRAVELLER,), in_menu=False),
        Page("manifest", "/console/targeting/manifests", (_P.READ_TARGETING,), in_menu=False),
        Page("upload", "/console/targeting/manifests", (_P.SUBMIT_MANIFEST,), in_menu=False),
        Page("review", "/console/targeting/reviews", (_P.REVIEW_HIT,), in_menu=False),
        Page("lead_review", "/console/intel/leads", (_P.REVIEW_LEAD,), in_menu=False),
    )
}


def allowed(role: str, page: Page) -> bool:
    """Whether ``role`` may open ``page``."""
    return any(can(role, permission) for permission in page.permissions)


def navigation(role: str) -> list[Page]:
    """The menu of ``role``: the pages it may open, in order."""
    return [page for page in PAGES.values() if page.in_menu and allowed(role, page)]
