"""Build the gateway application: `init_app(config)` wires routes, middlewares and contexts."""

from __future__ import annotations

from typing import AsyncIterator

import aiohttp
from aiohttp import web

from bot.config import Settings
from bot.content import Content
from bot.storage.db import make_engine
from bot.web import keys
from bot.web.chat import chat
from bot.web.health import healthz
from bot.web.middlewares import json_errors, security_headers
from bot.web.pages import STATIC, index
from bot.web.rasa_client import RasaClient

# Largest request body accepted (a chat message is at most a few kB).
MAX_BODY_BYTES = 64 * 1024


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[keys.CONFIG].database_url)
    app[keys.ENGINE] = engine
    yield
    engine.dispose()


async def _upstream(app: web.Application) -> AsyncIterator[None]:
    config = app[keys.CONFIG]
    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=200), raise_for_status=False
    )
    app[keys.RASA] = RasaClient(
        session=session,
        rasa_url=config.rasa_url,
        actions_url=config.actions_url,
        timeout=config.upstream_timeout,
        token=config.rasa_token,
    )
    yield
    await session.close()


def init_app(config: Settings, content: "Content | None" = None) -> web.Application:
    """The gateway for one deployment; nothing is read from globals."""
    app = web.Application(
        middlewares=[security_headers, json_errors], client_max_size=MAX_BODY_BYTES
    )
    app[keys.CONFIG] = config
    app[keys.CONTENT] = content or Content.load(config.project_root)
    app.cleanup_ctx.extend([_database, _upstream])
    app.router.add_get("/", index)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/healthz", healthz)
    app.router.add_static("/static/", STATIC, append_version=True)
    return app
