"""Who may open which console page: the menu shows only a role's pages and the server refuses
the others (403); sessions expire; every state-changing form needs the CSRF token."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from borderpost.identity import TokenClaims, issue_token
from tests.console.conftest import SECRET, Login, csrf_of
from tests.support.web import ROLE_USERS

_ALL = frozenset(ROLE_USERS)
#: page -> the roles that may open it (everyone else gets 403).
MATRIX: dict[str, frozenset[str]] = {
    "/console/inspect": frozenset({"officer", "supervisor"}),
    "/console/referrals": frozenset({"officer", "supervisor"}),
    "/console/approvals": frozenset({"supervisor"}),
    "/console/dashboard": frozenset({"supervisor", "analyst", "auditor"}),
    "/console/lists": frozenset({"analyst", "auditor", "admin"}),
    "/console/lists/versions?list=lookouts": frozenset({"analyst", "auditor", "admin"}),
    "/console/lists/search": frozenset({"analyst", "auditor", "admin"}),
    "/console/lists/lookout": frozenset({"analyst"}),
    "/console/lists/lost-stolen": frozenset({"analyst"}),
    "/console/audit": frozenset({"auditor"}),
    "/console/audit/chain": frozenset({"auditor"}),
    "/console/audit/officers": frozenset({"supervisor", "auditor"}),
    "/console/targeting/lookouts": frozenset({"officer", "supervisor", "analyst", "auditor"}),
    "/console/targeting/manifests": frozenset({"analyst", "auditor"}),
    "/console/targeting/reviews": frozenset({"analyst", "auditor"}),
    "/console/targeting/rules": frozenset({"analyst", "auditor"}),
    "/console/targeting/pnr": frozenset({"analyst"}),
    "/console/vehicles": frozenset({"officer", "supervisor"}),
    "/console/vehicles/hits": frozenset({"officer", "supervisor"}),
    "/console/cargo": frozenset({"officer", "supervisor", "analyst", "auditor"}),
    "/console/intel/record/seizure": frozenset({"officer", "supervisor", "analyst"}),
    "/console/intel/record/arrest": frozenset({"officer", "supervisor", "analyst"}),
    "/console/intel/seizures": frozenset({"analyst", "auditor"}),
    "/console/intel/arrests": frozenset({"analyst", "auditor"}),
    "/console/intel/entities": frozenset({"analyst", "auditor"}),
    "/console/posts": frozenset({"auditor", "admin"}),
    "/console/cash/declare": frozenset({"officer", "supervisor"}),
    "/console/cash/declarations": frozenset({"officer", "supervisor", "analyst", "auditor"}),
    "/console/cash/detentions": frozenset({"officer", "supervisor", "analyst", "auditor"}),
    "/console/cash/submissions": frozenset({"analyst"}),
    "/console/cash/alerts": frozenset({"analyst"}),
    "/console/issuance/applications": frozenset(
        {"issuance_officer", "issuance_supervisor", "auditor"}
    ),
    "/console/issuance/adjudication": frozenset({"issuance_supervisor"}),
    "/console/issuance/stock": frozenset({"issuance_officer", "issuance_supervisor", "auditor"}),
    "/console/issuance/signals": frozenset({"auditor"}),
    "/console/intel/leads": frozenset({"analyst", "auditor"}),
    "/console/intel/network": frozenset({"analyst", "auditor"}),
    "/console/intel/map": frozenset({"analyst", "auditor"}),
}


def _menu(html: str) -> set[str]:
    nav = html.split("<nav", 1)[1].split("</nav>", 1)[0]
    return set(re.findall(r'href="([^"]+)"', nav))


@pytest.mark.parametrize("role", sorted(_ALL))
def test_each_role_sees_and_opens_only_its_pages(
    client: TestClient, login: Login, role: str
) -> None:
    login(client, ROLE_USERS[role])
    home = client.get("/console/", follow_redirects=True)
    assert home.status_code == 200
    shown = _menu(home.text)
    for page, roles in MATRIX.items():
        answer = client.get(page)
        expected = 200 if role in roles else 403
        assert answer.status_code == expected, (role, page, answer.text[:300])
        if "?" not in page:
            assert (page in shown) == (role in roles), (role, page)
        if expected == 403:
            assert "Not allowed" in answer.text


def test_pages_need_a_session_and_lead_to_the_login(client: TestClient) -> None:
    answer = client.get("/console/inspect")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/login?next=/console/inspect"
    assert client.get("/").headers["location"] == "/console/"


def test_an_expired_session_says_so(client: TestClient) -> None:
    now = dt.datetime.now(dt.UTC)
    claims = TokenClaims(1, "olga", "officer", "LHR", now - dt.timedelta(hours=2), now)
    client.cookies.set("bp_session", issue_token(claims, SECRET.encode()), path="/console")
    answer = client.get("/console/inspect")
    assert answer.status_code == 303
    assert "expired=1" in answer.headers["location"]
    page = client.get(answer.headers["location"])
    assert "session expired" in page.text


def test_a_forged_session_is_refused(client: TestClient) -> None:
    now = dt.datetime.now(dt.UTC)
    claims = TokenClaims(1, "olga", "supervisor", "LHR", now, now + dt.timedelta(hours=1))
    client.cookies.set("bp_session", issue_token(claims, b"another key" * 4), path="/console")
    assert client.get("/console/approvals").status_code == 303


def test_session_cookie_is_http_only_and_strict(client: TestClient) -> None:
    page = client.get("/console/login")
    answer = client.post(
        "/console/login",
        data={"csrf": csrf_of(page.text), "username": "olga", "password": "correct horse battery"},
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "bp_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert "max-age=1800" in cookie


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/console/inspect", {"mrz": "x", "port": "LHR", "direction": "entry"}),
        ("/console/logout", {}),
        ("/console/language", {"lang": "fr"}),
        ("/console/approvals/1", {"outcome": "approve"}),
        ("/console/referrals/1", {"action": "take"}),
        ("/console/inspections/1/decision", {"decision": "refer", "reason": "x" * 20}),
    ],
)
def test_state_changing_forms_need_the_csrf_token(
    client: TestClient, login: Login, path: str, data: dict[str, str]
) -> None:
    login(client, "sue")
    for token in (None, "0" * 64):
        sent = data if token is None else {**data, "csrf": token}
        answer = client.post(path, data=sent)
        assert answer.status_code == 403, (path, answer.text[:200])
        assert "did not come from this console" in answer.text


def test_login_needs_the_csrf_token_and_logout_ends_the_session(
    client: TestClient, login: Login
) -> None:
    client.get("/console/login")
    refused = client.post("/console/login", data={"username": "olga", "password": "x" * 12})
    assert refused.status_code == 403
    token = login(client, "olga")
    out = client.post("/console/logout", data={"csrf": token})
    assert out.status_code == 303 and out.headers["location"] == "/console/login?out=1"
    assert 'bp_session=""' in out.headers["set-cookie"] or "Max-Age=0" in out.headers["set-cookie"]
    client.cookies.clear()
    assert client.get("/console/inspect").status_code == 303


def test_wrong_password_is_a_clear_message(client: TestClient) -> None:
    page = client.get("/console/login")
    answer = client.post(
        "/console/login",
        data={"csrf": csrf_of(page.text), "username": "olga", "password": "not the password"},
    )
    assert answer.status_code == 401
    assert "Wrong username or password" in answer.text
    empty = client.post("/console/login", data={"csrf": csrf_of(page.text), "username": "olga"})
    assert empty.status_code == 422 and "Enter your password" in empty.text


def test_login_does_not_redirect_off_site(client: TestClient) -> None:
    page = client.get("/console/login?next=//evil.example/")
    answer = client.post(
        "/console/login",
        data={
            "csrf": csrf_of(page.text),
            "username": "olga",
            "password": "correct horse battery",
            "next": "https://evil.example/",
        },
    )
    assert answer.headers["location"] == "/console/"


def test_console_is_not_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if not path.startswith("/api/v1/")]


def test_a_file_where_text_is_expected_is_a_clear_error(client: TestClient, login: Login) -> None:
    token = login(client, "olga")
    answer = client.post(
        "/console/language", data={"csrf": token}, files={"lang": ("x.txt", b"fr")}
    )
    assert answer.status_code == 422 and "takes text, not a file" in answer.text
