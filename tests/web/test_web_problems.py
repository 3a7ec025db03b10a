"""Every error is one RFC 9457 shape, mapped from domain errors in one table."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from borderpost.inspection.errors import Conflict, Forbidden, Invalid, NotFound
from borderpost.watchlists import ListContentError, UnknownListError
from borderpost.web.errors import PROBLEMS, kind_of

Headers = dict[str, dict[str, str]]


def _problem(client: TestClient, method: str, url: str, status: int, **kwargs: object) -> dict:  # type: ignore[type-arg]
    response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert body["type"].startswith("urn:borderpost:problem:")
    assert isinstance(body["detail"], str) and body["detail"]
    return body  # type: ignore[no-any-return]


def test_each_status_is_a_problem(client: TestClient, headers: Headers) -> None:
    adm, olga = headers["adm"], headers["olga"]
    assert _problem(client, "GET", "/api/v1/users", 401)["type"].endswith(":unauthenticated")
    forbidden = _problem(client, "GET", "/api/v1/users", 403, headers=olga)
    assert "users.manage" in forbidden["detail"]
    missing = _problem(client, "GET", "/api/v1/inspections/4242", 404, headers=olga)
    assert missing["detail"] == "inspection 4242 does not exist"
    empty_mrz = {"mrz": "", "port": "LHR"}
    invalid = _problem(client, "POST", "/api/v1/inspections", 422, headers=olga, json=empty_mrz)
    assert invalid["type"].endswith(":validation")
    assert {tuple(error["loc"]) for error in invalid["errors"]} >= {
        ("body", "mrz"),
        ("body", "direction"),
    }
    no_document = {"port": "LHR", "direction": "entry"}
    unread = _problem(client, "POST", "/api/v1/inspections", 422, headers=olga, json=no_document)
    assert "MRZ text or as typed fields" in unread["detail"]
    port = {"code": "LHR", "name": "again", "kind": "airport"}
    conflict = _problem(client, "POST", "/api/v1/ports", 409, headers=adm, json=port)
    assert "already exists" in conflict["detail"]
    unknown_route = _problem(client, "GET", "/api/v1/nowhere", 404)
    assert unknown_route["title"] == "Not Found"
    wrong_method = _problem(client, "DELETE", "/api/v1/health", 405)
    assert wrong_method["type"].endswith(":method-not-allowed")


def test_bad_list_file_is_a_problem_naming_the_line(client: TestClient, headers: Headers) -> None:
    body = _problem(
        client,
        "POST",
        "/api/v1/lists/import",
        422,
        headers=headers["adm"],
        data={"format": "un"},
        files={"files": ("consolidated.xml", b"<not-a-un-list/>")},
    )
    assert "consolidated.xml" in body["detail"]


def test_nul_characters_are_refused_on_both_databases(client: TestClient, headers: Headers) -> None:
    _problem(client, "GET", "/api/v1/lost-stolen?number=AB%00", 422, headers=headers["olga"])
    _problem(client, "POST", "/api/v1/auth/token", 422, data={"username": "a\x00", "password": "x"})


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("x"), 404),
        (Forbidden("x"), 403),
        (Invalid("x"), 422),
        (Conflict("x"), 409),
        (UnknownListError("x"), 404),
        (ListContentError("x"), 422),
    ],
)
def test_the_table_follows_the_class_hierarchy(error: Exception, status: int) -> None:
    kind = kind_of(error)
    assert kind is not None and kind.status == status


def test_every_mapped_status_is_an_error_status() -> None:
    assert all(400 <= kind.status < 600 for kind in PROBLEMS.values())
