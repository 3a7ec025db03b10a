"""Schemathesis over the whole OpenAPI document, in-process: no input gives a 5xx.

Each operation is fuzzed with an administrator's token and with a token of a role that the
route lets through (so that the generated bodies reach the services, not only the 403),
with both valid and invalid data. ``max_examples`` stays small to keep the run short.

One test case per operation (and database), so that ``pytest -n`` spreads the operations over
its workers instead of running them all in one long case. The API under test, its accounts and
its loaded schema are built once per module and database kind (on each worker), as they were
for the single case that fuzzed every operation in turn; a guard checks that the operations
collected here are exactly those of the schema the API serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.core.result import Err
from schemathesis.generation.case import Case
from schemathesis.schemas import APIOperation

from borderpost.config import Settings
from borderpost.web import create_app
from tests.conftest import fresh_database
from tests.support.accounts import settings_for
from tests.support.web import SECRET
from tests.web.conftest import bearer_headers, seeded_store

Headers = dict[str, dict[str, str]]
Operation = APIOperation[Any, Any, Any, Any]
EXAMPLES = 30
#: Path prefix -> who, besides the administrator, fuzzes those routes.
FUZZ_AS = {
    "/api/v1/inspections": "olga",
    "/api/v1/approvals": "sue",
    "/api/v1/travellers": "ann",
    "/api/v1/lost-stolen": "olga",
    "/api/v1/lists": "ann",
    "/api/v1/audit": "aud",
    "/api/v1/conveyances/vehicles": "olga",
    "/api/v1/conveyances/cargo": "ann",
    "/api/v1/intel": "ann",
    "/api/v1/cash": "olga",
}
pytestmark = pytest.mark.slow  # the whole module: its cases share the fuzzed API
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def _operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation in the API's OpenAPI document, read at collection."""
    app = create_app(Settings(database_url="sqlite://", secret_key=SecretStr(SECRET)))
    try:
        paths: dict[str, dict[str, Any]] = app.openapi()["paths"]
    finally:
        app.state.borderpost.store.dispose()
    return [
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method in _METHODS
    ]


OPERATIONS = _operations()


@dataclass(frozen=True)
class FuzzedApi:
    """The API of one database kind, its schema's operations and a token per account."""

    operations: dict[tuple[str, str], Operation]
    unusable: list[str]
    headers: Headers


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, password_hash: str
) -> Iterator[FuzzedApi]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    with (
        fresh_database(request.param, folder) as database_url,
        seeded_store(settings_for(database_url, SECRET), password_hash) as store,
        TestClient(create_app(settings_for(database_url, SECRET), store=store)) as client,
    ):
        schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
        operations: dict[tuple[str, str], Operation] = {}
        unusable: list[str] = []
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                unusable.append(f"unusable operation in the schema: {result.err()}")
                continue
            operation = result.ok()
            operations[(operation.method.upper(), operation.path)] = operation
        yield FuzzedApi(operations, unusable, bearer_headers(store))


def test_every_operation_is_usable_and_fuzzed(api: FuzzedApi) -> None:
    assert api.unusable == []
    assert sorted(api.operations) == sorted(OPERATIONS)


@pytest.mark.parametrize(
    ("method", "path"), OPERATIONS, ids=[f"{method} {path}" for method, path in OPERATIONS]
)
def test_no_input_gives_a_server_error(api: FuzzedApi, method: str, path: str) -> None:
    operation = api.operations[(method, path)]
    headers = api.headers
    users = ["adm"] + [u for p, u in FUZZ_AS.items() if operation.path.startswith(p)]
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )
    failures: list[str] = []

    @given(case=strategy, user=st.sampled_from(users))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: Case[Any], user: str) -> None:
        response = case.call(headers=headers[user])
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {case.as_curl_command(headers[user])}")

    fuzz()
    assert failures == []
