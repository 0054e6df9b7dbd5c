"""`python -m bot.web` closes connections that never finish their request headers (slow half-sent requests)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from bot.web import init_app
from bot.web.__main__ import serve
from tests.web.conftest import settings_for


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_a_connection_that_never_finishes_its_headers_is_closed(fake_rasa, tmp_path: Path) -> None:
    _, server = fake_rasa
    config = settings_for(tmp_path, server.port, server.port, web_port=free_port(), read_timeout=0.5)
    serving = asyncio.create_task(serve(config, init_app(config)))
    try:
        for _ in range(100):  # until it listens
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", config.web_port)
                break
            except OSError:
                await asyncio.sleep(0.1)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # headers never finished
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), 30) == b""  # closed by the gateway, no answer
        writer.close()

        reader, writer = await asyncio.open_connection("127.0.0.1", config.web_port)
        writer.write(b"GET /api/languages HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert (await asyncio.wait_for(reader.read(), 30)).startswith(b"HTTP/1.1 200")  # whole requests pass
        writer.close()
    finally:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)
