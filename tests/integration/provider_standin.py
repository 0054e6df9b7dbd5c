"""A stand-in for Twilio's Messages API and Telegram's Bot API on loopback, recording what it is sent.

It runs its own event loop in a thread, so that tests can start it before the
stack (whose credentials point the channels' `api_url` at it) and read what the
channels sent with plain calls.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import threading
from typing import Any, Dict, List, Optional

from aiohttp import web

TWILIO_SID = "ACstandin0000000000000000000000000"
TWILIO_TOKEN = "standin-twilio-auth-token"
TELEGRAM_TOKEN = "123456:standin-telegram-token"


class ProviderStandIn:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.twilio: List[Dict[str, str]] = []  # To, From, Body
        self.telegram: List[Dict[str, Any]] = []  # method and its JSON body
        self.ids = itertools.count(1)
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._runner: Optional[web.AppRunner] = None
        ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._twilio_message)
        app.router.add_post("/bot{token}/{method}", self._telegram_method)
        self._runner = web.AppRunner(app)
        self.loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()
        self.loop.run_forever()

    def stop(self) -> None:
        async def cleanup() -> None:
            if self._runner is not None:
                await self._runner.cleanup()
        asyncio.run_coroutine_threadsafe(cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    async def _twilio_message(self, request: web.Request) -> web.Response:
        expected = "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
        if request.match_info["sid"] != TWILIO_SID or request.headers.get("Authorization") != expected:
            return web.json_response({"code": 20003, "message": "Authenticate"}, status=401)
        form = await request.post()
        with self.lock:
            self.twilio.append({k: str(form.get(k, "")) for k in ("To", "From", "Body")})
        return web.json_response({"sid": f"SM{next(self.ids):032d}", "status": "queued"}, status=201)

    async def _telegram_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TELEGRAM_TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        body = await request.json()
        method = request.match_info["method"]
        with self.lock:
            self.telegram.append({"method": method, **body})
        if method == "sendMessage":
            result: Any = {"message_id": next(self.ids), "date": 0, "text": body.get("text"),
                           "chat": {"id": int(body["chat_id"]), "type": "private"}}
        else:
            result = True
        return web.json_response({"ok": True, "result": result})

    def sent_to(self, to: str) -> List[str]:
        """The bodies Twilio was asked to send to `to`, in order."""
        with self.lock:
            return [m["Body"] for m in self.twilio if m["To"] == to]

    def telegram_to(self, chat_id: str) -> List[Dict[str, Any]]:
        """The sendMessage calls to `chat_id`, in order."""
        with self.lock:
            return [m for m in self.telegram if m["method"] == "sendMessage" and str(m["chat_id"]) == chat_id]
