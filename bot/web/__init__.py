"""The aiohttp gateway: the chat page and widget, the chat API and the health check."""

from bot.web.app import init_app

__all__ = ["init_app"]
