"""Bad input always gets a 4xx with a JSON error, never a 500; nothing is run as code or SQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.live import LiveGateway


@pytest.fixture(scope="module")
def gateway(live_gateway: LiveGateway) -> LiveGateway:
    return live_gateway


def post(gateway: LiveGateway, body: bytes, content_type: str = "application/json") -> requests.Response:
    return requests.post(gateway.url + "/api/chat", data=body, headers={"Content-Type": content_type}, timeout=10)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"session": st.text(max_size=140), "text": st.text(max_size=2100)},
                          optional={"languages": json_values, "municipality": json_values, "choice": json_values,
                                    "language": json_values, "extra": json_values}).map(lambda v: json.dumps(v).encode()),
))
def test_any_body_gets_an_answer_or_a_json_4xx_never_a_500(gateway, body: bytes) -> None:
    response = post(gateway, body)
    assert response.status_code in (200, 400, 413), response.text
    payload = response.json()
    assert ("messages" in payload) if response.status_code == 200 else ("error" in payload)


@pytest.mark.parametrize("text", [
    "'; DROP TABLE unmet_question; --", "1 OR 1=1", "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>", "${jndi:ldap://x}", "{{7*7}}",
])
def test_injection_strings_are_just_text(gateway, text: str) -> None:
    response = post(gateway, json.dumps({"session": "session-inject", "text": text}).encode())
    assert response.status_code == 200
    assert gateway.fake.received[-1]["message"] == text  # passed on as data, unchanged


@pytest.mark.parametrize("body, status", [
    ({"session": "session-123", "text": "hallo", "metadata": {"x": "y" * 1000}}, 400),
    ({"session": "session-123", "text": "hallo", "languages": ["nl"] * 500}, 400),
    ({"session": "session-123", "text": "hallo", "__proto__": {"admin": True}}, 400),
])
def test_unknown_fields_and_huge_metadata_are_refused(gateway, body, status) -> None:
    response = post(gateway, json.dumps(body).encode())
    assert response.status_code == status and "error" in response.json()


def test_a_client_sending_too_fast_is_slowed_down(tmp_path: Path) -> None:
    with LiveGateway(tmp_path, rate_limit=(3, 60.0)) as limited:
        codes = [post(limited, json.dumps({"session": "session-fast", "text": "hallo"}).encode()).status_code
                 for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        refused = post(limited, json.dumps({"session": "session-fast", "text": "hallo"}).encode())
        assert int(refused.headers["Retry-After"]) >= 1 and "error" in refused.json()
