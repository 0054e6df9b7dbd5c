"""Behind a trusted proxy the rate limit counts the address that proxy saw, not what the client wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, make_mocked_request

from bot.config import ConfigError, Settings
from bot.messages import Message
from bot.web import init_app, keys
from bot.web.ratelimit import RateLimiter, client_of
from tests.web.conftest import rest_items, settings_for


def forwarded_for(value: str) -> str:
    return client_of(make_mocked_request("POST", "/api/chat", headers={"X-Forwarded-For": value}), 1)


def test_the_entry_the_trusted_proxy_appended_is_the_client() -> None:
    assert forwarded_for("6.6.6.6, 203.0.113.7") == "203.0.113.7"
    assert forwarded_for("203.0.113.7") == "203.0.113.7"
    request = make_mocked_request("POST", "/api/chat", headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.2, 10.0.0.5"})
    assert client_of(request, 2) == "198.51.100.2"  # two proxies: the outer one appended the client


def test_a_malformed_or_missing_entry_is_not_taken_as_the_client() -> None:
    request = make_mocked_request("POST", "/api/chat", headers={"X-Forwarded-For": "not-an-address"})
    assert client_of(request, 1) == client_of(make_mocked_request("POST", "/api/chat"), 0)
    short = make_mocked_request("POST", "/api/chat", headers={"X-Forwarded-For": "203.0.113.7"})
    assert client_of(short, 2) == client_of(make_mocked_request("POST", "/api/chat"), 0)  # fewer hops than trusted


@pytest.mark.parametrize("raw, hops", [("1", 1), ("true", 1), ("2", 2), ("0", 0), ("", 0)])
def test_trusted_proxy_is_a_number_of_hops(raw: str, hops: int) -> None:
    assert Settings.from_env({"TAALBRUG_TRUSTED_PROXY": raw}).trusted_proxy == hops


def test_a_trusted_proxy_setting_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ConfigError, match="TAALBRUG_TRUSTED_PROXY"):
        Settings.from_env({"TAALBRUG_TRUSTED_PROXY": "loadbalancer"})


@pytest.fixture()
async def proxied(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    fake, server = fake_rasa
    fake.replies = rest_items(Message(kind="answer", text="Dag!"))
    app = init_app(settings_for(tmp_path, server.port, server.port, rate_limit=(5, 60.0), trusted_proxy=1))
    app[keys.LIMITER] = RateLimiter(5, 60.0, max_clients=50)
    return await aiohttp_client(app)


async def test_made_up_first_entries_neither_escape_the_limit_nor_push_others_out(proxied: TestClient) -> None:
    async def send(forwarded: str) -> int:
        response = await proxied.post("/api/chat", json={"session": "session-123", "text": "hallo"},
                                      headers={"X-Forwarded-For": forwarded})
        return response.status

    neighbour = [await send("198.51.100.9") for _ in range(5)]  # another resident uses up a burst
    spoofed = [await send(f"10.{i // 250}.{i % 250}.1, 203.0.113.7") for i in range(200)]
    assert neighbour == [200] * 5
    assert spoofed[:5] == [200] * 5 and set(spoofed[5:]) == {429}  # one client, whatever it writes first
    assert await send("198.51.100.9") == 429  # the neighbour's bucket was not pushed out of the table
    limiter = proxied.app[keys.LIMITER]
    assert len(limiter.buckets) == 2


def test_the_bucket_table_is_bounded_and_drops_the_least_recently_seen() -> None:
    limiter = RateLimiter(1, 60.0, clock=lambda: 0.0, max_clients=3)
    for client in ("a", "b", "c", "d"):
        assert limiter.allow(client)[0]
    assert list(limiter.buckets) == ["b", "c", "d"]
    assert not limiter.allow("d")[0]
