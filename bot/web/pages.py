"""The demo municipal page at / (it embeds the widget) and the widget's language list."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.web import keys

STATIC = Path(__file__).resolve().parent / "static"


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


async def languages(request: web.Request) -> web.Response:
    """Every language: code, own name, Dutch name, direction, speech tag and UI strings (for the widget)."""
    content = request.app[keys.CONTENT]
    items = [
        {"code": code, "endonym": loc.endonym, "name_nl": loc.name_nl, "dir": loc.dir,
         "speech": loc.speech, "reviewed": loc.reviewed, "ui": dict(loc.ui)}
        for code, loc in sorted(content.locales.items(), key=lambda kv: (kv[0] != "nl", kv[1].endonym.lower()))
    ]
    return web.json_response({"languages": items, "default": "nl"},
                             headers={"Cache-Control": "public, max-age=300"})
