"""Typed application keys shared by the gateway's views and contexts."""

from __future__ import annotations

import jinja2
from aiohttp import web
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.content.loader import Content
from bot.web.desk import HandoverDesk
from bot.web.rasa_client import RasaClient
from bot.web.ratelimit import RateLimiter
from bot.web.throttle import LoginThrottle

CONFIG = web.AppKey("config", Settings)
CONTENT = web.AppKey("content", Content)
ENGINE: web.AppKey[Engine] = web.AppKey("engine", Engine)  # SQLAlchemy 1.4 has no types: Engine is Any
RASA = web.AppKey("rasa", RasaClient)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
HANDOVERS = web.AppKey("handovers", HandoverDesk)
LIMITER = web.AppKey("limiter", RateLimiter)
LOGIN_THROTTLE = web.AppKey("login_throttle", LoginThrottle)
