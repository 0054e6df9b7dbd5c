"""Schemathesis tests the gateway against the OpenAPI document it serves: no 5xx, answers as documented."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from bot.web.openapi import SPEC
from tests.web.live import LiveGateway

schema = schemathesis.openapi.from_dict(SPEC)


@pytest.fixture(scope="module")
def gateway(live_gateway: LiveGateway) -> LiveGateway:
    return live_gateway


def test_the_gateway_serves_its_openapi_document(gateway) -> None:
    assert requests.get(gateway.url + "/api/openapi.json", timeout=5).json() == SPEC


@schema.parametrize()
@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_conforms_to_its_document(case, gateway) -> None:
    # Every check but "positive data acceptance": a text of only control
    # characters fits the schema's string but is empty once cleaned, so 400 is right.
    case.call_and_validate(base_url=gateway.url, excluded_checks=[positive_data_acceptance])
