"""A gateway wired to fake Rasa and action servers that tests can steer."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.config import Settings
from bot.messages import Message
from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.web import init_app


def rest_items(*messages: Message, recipient: str = "s") -> List[Dict[str, Any]]:
    """Messages as Rasa's REST channel returns them: the text (split at blank lines, or with its
    buttons), then Taalbrug's `custom` (tests/test_messages.py checks this against Rasa itself)."""
    items: List[Dict[str, Any]] = []
    for message in messages:
        if message.buttons:
            items.append({"recipient_id": recipient, "text": message.text, "buttons": list(message.buttons)})
        else:
            items.extend({"recipient_id": recipient, "text": part} for part in message.text.strip().split("\n\n"))
        items.append({"recipient_id": recipient, "custom": message.custom()})
    return items


@dataclass
class FakeRasa:
    """Plays Rasa's REST channel, /status and the action server's /health."""

    replies: List[Dict[str, Any]] = field(default_factory=list)
    received: List[Dict[str, Any]] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0
    actions_up: bool = True
    parse_result: Dict[str, Any] = field(default_factory=dict)
    events: Dict[str, List[Dict[str, Any]]] = field(default_factory=dict)
    appended_with: List[Dict[str, str]] = field(default_factory=list)  # each append's sender and query
    inside: int = 0  # webhook requests being handled now, and the most at once
    most_inside: int = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_get("/status", self.rasa_status)
        app.router.add_get("/health", self.health)
        app.router.add_post("/model/parse", self.parse)
        app.router.add_post("/conversations/{sender}/tracker/events", self.append_events)
        app.router.add_get("/conversations/{sender}/tracker", self.tracker)
        return app

    def paused(self, sender: str) -> bool:
        state = False
        for event in self.events.get(sender, []):
            if event["event"] in ("pause", "resume"):
                state = event["event"] == "pause"
        return state

    async def append_events(self, request: web.Request) -> web.Response:
        self.events.setdefault(request.match_info["sender"], []).extend(await request.json())
        self.appended_with.append({"sender": request.match_info["sender"], "path": request.raw_path, **request.query})
        return web.json_response({"sender_id": request.match_info["sender"]})

    async def tracker(self, request: web.Request) -> web.Response:
        sender = request.match_info["sender"]
        return web.json_response({"sender_id": sender, "events": self.events.get(sender, []),
                                  "paused": self.paused(sender)})

    async def parse(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        return web.json_response({"text": body["text"], **self.parse_result})

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        self.events.setdefault(body["sender"], []).append({"event": "user", "text": body["message"]})
        if self.paused(body["sender"]):
            return web.json_response([])
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
        finally:
            self.inside -= 1
        return web.json_response(self.replies, status=self.status)

    async def rasa_status(self, request: web.Request) -> web.Response:
        return web.json_response({"model_file": "taalbrug.tar.gz", "model_id": "abc"})

    async def health(self, request: web.Request) -> web.Response:
        if not self.actions_up:
            return web.json_response({"status": "down"}, status=503)
        return web.json_response({"status": "ok"})


@pytest.fixture()
async def fake_rasa(aiohttp_server) -> tuple[FakeRasa, TestServer]:
    fake = FakeRasa()
    server = await aiohttp_server(fake.app())
    return fake, server


def settings_for(tmp_path: Path, rasa_port: int, actions_port: int, **changes: Any) -> Settings:
    return Settings.from_env({}).with_changes(
        rasa_port=rasa_port,
        actions_port=actions_port,
        **{"database_url": f"sqlite:///{tmp_path / 'taalbrug.db'}", "upstream_timeout": 1.0, **changes},
    )


async def signed_in_staff(aiohttp_client, settings: Settings) -> TestClient:
    """A gateway on a fresh database with staff member "jan" (Voorbeeldegem), signed in."""
    upgrade(settings.database_url)
    create_account(make_engine(settings.database_url), "jan", "staff", "een lang wachtwoord",
                   datetime.now(timezone.utc), ["voorbeeldegem"])
    client = await aiohttp_client(init_app(settings))
    page = await (await client.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    await client.post("/login", data={"username": "jan", "password": "een lang wachtwoord", "csrf": csrf})
    return client


@pytest.fixture()
async def client(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    _, server = fake_rasa
    return await aiohttp_client(init_app(settings_for(tmp_path, server.port, server.port)))


@pytest.fixture(scope="module")
def live_gateway(tmp_path_factory: pytest.TempPathFactory):
    """A gateway with a fake Rasa on a real port, no rate limit, a migrated database (tests/web/live.py)."""
    from bot.storage.migrate import upgrade
    from tests.web.live import LiveGateway

    with LiveGateway(tmp_path_factory.mktemp("live"), rate_limit=(0, 1.0)) as running:
        upgrade(running.settings.database_url)
        yield running
