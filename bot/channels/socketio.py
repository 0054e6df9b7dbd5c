"""Rasa's socket.io channel as Rasa's own web chat clients (rasa-webchat, python-socketio) expect it.

`SocketIOInput` is Rasa 3.6's channel with two faults fixed for the locked
python-socketio 5: the session room is joined with an awaited `enter_room`
(Rasa calls it without `await`, so with `session_persistence` no answer ever
reached the client), and the output is `SocketIOOutput`, which sends each
Taalbrug message as one `bot_uttered` event, `{"text", "quick_replies",
"metadata"}`, instead of spreading the `custom` payload into `emit()` (which
raised "unexpected keyword argument 'kind'"). Rasa-webchat shows text with
quick replies and keeps `metadata` (Taalbrug's kind, lang, dir, topic) aside.

Rasa's conversation id is "socketio:<session id>" (bot/channels/senders.py):
a client cannot name a widget session, a Telegram chat or a WhatsApp number.
A `session_id` asked for in `session_request` that is not 8-128 of A-Z, a-z,
0-9, _ and - (as the widget's) is replaced by a fresh one, not refused:
rasa-webchat keeps whatever id `session_confirm` names, so the client still
gets a working conversation, just never the one it named. A message whose
`session_id` could not have been confirmed is ignored (logged). Events go to
the room of the bare session id.

With `desk_url` and `desk_token` in credentials.yml the staff desk can take a
conversation over (bot/channels/desk_link.py): a staff member's messages reach the
session's room as `bot_uttered` events (`metadata.kind` "human").
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from bot.channels.desk_link import DeskLink, Screen
from bot.channels.senders import SESSION_ID, SOCKETIO, ForeignSender, bare_id, conversation_id
from bot.messages import from_response

logger = logging.getLogger(__name__)


def valid_session(session_id: Any) -> bool:
    """Whether a client's session_id is one Taalbrug confirms: 8-128 of A-Z, a-z, 0-9, _ and -."""
    return isinstance(session_id, str) and SESSION_ID.match(session_id) is not None


def confirmed_session(asked: Any) -> str:
    """The session id `session_confirm` names: the one asked for when valid, else a fresh one (the
    client keeps the confirmed id, so it still has a conversation, never the one it named)."""
    if valid_session(asked):
        return str(asked)
    if asked:
        logger.warning("socket.io: a session_id that is not 8-128 of A-Z, a-z, 0-9, _ and - was replaced")
    return uuid.uuid4().hex


class SocketIOOutput(rasa_socketio.SocketIOOutput):
    """One `bot_uttered` event per bot message: its whole text, its buttons as quick replies."""

    def __init__(self, sio: Any, bot_message_evt: Text, desk: Optional[DeskLink] = None) -> None:
        super().__init__(sio, bot_message_evt)
        self.screen = Screen(desk)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        for screened in await self.screen.responses(recipient_id, self.name(), message):
            await self._send_one(recipient_id, screened)

    async def _send_one(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if not isinstance(message.get("custom"), dict) or "kind" not in message["custom"]:
            await super().send_response(recipient_id, message)  # not a Taalbrug message
            return
        rendered = from_response(message)
        event: Dict[str, Any] = {"text": rendered.text}
        if rendered.buttons:
            event["quick_replies"] = [
                {"content_type": "text", "title": b.get("title", ""), "payload": b.get("payload", "")}
                for b in rendered.buttons
            ]
        event["metadata"] = dict(message["custom"])
        await self._send_message(recipient_id, event)

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        """Emit to the session's room: the conversation id "socketio:<session id>" without its prefix.
        A conversation of another channel is not sent to any room."""
        try:
            room = bare_id(SOCKETIO, socket_id)
        except ForeignSender:
            logger.error("socket.io: a message for a conversation of another channel was not sent")
            return
        await self.sio.emit(self.bot_message_evt, response, room=room)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        """A custom payload as the data of one event (Rasa spread it into `emit()`'s arguments)."""
        await self._send_message(recipient_id, {"custom": json_message})


class SocketIOInput(rasa_socketio.SocketIOInput):
    """Rasa's socket.io input channel with an awaited `enter_room` and Taalbrug's output."""

    desk = DeskLink(None, None)
    server: Any = None  # Rasa's Sanic app's ctx, kept when the server starts (ctx.agent is Rasa's agent)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> rasa_socketio.InputChannel:
        channel = super().from_credentials(credentials)
        assert isinstance(channel, SocketIOInput)
        channel.desk = DeskLink.from_credentials(credentials)
        return channel

    def get_output_channel(self) -> Optional[rasa_socketio.OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt, self.desk)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)  # health route, connect (JWT) and disconnect
        sio = self.sio
        assert sio is not None  # set by Rasa's blueprint()

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            data["session_id"] = confirmed_session(data.get("session_id"))
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"], namespace=self.namespace)
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)

        async def handle_message(sid: Text, data: Dict) -> None:
            data = data if isinstance(data, dict) else {}
            if self.session_persistence:
                if not data.get("session_id"):
                    logger.warning("socket.io: a message without session_id was ignored; the client must "
                                   "send `session_request` first and then the session_id with each message")
                    return
                if not valid_session(data["session_id"]):
                    logger.warning("socket.io: a message with a session_id that session_request would not "
                                   "confirm was ignored")
                    return
                sender_id = conversation_id(SOCKETIO, data["session_id"])
            else:
                sender_id = conversation_id(SOCKETIO, sid)
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            output = SocketIOOutput(sio, self.bot_message_evt, self.desk)
            await on_new_message(UserMessage(str(data.get("message", "")), output, sender_id,
                                             input_channel=self.name(),
                                             metadata=metadata if isinstance(metadata, dict) else {}))
            await self.desk.after_message(getattr(self.server, "agent", None), sender_id, self.name())

        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)

        @webhook.listener("before_server_start")
        async def keep_server(app: Any, *_: Any) -> None:
            self.server = app.ctx  # Rasa sets (and replaces) ctx.agent later: it is read per message

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.desk.close()

        return webhook
