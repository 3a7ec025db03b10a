"""Who may call what: every route of the OpenAPI document against every role.

``ACCESS`` is the expected table, kept here by hand: a route added to the API without an
entry fails :func:`test_every_route_has_an_access_rule`, so no route goes untested.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support.accounts import PASSWORD
from tests.support.web import ROLE_USERS

PUBLIC = "public"
ALL = frozenset(
    {
        "officer",
        "supervisor",
        "analyst",
        "auditor",
        "admin",
        "issuance_officer",
        "issuance_supervisor",
    }
)
ISSUANCE_STAFF = frozenset({"issuance_officer", "issuance_supervisor"})
ISSUANCE_READERS = frozenset({"issuance_officer", "issuance_supervisor", "auditor"})
ISSUANCE_SUPERVISOR = frozenset({"issuance_supervisor"})
APPLICATION = {
    "kind": "first",
    "surname": "PETROV",
    "given_names": "IVAN",
    "sex": "M",
    "birth_date": "1985-03-14",
    "nationality": "UTO",
    "office": "CAPITAL",
}
REGISTRY_CSV = b"national_id,surname,given_names,birth_date,status,death_date\n"
PORT_STAFF = frozenset({"officer", "supervisor"})
READERS = frozenset({"officer", "supervisor", "analyst", "auditor"})
LIST_READERS = frozenset({"admin", "analyst", "auditor"})
ADMIN = frozenset({"admin"})
CSV_LIST = b"id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n"
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"

CASE_READERS = frozenset({"analyst", "auditor"})
RECORDERS = frozenset({"officer", "supervisor", "analyst"})
ANALYST = frozenset({"analyst"})
PHOTO_READERS = frozenset({"officer", "supervisor", "analyst", "auditor"})
_ENTITY = {"source": "s", "date": "2026-03-02", "name": "A B", "number": "+442079460018"}
_ENTITY |= {"plate": "AB12CDE", "country": "GB", "text": "1 High Street"}
_LEDGER = b"Ref,Date,Item,Qty\nS-9,02/03/2026,cocaine,1 kg\n"
_MAPPING = b"[columns]\nRef='ref'\nDate='date'\nItem='commodity'\nQty='quantity'\n"
CASEWORK_ACCESS: dict[tuple[str, str], tuple[frozenset[str] | str, dict[str, Any]]] = {
    ("POST", "/api/v1/intel/seizures"): (
        RECORDERS,
        {
            "json": {
                "ref": "S-1",
                "date": "2026-03-02",
                "source": "report 1",
                "commodity": "cocaine",
                "quantity": "1 kg",
                "port": "LHR",
            }
        },
    ),
    ("GET", "/api/v1/intel/seizures"): (CASE_READERS, {}),
    ("GET", "/api/v1/intel/seizures/{ref}"): (CASE_READERS, {}),
    ("POST", "/api/v1/intel/arrests"): (
        RECORDERS,
        {
            "json": {
                "ref": "A-1",
                "date": "2026-03-02",
                "source": "report 1",
                "person_name": "A B",
                "charge": "smuggling",
                "port": "LHR",
            }
        },
    ),
    ("GET", "/api/v1/intel/arrests"): (CASE_READERS, {}),
    ("GET", "/api/v1/intel/arrests/{ref}"): (CASE_READERS, {}),
    **{
        key: value
        for plural in (
            "persons",
            "organisations",
            "phones",
            "vehicles",
            "documents",
            "addresses",
            "accounts",
        )
        for key, value in (
            (("GET", f"/api/v1/intel/{plural}"), (CASE_READERS, {})),
            (("GET", f"/api/v1/intel/{plural}/{{entity_id}}"), (CASE_READERS, {})),
            (("POST", f"/api/v1/intel/{plural}"), (ANALYST, {"json": _ENTITY})),
        )
    },
    ("POST", "/api/v1/intel/links"): (
        ANALYST,
        {
            "json": {
                "left_kind": "person",
                "left_id": 999999,
                "right_kind": "phone",
                "right_id": 999998,
                "role": "used",
                "source": "s",
                "date": "2026-03-02",
            }
        },
    ),
    ("GET", "/api/v1/intel/links"): (CASE_READERS, {"params": {"kind": "phone", "id": 999999}}),
    ("POST", "/api/v1/intel/import"): (
        ANALYST,
        {"files": {"ledger": ("l.csv", _LEDGER), "mapping": ("m.toml", _MAPPING)}},
    ),
}

#: (method, path) -> (who may call it, the request to send: json, data, files, params).
ACCESS: dict[tuple[str, str], tuple[frozenset[str] | str, dict[str, Any]]] = {
    ("GET", "/api/v1/health"): (PUBLIC, {}),
    ("POST", "/api/v1/auth/token"): (
        PUBLIC,
        {"data": {"username": "olga", "password": PASSWORD}},
    ),
    ("POST", "/api/v1/inspections"): (
        PORT_STAFF,
        {"json": {"mrz": MRZ, "port": "LHR", "direction": "entry"}},
    ),
    ("POST", "/api/v1/inspections/image"): (
        PORT_STAFF,
        {
            "data": {"port": "LHR", "direction": "entry"},
            "files": {"image": ("page.png", b"not an image")},
        },
    ),
    ("GET", "/api/v1/inspections/{inspection_id}"): (READERS, {}),
    ("GET", "/api/v1/inspections/{inspection_id}/live-capture"): (
        PORT_STAFF,
        {"params": {"purpose": "secondary inspection"}},
    ),
    ("POST", "/api/v1/inspections/{inspection_id}/decision"): (
        PORT_STAFF,
        {"json": {"decision": "refer", "reason": "needs a closer look at the visa"}},
    ),
    ("GET", "/api/v1/approvals"): (frozenset({"supervisor"}), {}),
    ("POST", "/api/v1/approvals/{decision_id}"): (
        frozenset({"supervisor"}),
        {"json": {"outcome": "approve"}},
    ),
    ("GET", "/api/v1/travellers/{traveller_id}/history"): (READERS, {}),
    ("GET", "/api/v1/lists"): (LIST_READERS, {}),
    ("GET", "/api/v1/lists/{name}/versions"): (LIST_READERS, {}),
    ("GET", "/api/v1/lists/{name}/changes"): (LIST_READERS, {}),
    ("POST", "/api/v1/lists/import"): (
        ADMIN,
        {"data": {"format": "csv"}, "files": {"files": ("lookouts.csv", CSV_LIST)}},
    ),
    ("POST", "/api/v1/lists/{name}/entries/{entry_id}/photos"): (
        ANALYST,
        {"files": {"photo": ("face.jpg", b"not an image")}},
    ),
    ("GET", "/api/v1/lists/{name}/entries/{entry_id}/photos"): (PHOTO_READERS, {}),
    ("GET", "/api/v1/lookout-photos/{photo_id}/image"): (PHOTO_READERS, {}),
    ("POST", "/api/v1/lookout-photos/{photo_id}/removal"): (
        ANALYST,
        {"json": {"reason": "wrong person on this photo"}},
    ),
    ("POST", "/api/v1/lists/{name}/entries/{entry_id}/fingerprints"): (
        ANALYST,
        {"data": {"finger": "2"}, "files": {"fingerprint": ("finger.png", b"not an image")}},
    ),
    ("GET", "/api/v1/lists/{name}/entries/{entry_id}/fingerprints"): (PHOTO_READERS, {}),
    ("POST", "/api/v1/lookout-fingerprints/{fingerprint_id}/removal"): (
        ANALYST,
        {"json": {"reason": "wrong person's fingerprint"}},
    ),
    ("GET", "/api/v1/lost-stolen"): (READERS, {"params": {"number": "X1234567"}}),
    ("GET", "/api/v1/users/me"): (ALL, {}),
    ("GET", "/api/v1/users"): (ADMIN, {}),
    ("POST", "/api/v1/users"): (
        ADMIN,
        {"json": {"username": "new.one", "password": PASSWORD, "role": "analyst"}},
    ),
    ("POST", "/api/v1/users/{username}/deactivate"): (ADMIN, {}),
    ("POST", "/api/v1/users/{username}/activate"): (ADMIN, {}),
    ("POST", "/api/v1/users/{username}/unlock"): (ADMIN, {}),
    ("GET", "/api/v1/ports"): (ALL, {}),
    ("POST", "/api/v1/ports"): (
        ADMIN,
        {"json": {"code": "CDG", "name": "Charles de Gaulle", "kind": "airport"}},
    ),
    ("GET", "/api/v1/audit/verify"): (frozenset({"auditor"}), {}),
    ("GET", "/api/v1/audit/head"): (frozenset({"auditor"}), {}),
    ("GET", "/api/v1/audit/events"): (frozenset({"auditor"}), {}),
    ("GET", "/api/v1/audit/officers"): (frozenset({"supervisor", "auditor"}), {}),
    ("POST", "/api/v1/manifests"): (
        frozenset({"analyst"}),
        {"files": {"file": ("empty.edi", b"UNA:+.? 'UNB+UNOA:4+A+B+260101:0000+1'UNZ+0+1'")}},
    ),
    ("GET", "/api/v1/manifests/{manifest_id}"): (frozenset({"analyst", "auditor"}), {}),
    ("GET", "/api/v1/reviews"): (frozenset({"analyst", "auditor"}), {}),
    ("POST", "/api/v1/reviews/{hit_id}"): (
        frozenset({"analyst"}),
        {"json": {"outcome": "false_match", "reason": "different birth date"}},
    ),
    ("GET", "/api/v1/rules/stats"): (frozenset({"analyst", "auditor"}), {}),
    ("GET", "/api/v1/lookouts"): (READERS, {}),
    # Posts push and pull with a post key; no user account may (tests/sync covers the keys).
    ("POST", "/api/v1/sync/push"): (
        frozenset(),
        {
            "json": {
                "post": "LHR",
                "sent_at": "2026-12-01T09:00:00+00:00",
                "backlog": 0,
                "events": [],
            }
        },
    ),
    ("POST", "/api/v1/sync/pull"): (frozenset(), {"json": {"post": "LHR"}}),
    ("GET", "/api/v1/sync/posts"): (frozenset({"auditor", "admin"}), {}),
    ("POST", "/api/v1/pnr/{booking_id}/unmask"): (
        frozenset({"analyst"}),
        {"json": {"justification": "case 2026/17: courier network"}},
    ),
    ("GET", "/api/v1/conveyances/vehicles/check"): (
        PORT_STAFF,
        {"params": {"vin": "1M8GDM9AXKP042788"}},
    ),
    ("POST", "/api/v1/conveyances/vehicles/crossings"): (
        PORT_STAFF,
        {"json": {"direction": "exit", "plate": "AB-123-CD", "country": "FRA"}},
    ),
    ("GET", "/api/v1/conveyances/vehicles/crossings/{crossing_id}"): (READERS, {}),
    ("GET", "/api/v1/conveyances/vehicles/hits"): (PORT_STAFF, {}),
    ("POST", "/api/v1/conveyances/vehicles/hits/{hit_id}"): (
        PORT_STAFF,
        {"json": {"confirm": True, "reason": "VIN and engine match"}},
    ),
    ("POST", "/api/v1/conveyances/stolen-vehicles"): (
        ADMIN,
        {"files": {"file": ("stolen.csv", b"vin\n1G4AH59H45G118341\n")}},
    ),
    ("POST", "/api/v1/conveyances/cargo/manifests"): (
        frozenset({"analyst"}),
        {"files": {"file": ("m.csv", b"bl,container\nB1,CSQU3054383\n")}},
    ),
    ("GET", "/api/v1/conveyances/cargo/manifests"): (READERS, {}),
    ("GET", "/api/v1/conveyances/cargo/manifests/{manifest_id}"): (READERS, {}),
    ("POST", "/api/v1/conveyances/cargo/manifests/{manifest_id}/controls"): (
        frozenset({"analyst"}),
        {"json": {"rate": 0.05}},
    ),
    ("POST", "/api/v1/conveyances/cargo/containers/{container_id}/examination"): (
        PORT_STAFF,
        {"json": {"outcome": "nothing_found"}},
    ),
    ("GET", "/api/v1/conveyances/cargo/statistics"): (READERS, {}),
    **CASEWORK_ACCESS,
    ("GET", "/api/v1/cash/profile"): (READERS, {}),
    ("POST", "/api/v1/cash/rates"): (
        frozenset({"admin", "analyst"}),
        {"files": {"file": ("rates.csv", b"date,currency,quote,rate\n2026-01-01,USD,EUR,0.9\n")}},
    ),
    ("POST", "/api/v1/cash/declarations"): (
        PORT_STAFF,
        {
            "json": {
                "port": "LHR",
                "lines": [{"line": "currency:EUR:12000"}],
                "parties": [{"role": "carrier", "name": "AMINA DIALLO"}],
            }
        },
    ),
    ("GET", "/api/v1/cash/declarations"): (READERS, {}),
    ("GET", "/api/v1/cash/declarations/{declaration_id}"): (READERS, {}),
    ("POST", "/api/v1/cash/declarations/{declaration_id}/offences"): (
        PORT_STAFF,
        {"json": {"found": "15000"}},
    ),
    ("POST", "/api/v1/cash/declarations/{declaration_id}/detention"): (
        frozenset({"supervisor"}),
        {"json": {"legal_basis": "Reg. 2018/1672 art. 7", "reason": "false declaration"}},
    ),
    ("POST", "/api/v1/cash/detentions/{detention_id}/release"): (
        frozenset({"supervisor"}),
        {"json": {"reason": "court order 17/2026"}},
    ),
    ("GET", "/api/v1/cash/detentions"): (READERS, {}),
    ("POST", "/api/v1/cash/declarations/{declaration_id}/fiu"): (frozenset({"analyst"}), {}),
    ("GET", "/api/v1/cash/submissions"): (frozenset({"analyst"}), {}),
    ("GET", "/api/v1/cash/alerts"): (frozenset({"analyst"}), {}),
    ("POST", "/api/v1/issuance/applications"): (ISSUANCE_STAFF, {"json": APPLICATION}),
    ("GET", "/api/v1/issuance/applications"): (ISSUANCE_READERS, {}),
    ("GET", "/api/v1/issuance/applications/{application_id}"): (ISSUANCE_READERS, {}),
    ("POST", "/api/v1/issuance/applications/{application_id}/evidence"): (
        ISSUANCE_STAFF,
        {"json": {"kind": "birth_certificate", "issuer": "R", "number": "1", "result": "verified"}},
    ),
    ("POST", "/api/v1/issuance/applications/{application_id}/identity-check"): (
        ISSUANCE_STAFF,
        {"json": {"matches": True, "method": "photo"}},
    ),
    ("POST", "/api/v1/issuance/applications/{application_id}/submit"): (ISSUANCE_STAFF, {}),
    ("POST", "/api/v1/issuance/applications/{application_id}/photo"): (
        ISSUANCE_STAFF,
        {"files": {"file": ("photo.jpg", b"\xff\xd8 not a photo", "image/jpeg")}},
    ),
    ("GET", "/api/v1/issuance/applications/{application_id}/photo"): (
        ISSUANCE_READERS,
        {"params": {"purpose": "adjudication"}},
    ),
    ("POST", "/api/v1/issuance/applications/{application_id}/decision"): (
        ISSUANCE_SUPERVISOR,
        {"json": {"approve": True, "reason": "all evidence verified"}},
    ),
    ("POST", "/api/v1/issuance/applications/{application_id}/collect"): (
        ISSUANCE_STAFF,
        {"json": {"matches": True, "method": "face against photo"}},
    ),
    ("POST", "/api/v1/issuance/alerts/{alert_id}/override"): (
        ISSUANCE_SUPERVISOR,
        {"json": {"reason": "registry error confirmed in writing"}},
    ),
    ("GET", "/api/v1/issuance/adjudication"): (ISSUANCE_SUPERVISOR, {}),
    ("POST", "/api/v1/issuance/adjudication/{candidate_id}"): (
        ISSUANCE_SUPERVISOR,
        {"json": {"verdict": "different_person", "reason": "different faces"}},
    ),
    ("GET", "/api/v1/issuance/stock"): (ISSUANCE_READERS, {}),
    ("POST", "/api/v1/issuance/stock/receipts"): (
        ISSUANCE_SUPERVISOR,
        {"json": {"country": "UTO", "batch": "b", "prefix": "UT", "first": 1, "count": 2}},
    ),
    ("POST", "/api/v1/issuance/stock/booklets/{serial}"): (
        ISSUANCE_SUPERVISOR,
        {"json": {"event": "dispatch", "location": "CAPITAL"}},
    ),
    ("POST", "/api/v1/issuance/stock/counts"): (
        ISSUANCE_SUPERVISOR,
        {"json": {"location": "NOWHERE", "present": []}},
    ),
    ("POST", "/api/v1/issuance/registry"): (
        frozenset({"admin", "issuance_supervisor"}),
        {"files": {"file": ("registry.csv", REGISTRY_CSV)}},
    ),
    ("GET", "/api/v1/issuance/signals"): (frozenset({"auditor"}), {}),
    ("GET", "/api/v1/issuance/rules"): (ISSUANCE_READERS, {}),
    ("GET", "/api/v1/intel/leads"): (frozenset({"analyst", "auditor"}), {}),
    ("GET", "/api/v1/intel/leads/{lead_id}"): (frozenset({"analyst", "auditor"}), {}),
    ("POST", "/api/v1/intel/leads/{lead_id}/reviews"): (
        frozenset({"analyst"}),
        {"json": {"verdict": "unsure"}},
    ),
    ("POST", "/api/v1/intel/leads/{lead_id}/undo"): (frozenset({"analyst"}), {"json": {}}),
    ("GET", "/api/v1/intel/network"): (frozenset({"analyst", "auditor"}), {}),
}
#: Values for path parameters: ids that do not exist (an allowed caller gets 404, not 403).
PATH_VALUES = {
    "{inspection_id}": "999999",
    "{decision_id}": "999999",
    "{traveller_id}": "999999",
    "{name}": "no such list",
    "{username}": "nobody",
    "{manifest_id}": "999999",
    "{hit_id}": "999999",
    "{booking_id}": "999999",
    "{crossing_id}": "999999",
    "{container_id}": "999999",
    "{ref}": "NO/SUCH/REF",
    "{entity_id}": "999999",
    "{declaration_id}": "999999",
    "{detention_id}": "999999",
    "{application_id}": "999999",
    "{alert_id}": "999999",
    "{candidate_id}": "999999",
    "{serial}": "NOSUCH1",
    "{lead_id}": "999999",
}


def _routes(client: TestClient) -> set[tuple[str, str]]:
    schema = client.app.openapi()  # type: ignore[attr-defined]
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def _url(path: str) -> str:
    for placeholder, value in PATH_VALUES.items():
        path = path.replace(placeholder, value)
    return path


def _call(
    client: TestClient, method: str, path: str, request: dict[str, Any], token: str | None
) -> int:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    response = client.request(method, _url(path), headers=headers, **request)
    return response.status_code


def test_every_route_has_an_access_rule(client: TestClient) -> None:
    routes = _routes(client)
    assert routes - set(ACCESS) == set(), "routes without an entry in ACCESS"
    assert set(ACCESS) - routes == set(), "entries in ACCESS for routes that do not exist"


def test_auditors_never_change_anything() -> None:
    for (method, path), (allowed, _request) in ACCESS.items():
        if method != "GET" and allowed != PUBLIC:
            assert "auditor" not in allowed, f"{method} {path} lets an auditor change data"


@pytest.mark.slow
def test_access_matrix(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    tokens = {
        role: headers[user]["Authorization"].removeprefix("Bearer ")
        for role, user in ROLE_USERS.items()
    }
    wrong: list[str] = []
    for (method, path), (allowed, request) in sorted(ACCESS.items()):
        anonymous = _call(client, method, path, request, None)
        if allowed == PUBLIC:
            if anonymous in (401, 403):
                wrong.append(f"{method} {path}: public route answered {anonymous}")
            continue
        if anonymous != 401:
            wrong.append(f"{method} {path} without a token: {anonymous}, expected 401")
        for role, token in tokens.items():
            status = _call(client, method, path, request, token)
            if role in allowed and status in (401, 403):
                wrong.append(f"{method} {path} as {role}: {status}, expected to be let through")
            if role not in allowed and status != 403:
                wrong.append(f"{method} {path} as {role}: {status}, expected 403")
            if status >= 500:
                wrong.append(f"{method} {path} as {role}: server error {status}")
    assert wrong == []
