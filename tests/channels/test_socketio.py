"""Rasa's web chat clients get each Taalbrug message as one bot_uttered event they can show."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from bot.channels.socketio import SocketIOOutput
from bot.messages import Message


class RecordingServer:
    """Stands in for python-socketio's AsyncServer: emit() takes only its real arguments."""

    def __init__(self) -> None:
        self.emitted: List[Dict[str, Any]] = []

    async def emit(self, event: str, data: Any = None, to: Any = None, room: Any = None, **_: Any) -> None:
        self.emitted.append({"event": event, "data": data, "room": room})


def _send(response: Dict[str, Any]) -> List[Dict[str, Any]]:
    server = RecordingServer()
    asyncio.run(SocketIOOutput(server, "bot_uttered").send_response("session-1", response))
    return server.emitted


def test_a_taalbrug_message_is_one_event_with_text_quick_replies_and_its_data_as_metadata() -> None:
    message = Message(kind="answer", text="Kies een onderwerp.\n\nOf vraag het aan de balie.", topic="greet",
                      buttons=({"title": "Openingsuren", "payload": "/opening_hours"},))
    utter = message.utter()
    (sent,) = _send({"text": utter["text"], "buttons": utter["buttons"], "custom": utter["json_message"]})
    assert sent["event"] == "bot_uttered" and sent["room"] == "session-1"
    data = sent["data"]
    assert data["text"] == "Kies een onderwerp.\n\nOf vraag het aan de balie."
    assert data["quick_replies"] == [{"content_type": "text", "title": "Openingsuren", "payload": "/opening_hours"}]
    assert data["metadata"] == {"kind": "answer", "lang": "nl", "dir": "ltr", "topic": "greet"}
    # rasa-webchat shows text with quick replies only when these are its only keys besides metadata
    assert set(data) - {"metadata"} == {"text", "quick_replies"}


def test_a_foreign_custom_payload_is_sent_as_data_not_spread_into_emit() -> None:
    sent = _send({"custom": {"kind_of_card": "x", "room": "elsewhere"}})
    assert sent == [{"event": "bot_uttered", "data": {"custom": {"kind_of_card": "x", "room": "elsewhere"}},
                     "room": "session-1"}]


def test_plain_text_without_taalbrug_data_is_sent_as_rasa_sends_it() -> None:
    assert [e["data"] for e in _send({"text": "Hallo"})] == [{"text": "Hallo"}]
