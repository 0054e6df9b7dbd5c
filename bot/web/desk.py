"""The gateway's in-memory list of open human handovers (see bot.web.handover).

It holds a widget session id only while its handover is open, and never
writes it anywhere.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from aiohttp import web

# A widget session id: the chat API's `session` (and Rasa's sender id).
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
KEEP_ENDED = 600.0  # seconds an ended handover is remembered, so the widget learns it ended
MAX_OPEN = 200


@dataclass
class Handover:
    id: str
    sender: str
    municipality: str
    language: str
    requested_at: float
    state: str = "waiting"  # one of bot.vocabulary.HANDOVER_STATES
    staff: Optional[str] = None
    ended_at: Optional[float] = None
    urgent: bool = False  # the resident may be in an emergency: the staff page shows it first


@dataclass
class HandoverDesk:
    """Open handovers, by id and by widget session, in this gateway's memory."""

    items: Dict[str, Handover] = field(default_factory=dict)

    def request(self, sender: str, municipality: str, language: str) -> Handover:
        self._forget_old()
        current = self.for_sender(sender)
        if current and current.state != "ended":
            return current
        if len([h for h in self.items.values() if h.state != "ended"]) >= MAX_OPEN:
            raise web.HTTPServiceUnavailable(text='{"error": "Too many open handovers."}',
                                             content_type="application/json")
        handover = Handover(secrets.token_urlsafe(12), sender, municipality, language, time.time())
        self.items[handover.id] = handover
        return handover

    def for_sender(self, sender: str) -> Optional[Handover]:
        matches = [h for h in self.items.values() if h.sender == sender]
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
        now = time.time()
        for key in [k for k, h in self.items.items() if h.ended_at and now - h.ended_at > KEEP_ENDED]:
            del self.items[key]


