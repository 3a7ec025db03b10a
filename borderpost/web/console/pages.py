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
        Page("cash_declare", "/console/cash/declare", (_P.DECLARE_CASH,)),
        Page("cash_declarations", "/console/cash/declarations", (_P.READ_CASH,)),
        Page("cash_detentions", "/console/cash/detentions", (_P.READ_CASH,)),
        Page("cash_submissions", "/console/cash/submissions", (_P.EXPORT_FIU,)),
        Page("cash_alerts", "/console/cash/alerts", (_P.READ_CASH_ALERTS,)),
        Page("lists", "/console/lists", _LIST_READERS),
        Page("search", "/console/lists/search", _LIST_READERS),
        Page("lookout", "/console/lists/lookout", (_P.ADD_LOOKOUT,)),
        Page("lost_stolen", "/console/lists/lost-stolen", (_P.ADD_LOOKOUT,)),
        Page("vehicles", "/console/vehicles", (_P.CHECK_VEHICLE,)),
        Page("vehicle_hits", "/console/vehicles/hits", (_P.DECIDE_VEHICLE_HIT,)),
        Page("cargo", "/console/cargo", (_P.READ_CARGO, _P.SUBMIT_CARGO)),
        Page("record_seizure", "/console/intel/record/seizure", (_P.RECORD_CASE,)),
        Page("record_arrest", "/console/intel/record/arrest", (_P.RECORD_CASE,)),
        Page("case_seizures", "/console/intel/seizures", (_P.READ_CASEWORK,)),
        Page("case_arrests", "/console/intel/arrests", (_P.READ_CASEWORK,)),
        Page("case_entities", "/console/intel/entities", (_P.READ_CASEWORK,)),
        Page("leads", "/console/intel/leads", (_P.READ_INTEL,)),
        Page("network", "/console/intel/network", (_P.READ_INTEL,)),
        Page("intel_map", "/console/intel/map", (_P.READ_INTEL,)),
        Page("audit", "/console/audit", (_P.READ_AUDIT,)),
        Page("chain", "/console/audit/chain", (_P.READ_AUDIT,)),
        Page("officers", "/console/audit/officers", (_P.VIEW_INDICATORS,)),
        Page("posts", "/console/posts", (_P.READ_SYNC,)),
        Page("applications", "/console/issuance/applications", (_P.READ_APPLICATION,)),
        Page("adjudication", "/console/issuance/adjudication", (_P.ADJUDICATE,)),
        Page("stock", "/console/issuance/stock", (_P.READ_STOCK,)),
        Page("insider", "/console/issuance/signals", (_P.READ_INSIDER_SIGNALS,)),
        Page("record", "/console/inspections", (_P.READ_TRAVELLER,), in_menu=False),
        Page("manifest", "/console/targeting/manifests", (_P.READ_TARGETING,), in_menu=False),
        Page("upload", "/console/targeting/manifests", (_P.SUBMIT_MANIFEST,), in_menu=False),
        Page("review", "/console/targeting/reviews", (_P.REVIEW_HIT,), in_menu=False),
        Page("cargo_manifest", "/console/cargo", (_P.READ_CARGO,), in_menu=False),
        Page("cargo_upload", "/console/cargo", (_P.SUBMIT_CARGO,), in_menu=False),
        Page("cargo_examine", "/console/cargo", (_P.EXAMINE_CARGO,), in_menu=False),
        Page("cash_detain", "/console/cash/detentions", (_P.DETAIN_CASH,), in_menu=False),
        Page(
            "application", "/console/issuance/applications", (_P.READ_APPLICATION,), in_menu=False
        ),
        Page(
            "issuance_decide",
            "/console/issuance/applications",
            (_P.APPROVE_ISSUANCE,),
            in_menu=False,
        ),
        Page("stock_move", "/console/issuance/stock", (_P.MANAGE_STOCK,), in_menu=False),
        Page("lead_review", "/console/intel/leads", (_P.REVIEW_LEAD,), in_menu=False),
        Page(
            "lookout_photo",
            "/console/lookout-photos",
            (_P.ADD_LOOKOUT, _P.INSPECT, _P.READ_AUDIT),
            in_menu=False,
        ),
    )
}


def allowed(role: str, page: Page) -> bool:
    """Whether ``role`` may open ``page``."""
    return any(can(role, permission) for permission in page.permissions)


def navigation(role: str) -> list[Page]:
    """The menu of ``role``: the pages it may open, in order."""
    return [page for page in PAGES.values() if page.in_menu and allowed(role, page)]
