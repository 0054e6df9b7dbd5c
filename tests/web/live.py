"""A gateway with a fake Rasa, running in a background thread, for tests that use plain HTTP clients."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any, Iterator, Optional

from aiohttp import web

from bot.config import Settings
from bot.messages import Message
from bot.web import init_app
from tests.web.conftest import FakeRasa, rest_items, settings_for


class LiveGateway:
    def __init__(self, tmp_path: Path, **changes: Any) -> None:
        self.fake = FakeRasa(replies=rest_items(Message(
            kind="answer", text="Dag!", topic="greet",
            language={"code": "nl", "confidence": 0.9, "source": "detected"})))
        self.port = self.rasa_port = 0  # both bound to port 0: the system picks, nothing can collide
        self.settings: Settings = Settings()
        self._tmp_path, self._changes = tmp_path, changes
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._runners: list = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._start())
        except BaseException as exc:  # reported by __enter__ at once, not after a timeout
            self._failure = exc
            self._ready.set()
            return
        self._ready.set()
        self.loop.run_forever()

    async def _serve(self, app: web.Application) -> int:
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._runners.append(runner)
        return runner.addresses[0][1]

    async def _start(self) -> None:
        self.rasa_port = await self._serve(self.fake.app())
        self.settings = settings_for(self._tmp_path, self.rasa_port, self.rasa_port, **self._changes)
        self.port = await self._serve(init_app(self.settings))

    def __enter__(self) -> "LiveGateway":
        self._failure: Optional[BaseException] = None
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("gateway did not start")
        if self._failure is not None:
            raise RuntimeError("gateway did not start") from self._failure
        return self

    def __exit__(self, *exc: Optional[BaseException]) -> None:
        async def stop() -> None:
            for runner in reversed(self._runners):
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)


def live(tmp_path: Path, **changes: Any) -> Iterator[LiveGateway]:
    with LiveGateway(tmp_path, **changes) as gateway:
        yield gateway
