"""Run the gateway: `python -m bot.web` (normally started by `make run`).

It serves the app as aiohttp's `run_app` would, plus what aiohttp 3.9 has no
setting for: a connection that has not sent a whole request line and headers
within TAALBRUG_READ_TIMEOUT is closed (`close_silent_connections`), so slow
half-sent requests cannot hold connections open. A body sent too slowly gets
408 (bot.web.middlewares.read_body), and an idle keep-alive connection is
closed after KEEPALIVE_TIMEOUT seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Dict, Set

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from bot.config import Settings
from bot.logfilter import install as keep_texts_out_of_logs
from bot.web.app import init_app
from bot.web.middlewares import Handler

KEEPALIVE_TIMEOUT = 15.0


def mark_requests(app: web.Application) -> Set[RequestHandler]:
    """The connections that have sent a whole request line and headers (a middleware marks them)."""
    answered: Set[RequestHandler] = set()

    @web.middleware
    async def mark(request: web.Request, handler: Handler) -> web.StreamResponse:
        answered.add(request.protocol)
        return await handler(request)

    app.middlewares.insert(0, mark)
    return answered


async def close_silent_connections(server: web.Server, answered: Set[RequestHandler], timeout: float) -> None:
    """Every `timeout`/4 s: close connections that have not finished a request's headers within
    `timeout` seconds of being seen."""
    seen: Dict[RequestHandler, float] = {}
    while True:
        now = time.monotonic()
        connections = server.connections
        for gone in set(seen) - set(connections):  # closed meanwhile: forget them
            del seen[gone]
            answered.discard(gone)
        for connection in connections:
            first = seen.setdefault(connection, now)
            if connection not in answered and now - first >= timeout:
                connection.force_close()
        await asyncio.sleep(timeout / 4)


async def serve(config: Settings, app: web.Application) -> None:
    """Serve `app` on the configured host and port until cancelled (or SIGTERM/SIGINT)."""
    answered = mark_requests(app)
    runner = web.AppRunner(app, handle_signals=True, access_log=None,  # access logs would carry session ids
                           keepalive_timeout=KEEPALIVE_TIMEOUT)
    await runner.setup()
    assert runner.server is not None  # made by setup()
    guard = asyncio.create_task(close_silent_connections(runner.server, answered, config.read_timeout))
    try:
        await web.TCPSite(runner, config.web_host, config.web_port, shutdown_timeout=5).start()
        await asyncio.Event().wait()
    finally:
        guard.cancel()
        await runner.cleanup()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s gateway %(levelname)s %(message)s")
    keep_texts_out_of_logs()
    config = Settings.from_env()
    with contextlib.suppress(web.GracefulExit, KeyboardInterrupt):  # SIGTERM, Ctrl-C: a clean stop
        asyncio.run(serve(config, init_app(config)))


if __name__ == "__main__":
    main()
