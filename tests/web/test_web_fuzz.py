"""Schemathesis over the whole OpenAPI document, in-process: no input gives a 5xx.

Each operation is fuzzed with an administrator's token and with a token of a role that the
route lets through (so that the generated bodies reach the services, not only the 403),
with both valid and invalid data. ``max_examples`` stays small to keep the run short.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.result import Err
from schemathesis.generation.case import Case

Headers = dict[str, dict[str, str]]
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


@pytest.mark.slow
def test_no_input_gives_a_server_error(client: TestClient, headers: Headers) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            failures.append(f"unusable operation in the schema: {result.err()}")
            continue
        operation = result.ok()
        users = ["adm"] + [u for p, u in FUZZ_AS.items() if operation.path.startswith(p)]
        strategy = st.one_of(
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        )

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
