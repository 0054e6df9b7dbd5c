"""Rasa's web chat clients get each Taalbrug message as one bot_uttered event they can show, in the room of
their own session only."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from bot.channels.socketio import SocketIOOutput, confirmed_session
from bot.messages import Message


class RecordingServer:
    """Stands in for python-socketio's AsyncServer: emit() takes only its real arguments."""

    def __init__(self) -> None:
        self.emitted: List[Dict[str, Any]] = []

    async def emit(self, event: str, data: Any = None, to: Any = None, room: Any = None, **_: Any) -> None:
        self.emitted.append({"event": event, "data": data, "room": room})


def _send(response: Dict[str, Any]) -> List[Dict[str, Any]]:
    server = RecordingServer()
    asyncio.run(SocketIOOutput(server, "bot_uttered").send_response("socketio:session-1", response))
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


def test_events_go_to_the_bare_session_room_and_never_to_another_channels_conversation() -> None:
    server = RecordingServer()
    output = SocketIOOutput(server, "bot_uttered")
    asyncio.run(output.send_text_message("socketio:abcdefgh12", "Hallo"))
    for foreign in ("abcdefgh12", "telegram:123456789", "whatsapp:+32470000001"):
        asyncio.run(output.send_text_message(foreign, "Hallo"))
    assert server.emitted == [{"event": "bot_uttered", "data": {"text": "Hallo"}, "room": "abcdefgh12"}]


def test_a_session_id_of_another_namespace_is_replaced_by_a_fresh_one() -> None:
    assert confirmed_session("socket-session-1") == "socket-session-1"
    for asked in ("whatsapp:+32470000001", "telegram:7001", "+32470000001", "short", "x" * 129, 12345678, None):
        fresh = confirmed_session(asked)
        assert fresh != asked and len(fresh) == 32 and fresh.isalnum()
    assert confirmed_session(None) != confirmed_session(None)
