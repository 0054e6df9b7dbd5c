"""GET /healthz: whether Rasa, the action server and the database are up."""

from __future__ import annotations

import asyncio
from typing import Any, Dict

from aiohttp import web

from bot.storage.db import ping
from bot.web import keys
from bot.web.rasa_client import UpstreamError


async def _check_replica(app: web.Application, url: str) -> Dict[str, Any]:
    try:
        status = await app[keys.RASA].rasa_status(url)
    except UpstreamError as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": bool(status.get("model_file")), "model": status.get("model_id")}


async def _check_rasa(app: web.Application) -> Dict[str, Any]:
    """Every Rasa replica must be up; each is reported with how many requests it served."""
    client = app[keys.RASA]
    replicas = await asyncio.gather(*(_check_replica(app, url) for url in client.rasa_urls))
    first = replicas[0]
    result: Dict[str, Any] = {**first, "ok": all(r["ok"] for r in replicas)}
    if len(replicas) > 1:
        result["replicas"] = [{**r, "served": n} for r, n in zip(replicas, client.served, strict=True)]
    if client.gate is not None:  # resident messages inside Rasa now, and waiting at the gateway
        result["messages"] = {"inside": client.gate.inside, "limit": client.gate.limit, "waiting": client.gate.waiting}
    return result


async def _check_actions(app: web.Application) -> Dict[str, Any]:
    try:
        await app[keys.RASA].actions_health()
    except UpstreamError as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True}


async def _check_database(app: web.Application) -> Dict[str, Any]:
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, ping, app[keys.ENGINE]), timeout=3)
    except Exception as exc:  # any driver error means: not usable now
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


async def healthz(request: web.Request) -> web.Response:
    rasa, actions, database = await asyncio.gather(
        _check_rasa(request.app), _check_actions(request.app), _check_database(request.app)
    )
    ok = rasa["ok"] and actions["ok"] and database["ok"]
    return web.json_response(
        {"status": "ok" if ok else "unavailable", "rasa": rasa, "actions": actions, "database": database},
        status=200 if ok else 503,
    )
