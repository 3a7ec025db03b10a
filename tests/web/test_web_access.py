"""Who may call what: every route of the OpenAPI document against every role.

``ACCESS`` is the expected table, kept here by hand: a route added to the API without an
entry fails :func:`test_every_route_has_an_access_rule`, so no route goes untested.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.support.accounts import PASSWORD
from tests.support.web import ROLE_USERS

PUBLIC = "public"
ALL = frozenset({"officer", "supervisor", "analyst", "auditor", "admin"})
PORT_STAFF = frozenset({"officer", "supervisor"})
READERS = frozenset({"officer", "supervisor", "analyst", "auditor"})
LIST_READERS = frozenset({"admin", "analyst", "auditor"})
ADMIN = frozenset({"admin"})
CSV_LIST = b"id,name,dob,nationality\nW1,Ivan Petrovich Drago,1970-03-04,RUS\n"
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"

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
    ("POST", "/api/v1/pnr/{booking_id}/unmask"): (
        frozenset({"analyst"}),
        {"json": {"justification": "case 2026/17: courier network"}},
    ),
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
