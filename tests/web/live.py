"""A gateway with a fake Rasa, running in a background thread, for tests that use plain HTTP clients."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any, Iterator, Optional

from aiohttp import web

from bot.web import init_app
from tests.conftest import free_port
from tests.web.conftest import FakeRasa, settings_for


class LiveGateway:
    def __init__(self, tmp_path: Path, **changes: Any) -> None:
        self.fake = FakeRasa(replies=[{"recipient_id": "x", "custom": {
            "kind": "answer", "text": "Dag!", "lang": "nl", "topic": "greet",
            "language": {"code": "nl", "confidence": 0.9, "source": "detected"}}}])
        self.port, self.rasa_port = free_port(), free_port()
        self.settings = settings_for(tmp_path, self.rasa_port, self.rasa_port, **changes)
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._runners: list = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self._ready.set()
        self.loop.run_forever()

    async def _start(self) -> None:
        for app, port in ((self.fake.app(), self.rasa_port), (init_app(self.settings), self.port)):
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            self._runners.append(runner)

    def __enter__(self) -> "LiveGateway":
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("gateway did not start")
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
