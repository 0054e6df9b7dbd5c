"""Live availability against a real local aiohttp server that is fine, slow, down or broken."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from aiohttp import web

from bot.directory.availability import AvailabilityClient, parse
from tests.conftest import free_port


class Server:
    def __init__(self) -> None:
        self.mode = "ok"
        self.calls = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/availability/{service}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.calls += 1
        if self.mode == "slow":
            await asyncio.sleep(1.0)
        if self.mode == "garbage":
            return web.Response(text="<html>oops</html>", content_type="text/html")
        if self.mode == "wrong":
            return web.json_response({"open_places": "veel"})
        if self.mode == "error":
            return web.json_response({"error": "x"}, status=500)
        if self.mode == "flaky" and self.calls == 1:
            return web.Response(status=503)
        return web.json_response({"open_places": 4, "next_intake": "2026-12-01T09:00:00+01:00"})


async def test_an_answer_is_used_and_cached(aiohttp_server) -> None:
    server = Server()
    srv = await aiohttp_server(server.app())
    now = [1000.0]
    async with aiohttp.ClientSession() as session:
        client = AvailabilityClient(session, clock=lambda: now[0])
        url = str(srv.make_url("/availability/huis-nl"))
        first = await client.get(url)
        assert first.open_places == 4 and first.next_intake.isoformat() == "2026-12-01T09:00:00+01:00"
        server.mode = "error"
        now[0] += 599
        assert await client.get(url) == first  # still cached after 9 min 59 s
        assert server.calls == 1
        now[0] += 2
        assert await client.get(url) is None  # cache expired, server now failing
        assert server.calls == 3  # one try and one retry


async def test_one_retry_rescues_a_flaky_service(aiohttp_server) -> None:
    server = Server()
    server.mode = "flaky"
    srv = await aiohttp_server(server.app())
    async with aiohttp.ClientSession() as session:
        result = await AvailabilityClient(session).get(str(srv.make_url("/availability/x")))
    assert result is not None and server.calls == 2


async def test_slow_down_and_garbage_fall_back_to_none(aiohttp_server) -> None:
    server = Server()
    srv = await aiohttp_server(server.app())
    url = str(srv.make_url("/availability/x"))
    async with aiohttp.ClientSession() as session:
        client = AvailabilityClient(session, timeout=0.3)
        for mode in ("slow", "garbage", "wrong", "error"):
            server.mode = mode
            started = time.monotonic()
            assert await client.get(url) is None, mode
            assert time.monotonic() - started < 2.0  # two tries of 0.3 s, never hanging
        down = f"http://127.0.0.1:{free_port()}/availability/x"
        assert await client.get(down) is None


def test_the_defaults_are_two_seconds_one_retry_ten_minutes() -> None:
    client = AvailabilityClient(session=None)  # type: ignore[arg-type]
    assert (client.timeout, client.retries, client.ttl) == (2.0, 1, 600.0)


def test_parse_accepts_only_the_expected_form() -> None:
    assert parse({"open_places": 0, "next_intake": None}).open_places == 0
    for body in ([], {"open_places": -1}, {"open_places": True}, {"open_places": 2, "next_intake": "morgen"},
                 {"open_places": 2, "next_intake": "2026-12-01T09:00:00"}, None):
        assert parse(body) is None, body
