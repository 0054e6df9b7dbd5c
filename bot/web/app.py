"""Build the gateway application: `init_app(config)` wires routes, middlewares and contexts."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import AsyncIterator

import aiohttp
import jinja2
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.content.loader import Content
from bot.storage.accounts import ensure_admin
from bot.storage.db import make_engine
from bot.vocabulary import REPORT_READERS
from bot.web import auth, desk_api, handover, keys, report, staff
from bot.web.chat import chat
from bot.web.desk import HandoverDesk
from bot.web.gate import FifoGate
from bot.web.health import healthz
from bot.web.middlewares import cors, cross_site, json_errors, read_body, security_headers
from bot.web.openapi import openapi
from bot.web.pages import STATIC, index, languages
from bot.web.rasa_client import RasaClient
from bot.web.ratelimit import RateLimiter
from bot.web.throttle import LoginThrottle

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates"

# Largest request body accepted (a chat message is at most a few kB).
MAX_BODY_BYTES = 64 * 1024


async def _database(app: web.Application) -> AsyncIterator[None]:
    """The gateway's engine; the first admin is seeded from TAALBRUG_ADMIN_PASSWORD."""
    config = app[keys.CONFIG]
    engine = make_engine(config.database_url)
    app[keys.ENGINE] = engine
    try:
        # The seeded admin belongs to every municipality of this deployment.
        if ensure_admin(engine, config.admin_password, datetime.now(timezone.utc),
                        sorted(app[keys.CONTENT].municipalities)):
            logger.info("created the admin account 'admin' from TAALBRUG_ADMIN_PASSWORD")
    except SQLAlchemyError as exc:  # the database may come up later; /healthz reports it
        logger.warning("admin account not checked: %s", type(exc).__name__)
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
        rasa_urls=config.rasa_urls,
        actions_url=config.actions_url,
        timeout=config.upstream_timeout,
        token=config.rasa_token,
        gate=FifoGate(config.rasa_capacity) if config.rasa_capacity else None,
    )
    yield
    await session.close()


def init_app(config: Settings, content: "Content | None" = None) -> web.Application:
    """The gateway for one deployment; nothing is read from globals."""
    app = web.Application(
        middlewares=[security_headers, cors, json_errors, cross_site, read_body], client_max_size=MAX_BODY_BYTES
    )
    app[keys.CONFIG] = config
    app[keys.CONTENT] = content or Content.load(config.project_root)
    app[keys.HANDOVERS] = HandoverDesk()
    app[keys.LIMITER] = RateLimiter(*config.rate_limit)
    app[keys.LOGIN_THROTTLE] = LoginThrottle()
    app[keys.TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=jinja2.StrictUndefined
    )
    app[keys.TEMPLATES].globals["report_readers"] = REPORT_READERS
    app.cleanup_ctx.extend([_database, _upstream])
    app.router.add_get("/", index)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/api/languages", languages)
    app.router.add_get("/api/openapi.json", openapi)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/login", auth.login_page)
    app.router.add_post("/login", auth.login)
    app.router.add_post("/logout", auth.logout)
    report.add_routes(app)
    staff.add_routes(app)
    handover.add_routes(app)
    desk_api.add_routes(app)
    app.router.add_static("/static/", STATIC, append_version=True)
    return app
