"""The widget may be embedded only by the origins in TAALBRUG_ALLOWED_ORIGINS."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.messages import Message
from bot.web import init_app
from tests.web.conftest import rest_items, settings_for

SITE = "https://www.voorbeeldegem.example"


@pytest.fixture()
async def embedded(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    fake, server = fake_rasa
    fake.replies = rest_items(Message(kind="answer", text="Dag!"))
    return await aiohttp_client(init_app(settings_for(tmp_path, server.port, server.port,
                                                      allowed_origins=(SITE,))))


async def test_an_allowed_origin_passes_the_preflight_and_reads_the_answer(embedded: TestClient) -> None:
    preflight = await embedded.options("/api/chat", headers={
        "Origin": SITE, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == SITE
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    reply = await embedded.post("/api/chat", json={"session": "session-123", "text": "hallo"},
                                headers={"Origin": SITE})
    assert reply.status == 200 and reply.headers["Access-Control-Allow-Origin"] == SITE


async def test_another_origin_is_refused(embedded: TestClient) -> None:
    evil = "https://evil.example"
    preflight = await embedded.options("/api/chat", headers={"Origin": evil, "Access-Control-Request-Method": "POST"})
    assert preflight.status == 403 and "error" in await preflight.json()
    reply = await embedded.post("/api/chat", json={"session": "session-123", "text": "hallo"},
                                headers={"Origin": evil})
    assert "Access-Control-Allow-Origin" not in reply.headers  # the browser will not hand it to the page


async def test_only_the_allowed_origins_may_frame_the_pages(embedded: TestClient) -> None:
    csp = (await embedded.get("/")).headers["Content-Security-Policy"]
    assert f"frame-ancestors 'self' {SITE}" in csp
