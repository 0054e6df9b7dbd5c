"""Run the gateway: `python -m bot.web` (normally started by `make run`)."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import Settings
from bot.web.app import init_app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s gateway %(levelname)s %(message)s")
    config = Settings.from_env()
    web.run_app(
        init_app(config),
        host=config.web_host,
        port=config.web_port,
        access_log=None,  # access logs would carry session ids; errors are logged
        print=None,
        shutdown_timeout=5,
    )


if __name__ == "__main__":
    main()
