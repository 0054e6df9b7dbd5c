"""Cross-site requests are refused, slow bodies time out, staff and report pages cannot be framed, and HSTS
is sent behind TLS."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.messages import Message
from bot.web import init_app
from tests.web.conftest import rest_items, settings_for

SITE = "https://www.voorbeeldegem.example"
EVIL = "https://evil.example"
HELLO = {"session": "session-123", "text": "hallo"}


@pytest.fixture()
async def gateway(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    from bot.storage.migrate import upgrade

    fake, server = fake_rasa
    fake.replies = rest_items(Message(kind="answer", text="Dag!"))
    settings = settings_for(tmp_path, server.port, server.port, allowed_origins=(SITE,), cookie_secure=False,
                            read_timeout=0.5)
    upgrade(settings.database_url)
    return await aiohttp_client(init_app(settings))


async def test_a_page_on_another_site_cannot_post_a_chat_message(gateway: TestClient, fake_rasa) -> None:
    response = await gateway.post("/api/chat", json=HELLO, headers={"Origin": EVIL})
    assert response.status == 403 and "error" in await response.json()
    sneaky = await gateway.post("/api/chat", json=HELLO, headers={"Sec-Fetch-Site": "cross-site"})
    assert sneaky.status == 403
    assert fake_rasa[0].received == []  # not answered, not counted, not logged as unmet, no handover


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
async def test_the_chat_api_takes_only_json(gateway: TestClient, fake_rasa, content_type: str) -> None:
    """A "simple" request (no CORS preflight) from any page, even the embedding site's, is refused."""
    for origin in ({}, {"Origin": SITE}):
        response = await gateway.post("/api/chat", data=b'{"session": "session-123", "text": "hallo"}',
                                      headers={"Content-Type": content_type, **origin})
        assert response.status == 415 and "application/json" in (await response.json())["error"]
    assert fake_rasa[0].received == []


async def test_the_embedding_site_and_the_gateway_itself_may_post(gateway: TestClient) -> None:
    embedded = await gateway.post("/api/chat", json=HELLO, headers={"Origin": SITE})
    assert embedded.status == 200 and embedded.headers["Access-Control-Allow-Origin"] == SITE
    own = f"http://{gateway.server.host}:{gateway.server.port}"
    assert (await gateway.post("/api/chat", json=HELLO, headers={"Origin": own})).status == 200
    assert (await gateway.post("/api/chat", json=HELLO)).status == 200  # no Origin: not a browser's cross-site post


@pytest.mark.parametrize("path", ["/login", "/logout", "/staff/ask", "/report/unmet/status"])
async def test_the_forms_refuse_another_site(gateway: TestClient, path: str) -> None:
    response = await gateway.post(path, data={"csrf": "x", "username": "els", "password": "x"},
                                  headers={"Origin": EVIL}, allow_redirects=False)
    assert response.status == 403


async def test_the_sign_in_form_still_works_from_the_gateway_itself(gateway: TestClient) -> None:
    page = await (await gateway.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    own = f"http://{gateway.server.host}:{gateway.server.port}"
    response = await gateway.post("/login", data={"username": "niemand", "password": "fout", "csrf": csrf},
                                  headers={"Origin": own}, allow_redirects=False)
    assert response.status == 401  # judged on the password, not refused as cross-site


@pytest.mark.parametrize("path", ["/login", "/staff", "/report", "/report/unmet"])
async def test_staff_and_report_pages_cannot_be_framed(gateway: TestClient, path: str) -> None:
    response = await gateway.get(path, allow_redirects=False)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


async def test_the_widget_stays_embeddable(gateway: TestClient) -> None:
    for path in ("/", "/api/languages"):
        csp = (await gateway.get(path)).headers["Content-Security-Policy"]
        assert f"frame-ancestors 'self' {SITE}" in csp


async def test_hsts_only_behind_tls(aiohttp_client, fake_rasa, tmp_path: Path) -> None:
    _, server = fake_rasa
    plain = await aiohttp_client(init_app(settings_for(tmp_path, server.port, server.port)))
    proxied = await aiohttp_client(init_app(settings_for(tmp_path, server.port, server.port, trusted_proxy=1)))
    forced = await aiohttp_client(init_app(settings_for(tmp_path, server.port, server.port, hsts=True)))
    https = {"X-Forwarded-Proto": "https"}
    assert "Strict-Transport-Security" not in (await plain.get("/", headers=https)).headers  # proxy not trusted
    assert "Strict-Transport-Security" not in (await proxied.get("/")).headers  # plain http
    assert (await proxied.get("/", headers=https)).headers["Strict-Transport-Security"].startswith("max-age=")
    assert (await forced.get("/healthz")).headers["Strict-Transport-Security"].startswith("max-age=")


async def test_a_body_sent_too_slowly_gets_408_and_the_connection_is_closed(gateway: TestClient, fake_rasa) -> None:
    reader, writer = await asyncio.open_connection(gateway.server.host, gateway.server.port)
    writer.write(b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 500\r\n\r\n{\"session\": ")  # and then nothing more
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 30)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 408")
    assert fake_rasa[0].received == []
