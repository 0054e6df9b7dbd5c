"""The staff desk as Rasa's messaging channels reach it: a staff member can take over a WhatsApp, SMS,
Telegram or socket.io conversation, as on the widget.

The desk lives in the gateway (bot/web/desk.py, bot/web/desk_api.py); these
channels' messages reach Rasa without passing it. So each channel, given
`desk_url` (the gateway) and `desk_token` (Rasa's API token, which the gateway
checks) in credentials.yml, tells the desk three things:

- before it sends the bot's offer of a staff member (`custom.handover ==
  "requested"`), it asks the desk (`Screen`). Taken: the offer goes out. Desk
  full: the desk's other contact options go out instead of the offer and its
  cue. Desk unreachable (or no desk_url): the offer and its cue are left out,
  so the resident keeps the answer's phone, e-mail and counter and is promised
  no one;
- an emergency answer it sends marks the conversation's handover urgent;
- a message that Rasa received while paused (a staff member has the
  conversation) is reported (`after_message`), so that the desk answers a
  possible emergency with 112 first, on this channel.

The staff member's own messages come back through Rasa's HTTP API with
`output_channel`: Rasa hands them to this channel's output like any bot
message. Failures are logged without the sender id (a phone number).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Mapping, Optional, Tuple

import aiohttp

from bot.channels.provider import ProviderSession
from bot.vocabulary import EMERGENCY

logger = logging.getLogger(__name__)

TIMEOUT = 5.0  # seconds the desk may take to answer


class DeskLink:
    """One channel's HTTP link to the gateway's desk API (bot/web/desk_api.py)."""

    def __init__(self, url: Optional[str], token: Optional[str]) -> None:
        self.url = (url or "").rstrip("/")
        self.token = token or ""
        self.provider = ProviderSession("desk")

    @classmethod
    def from_credentials(cls, credentials: Optional[Mapping[str, Any]]) -> "DeskLink":
        settings = credentials or {}
        return cls(str(settings.get("desk_url") or ""), str(settings.get("desk_token") or ""))

    @property
    def on(self) -> bool:
        return bool(self.url and self.token)

    async def call(self, what: str, body: Mapping[str, Any]) -> Tuple[int, Any]:
        """POST to /api/desk/<what>: (status, JSON answer); (0, None) when the desk cannot be reached."""
        if not self.on:
            return 0, None
        try:
            async with self.provider.session().post(
                f"{self.url}/api/desk/{what}", json=dict(body), headers={"Authorization": f"Bearer {self.token}"},
                timeout=aiohttp.ClientTimeout(total=TIMEOUT),
            ) as response:
                return response.status, await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            logger.error("the staff desk cannot be reached (%s)", type(error).__name__)
            return 0, None

    async def request(self, sender: str, channel: str, language: Optional[str]) -> Optional[List[Dict[str, Any]]]:
        """None when the desk put the conversation on the staff page (the offer stands); else the bot
        events to send instead of the offer: the full desk's contact options, or none."""
        status, answer = await self.call("request", {"sender": sender, "channel": channel, "language": language})
        if status == 200:
            return None
        if status == 409 and isinstance(answer, dict) and isinstance(answer.get("messages"), list):
            return [m for m in answer["messages"] if isinstance(m, dict)]
        if status:
            logger.error("the staff desk refused a handover: HTTP %s", status)
        return []

    async def urgent(self, sender: str, channel: str) -> None:
        await self.call("urgent", {"sender": sender, "channel": channel})

    async def after_message(self, agent: Any, sender: str, channel: str) -> None:
        """After Rasa handled a resident's message: when the conversation is paused (a staff member
        has it), tell the desk, which answers a possible emergency with 112 first."""
        if not self.on or agent is None:
            return
        tracker = await agent.tracker_store.retrieve(sender)
        if tracker is not None and tracker.is_paused():
            await self.call("wrote", {"sender": sender, "channel": channel})

    async def close(self) -> None:
        await self.provider.close()


def _response(event: Mapping[str, Any]) -> Dict[str, Any]:
    """A Rasa `bot` event as the response Rasa hands an output channel (as BotUttered.message())."""
    data = event.get("data")
    return {**(data if isinstance(data, dict) else {}), "text": event.get("text")}


class Screen:
    """The responses of one turn on one channel, checked with the desk before they are sent."""

    def __init__(self, desk: Optional[DeskLink]) -> None:
        self.desk = desk
        self._drop_cue = False
        self._urgent_told = False

    async def responses(self, recipient: str, channel: str, response: Mapping[str, Any]) -> List[Dict[str, Any]]:
        """What to send for `response` to `recipient` on `channel` (an input_channel of PUSH_CHANNELS):
        itself, or what replaces the offer of a staff member."""
        found = response.get("custom")
        custom: Dict[str, Any] = found if isinstance(found, dict) else {}
        if self._drop_cue:
            self._drop_cue = False
            if custom.get("kind") == "cue":
                return []  # the cue of an offer that was not sent
        if custom.get("handover") == "requested":
            conversation = custom.get("language")
            language = conversation.get("code") if isinstance(conversation, dict) else None
            instead = await self.desk.request(recipient, channel, language) if self.desk else []
            if instead is not None:
                self._drop_cue = True
                return [_response(event) for event in instead]
        elif custom.get("topic") == EMERGENCY and self.desk is not None and not self._urgent_told:
            self._urgent_told = True
            await self.desk.urgent(recipient, channel)
        return [dict(response)]
