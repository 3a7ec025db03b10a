"""Login, lock-out and tokens over HTTP: every refusal is a 401 problem, and audited."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from borderpost.store import Store, UnitOfWork
from borderpost.store.models import AuditEvent
from tests.support.accounts import PASSWORD

ME = "/api/v1/users/me"
LOGIN = "/api/v1/auth/token"


def _actions(store: Store, actor: str) -> list[str]:
    with UnitOfWork(store) as uow:
        query = select(AuditEvent.action).where(AuditEvent.actor == actor).order_by(AuditEvent.seq)
        return list(uow.session.scalars(query))


def _assert_problem(response_json: dict[str, object], status: int) -> None:
    assert set(response_json) >= {"type", "title", "status", "detail"}
    assert response_json["status"] == status
    assert str(response_json["type"]).startswith("urn:borderpost:problem:")


def test_health_needs_no_token(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_login_returns_a_bearer_token_with_expiry(client: TestClient) -> None:
    response = client.post(LOGIN, data={"username": "olga", "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 30 * 60
    me = client.get(ME, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "olga"
    assert me.json()["role"] == "officer"
    assert me.json()["port"] == "LHR"
    assert "inspect" in me.json()["permissions"]


def test_wrong_password_is_a_401_problem(client: TestClient, store: Store) -> None:
    response = client.post(LOGIN, data={"username": "olga", "password": "wrong password!"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    _assert_problem(response.json(), 401)
    assert response.json()["detail"] == "wrong username or password"
    unknown = client.post(LOGIN, data={"username": "nobody", "password": "wrong password!"})
    assert unknown.json()["detail"] == "wrong username or password"
    assert "user.login_failed" in _actions(store, "olga")


def test_lock_out_after_repeated_failures(client: TestClient, store: Store) -> None:
    for _ in range(3):  # login_max_failures=3 in these tests
        response = client.post(LOGIN, data={"username": "olga", "password": "wrong password!"})
        assert response.status_code == 401
    assert "locked" in response.json()["detail"]
    refused = client.post(LOGIN, data={"username": "olga", "password": PASSWORD})
    assert refused.status_code == 401
    assert "locked" in refused.json()["detail"]
    actions = _actions(store, "olga")
    assert actions.count("user.login_failed") == 3
    assert "user.locked" in actions
    assert "user.login_refused" in actions


def test_admin_unlocks_a_locked_account(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    for _ in range(3):
        client.post(LOGIN, data={"username": "olga", "password": "wrong password!"})
    listed = {u["username"]: u for u in client.get("/api/v1/users", headers=headers["adm"]).json()}
    assert listed["olga"]["locked"] is True
    unlocked = client.post("/api/v1/users/olga/unlock", headers=headers["adm"])
    assert unlocked.status_code == 200
    assert unlocked.json()["locked"] is False
    assert client.post(LOGIN, data={"username": "olga", "password": PASSWORD}).status_code == 200


def test_missing_expired_and_tampered_tokens_are_refused(
    client: TestClient, make_token: Callable[[str, int], str]
) -> None:
    missing = client.get(ME)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    _assert_problem(missing.json(), 401)

    expired = client.get(ME, headers={"Authorization": f"Bearer {make_token('olga', -1)}"})
    assert expired.status_code == 401
    assert "expired" in expired.json()["detail"]

    good = make_token("olga", 30)
    prefix, payload, signature = good.split(".")
    forged = f"{prefix}.{payload}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    tampered = client.get(ME, headers={"Authorization": f"Bearer {forged}"})
    assert tampered.status_code == 401
    assert "signature" in tampered.json()["detail"]

    garbage = client.get(ME, headers={"Authorization": "Bearer not-a-token"})
    assert garbage.status_code == 401


def test_deactivated_accounts_tokens_stop_working(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    assert client.get(ME, headers=headers["olga"]).status_code == 200
    done = client.post("/api/v1/users/olga/deactivate", headers=headers["adm"])
    assert done.status_code == 200
    assert done.json()["active"] is False
    assert client.get(ME, headers=headers["olga"]).status_code == 401
    refused = client.post(LOGIN, data={"username": "olga", "password": PASSWORD})
    assert refused.status_code == 401
    assert refused.json()["detail"] == "the account is inactive"
    own = client.post("/api/v1/users/adm/deactivate", headers=headers["adm"])
    assert own.status_code == 409
