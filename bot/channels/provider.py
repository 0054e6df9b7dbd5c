"""What the messaging channels share: their credentials check and one HTTP session to the provider's API.

A channel is on when credentials.yml names it with its required settings
(bot/channels/credentials.py drops those whose variables are unset). Messages
to the provider are sent through one aiohttp session per channel, opened on
first use inside Rasa's event loop and closed when the server stops; a send
that fails on the network or with a 429/5xx answer is tried again, and one
that still fails is logged without the recipient (a phone number).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, Mapping, Optional, Sequence

import aiohttp
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

ATTEMPTS = 3
RETRY_PAUSE = 0.5  # seconds, doubled after each failed attempt


class SendError(RuntimeError):
    """The provider refused a message, or could not be reached ATTEMPTS times."""


def require(channel: str, credentials: Optional[Mapping[str, Any]], keys: Sequence[str]) -> Dict[str, Any]:
    """The credentials, or a clear error naming every required setting that is missing."""
    credentials = dict(credentials or {})
    missing = [key for key in keys if not str(credentials.get(key) or "").strip()]
    if missing:
        raise RasaException(f"credentials.yml: the {channel} channel needs {', '.join(missing)} "
                            "(see the README, 'WhatsApp and Telegram')")
    return credentials


class ProviderSession:
    """One aiohttp session to a provider's API, opened lazily in the running event loop."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._session: Optional[aiohttp.ClientSession] = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def post(self, url: str, **kwargs: Any) -> Any:
        """POST to the provider; the JSON answer. Retried on network errors, 429 and 5xx."""
        pause = RETRY_PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self.session().post(url, **kwargs) as response:
                    if response.status < 400:
                        return await response.json(content_type=None)
                    # (the provider's explanation is not logged: it may repeat the recipient's number)
                    if response.status != 429 and response.status < 500:
                        raise SendError(f"{self.name} refused a message: HTTP {response.status}")
                    problem = f"HTTP {response.status}"
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                problem = type(error).__name__
            if attempt < ATTEMPTS:
                logger.warning("%s: sending failed (%s), trying again", self.name, problem)
                await asyncio.sleep(pause)
                pause *= 2
        raise SendError(f"{self.name}: a message could not be sent after {ATTEMPTS} attempts ({problem})")
