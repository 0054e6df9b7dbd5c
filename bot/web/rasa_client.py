"""HTTP client for the Rasa server and the action server, as the gateway uses them."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import quote

import aiohttp

from bot.vocabulary import WEB_CHANNEL
from bot.web.gate import FifoGate

# Characters a URL path may hold as they are (RFC 3986 `pchar`): Rasa's routes (Sanic) do not unquote
# the conversation id, so "whatsapp:+32470..." must reach Rasa unencoded to name the same conversation.
_PATH_SAFE = "!$&'()*+,;=:@"


def conversation_path(sender: str) -> str:
    """A sender id as the path segment of Rasa's conversation API, kept as it is wherever a path allows."""
    return quote(sender, safe=_PATH_SAFE)


class UpstreamError(Exception):
    """Rasa or the action server did not answer, answered late, or answered nonsense."""

    def __init__(self, message: str, timeout: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout


@dataclass
class RasaClient:
    """Talks to Rasa's REST channel and HTTP API, and to the action server's health route."""

    session: aiohttp.ClientSession
    rasa_url: str
    actions_url: str
    timeout: float
    token: Optional[str] = None
    # Every Rasa replica; requests go round robin. Empty: only rasa_url.
    rasa_urls: Sequence[str] = ()
    # Resident messages inside Rasa at once (all replicas together); the rest
    # wait in arrival order (bot/web/gate.py). None: no limit.
    gate: Optional[FifoGate] = None

    def __post_init__(self) -> None:
        self.rasa_urls = tuple(self.rasa_urls) or (self.rasa_url,)
        self._next = itertools.cycle(range(len(self.rasa_urls)))
        self.served = [0] * len(self.rasa_urls)

    def _replica(self) -> str:
        """The next replica, round robin: one conversation alternates between them."""
        index = next(self._next)
        self.served[index] += 1
        return self.rasa_urls[index]

    def _params(self) -> Dict[str, str]:
        return {"token": self.token} if self.token else {}

    async def _post(self, url: str, payload: Any, params: Dict[str, str], timeout: Optional[float] = None) -> Any:
        """POST JSON to a Rasa replica and return its JSON answer; every failure is an UpstreamError."""
        try:
            async with self.session.post(
                url, json=payload, params=params, timeout=aiohttp.ClientTimeout(total=timeout or self.timeout)
            ) as response:
                if response.status != 200:
                    raise UpstreamError(f"Rasa answered HTTP {response.status}")
                return await response.json(content_type=None)
        except asyncio.TimeoutError:
            raise UpstreamError("Rasa did not answer in time", timeout=True) from None
        except (aiohttp.ClientError, ValueError) as exc:
            raise UpstreamError(f"Rasa cannot be reached ({type(exc).__name__})") from None

    async def send(
        self, sender: str, text: str, metadata: Dict[str, Any], channel: str = WEB_CHANNEL
    ) -> List[Dict[str, Any]]:
        """One user message through the REST channel; returns Rasa's bot messages.

        `channel` becomes the message's `input_channel` in Rasa's tracker (web, staff, ...).
        """
        payload = {"sender": sender, "message": text, "metadata": metadata, "input_channel": channel}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout  # the time in the gate's queue counts towards it
        if self.gate is not None and not await self.gate.enter(self.timeout):
            raise UpstreamError("Rasa is busy: no place within the deadline", timeout=True)
        try:
            remaining = max(deadline - loop.time(), 0.001)
            body = await self._post(f"{self._replica()}/webhooks/rest/webhook", payload, {}, remaining)
        finally:
            if self.gate is not None:
                self.gate.leave()
        if not isinstance(body, list):
            raise UpstreamError("Rasa answered something that is not a message list")
        return [item for item in body if isinstance(item, dict)]

    async def parse(self, text: str) -> Dict[str, Any]:
        """Rasa's /model/parse: intent (topic), entities and the `language` object."""
        body = await self._post(f"{self._replica()}/model/parse", {"text": text}, self._params())
        if not isinstance(body, dict):
            raise UpstreamError("Rasa answered something that is not a parse result")
        return body

    async def append_events(self, sender: str, events: List[Dict[str, Any]], output_channel: Optional[str] = None
                            ) -> None:
        """Append events (pause, resume, a staff member's message) to a conversation (Rasa's HTTP API).

        With `output_channel` (a Rasa channel's name) Rasa also sends the `bot` events to the resident
        on that channel (Rasa's `execute_side_effects`)."""
        url = f"{self._replica()}/conversations/{conversation_path(sender)}/tracker/events"
        params = self._params()
        if output_channel:
            params.update(output_channel=output_channel, execute_side_effects="true")
        await self._post(url, events, params)

    async def tracker(self, sender: str) -> Dict[str, Any]:
        """A conversation's tracker (events, paused) from Rasa's HTTP API."""
        url = f"{self._replica()}/conversations/{conversation_path(sender)}/tracker"
        return await self._get_json(url, self._params())

    async def rasa_status(self, url: Optional[str] = None) -> Dict[str, Any]:
        """A replica's /status (model loaded, fingerprint); raises UpstreamError when down."""
        return await self._get_json(f"{url or self.rasa_url}/status", self._params())

    async def actions_health(self) -> Dict[str, Any]:
        return await self._get_json(f"{self.actions_url}/health", {})

    async def _get_json(self, url: str, params: Dict[str, str]) -> Dict[str, Any]:
        try:
            async with self.session.get(
                url, params=params, timeout=aiohttp.ClientTimeout(total=3)
            ) as response:
                if response.status != 200:
                    raise UpstreamError(f"HTTP {response.status}")
                body = await response.json(content_type=None)
        except asyncio.TimeoutError:
            raise UpstreamError("no answer in 3 s", timeout=True) from None
        except (aiohttp.ClientError, ValueError) as exc:
            raise UpstreamError(f"unreachable ({type(exc).__name__})") from None
        return body if isinstance(body, dict) else {}
