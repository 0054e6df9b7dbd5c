"""The gateway's in-memory list of open human handovers (see bot.web.handover).

It holds a conversation's Rasa sender id (the widget's session id; on the
messaging channels a phone number, a Telegram chat id or a socket.io session)
and the client address, for its cap, only while its handover is open, and
never writes or shows it anywhere. So that nobody can fill
the desk with made-up sessions, a handover waits at most `wait_expires`
seconds before it ends; a client address (`per_client`) and a municipality
(`per_municipality`) have a cap on waiting handovers, the whole gateway
(`max_open`) on open ones (waiting or taken). A request beyond a cap raises `DeskFull`: the chat then gives the
resident the desk's other contact options instead.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from aiohttp import web

from bot.vocabulary import WEB_CHANNEL

# A widget session id: the chat API's `session` (and Rasa's sender id).
KEEP_ENDED = 600.0  # seconds an ended handover is remembered, so the widget learns it ended
MAX_OPEN = 200  # open handovers in this gateway
PER_MUNICIPALITY = 50  # waiting handovers of one municipality
PER_CLIENT = 3  # waiting handovers from one client address (a shared address may hold several residents)
WAIT_EXPIRES = 15 * 60.0  # seconds a handover waits for a staff member before it ends


class DeskFull(Exception):
    """No handover can be opened now: a cap (client, municipality or gateway) is reached."""


@dataclass
class Handover:
    id: str
    sender: str
    municipality: str
    language: str
    requested_at: float
    client: str = ""  # the client address, for PER_CLIENT (memory only)
    state: str = "waiting"  # one of bot.vocabulary.HANDOVER_STATES
    staff: Optional[str] = None
    ended_at: Optional[float] = None
    urgent: bool = False  # the resident may be in an emergency: the staff page shows it first
    channel: str = WEB_CHANNEL  # the conversation's input_channel: where a staff member's messages go


@dataclass
class HandoverDesk:
    """Open handovers, by id and by widget session, in this gateway's memory."""

    items: Dict[str, Handover] = field(default_factory=dict)
    max_open: int = MAX_OPEN
    per_municipality: int = PER_MUNICIPALITY
    per_client: int = PER_CLIENT
    wait_expires: float = WAIT_EXPIRES
    clock: Callable[[], float] = time.time

    def request(self, sender: str, municipality: str, language: str, client: str = "",
                channel: str = WEB_CHANNEL) -> Handover:
        """The session's open handover, or a new waiting one; DeskFull when a cap is reached."""
        self._forget_old()
        current = self.for_sender(sender, channel)
        if current and current.state != "ended":
            return current
        open_now = [h for h in self.items.values() if h.state != "ended"]
        waiting = [h for h in open_now if h.state == "waiting"]  # taken ones are a staff member's choice
        if (len(open_now) >= self.max_open
                or sum(h.municipality == municipality for h in waiting) >= self.per_municipality
                or sum(h.client == client for h in waiting) >= self.per_client):
            raise DeskFull(municipality)
        handover = Handover(secrets.token_urlsafe(12), sender, municipality, language, self.clock(), client,
                            channel=channel)
        self.items[handover.id] = handover
        return handover

    def for_sender(self, sender: str, channel: str = WEB_CHANNEL) -> Optional[Handover]:
        """The latest handover of a conversation of `channel` (a Telegram chat id may look like a widget
        session id: the widget's chat API never sees another channel's handover)."""
        self._forget_old()
        matches = [h for h in self.items.values() if h.sender == sender and h.channel == channel]
        return max(matches, key=lambda h: h.requested_at) if matches else None

    def open_for(self, municipality: str) -> List[Handover]:
        self._forget_old()
        return sorted((h for h in self.items.values() if h.municipality == municipality and h.state != "ended"),
                      key=lambda h: (not h.urgent, h.requested_at))

    def get(self, handover_id: str) -> Handover:
        handover = self.items.get(handover_id)
        if handover is None:
            raise web.HTTPNotFound(text='{"error": "This conversation is no longer waiting."}',
                                   content_type="application/json")
        return handover

    def _forget_old(self) -> None:
        """End handovers that waited too long (the widget learns it); forget long-ended ones."""
        now = self.clock()
        for handover in self.items.values():
            if handover.state == "waiting" and now - handover.requested_at > self.wait_expires:
                handover.state, handover.ended_at = "ended", now
        for key in [k for k, h in self.items.items() if h.ended_at and now - h.ended_at > KEEP_ENDED]:
            del self.items[key]


