"""The desk's API for Rasa's messaging channels: put a WhatsApp, SMS, Telegram or socket.io conversation on
the staff page, mark it urgent, and give 112 first when its resident writes during a handover.

A widget conversation reaches the desk through the gateway's own chat API
(bot/web/chat.py). The other channels' messages go straight to Rasa, so their
channel classes (bot/channels/desk_link.py, in Rasa's process) tell the desk:

- `POST /api/desk/request` `{"sender", "channel", "language"}`: the bot is
  about to offer a staff member. 200 `{"state": "waiting"}` puts the
  conversation on the staff page (of the deployment's default municipality,
  the one the actions answer channel conversations for); 409 `{"messages":
  [...]}` when the desk is full: Rasa `bot` events with the desk's other
  contact options, which the channel sends instead of the offer.
- `POST /api/desk/urgent` `{"sender", "channel"}`: the conversation got the emergency
  answer; an open handover of it is shown as urgent.
- `POST /api/desk/wrote` `{"sender", "channel"}`: the resident wrote while Rasa was
  paused (a staff member has the conversation); a possible emergency gets the
  emergency answer on the resident's channel (bot.web.handover.safety_first).

Only Rasa may call it: `Authorization: Bearer` with Rasa's API token
(TAALBRUG_RASA_TOKEN, which Rasa and the gateway already share); without a
token configured every call is refused. The sender id (a phone number, a chat
id) is kept in the desk's memory only and never logged.
"""

from __future__ import annotations

import hmac
import json
import time
from typing import Any, Dict

from aiohttp import web

from bot.language.languages import DEFAULT
from bot.messages import Message
from bot.vocabulary import ASK_HUMAN, PUSH_CHANNELS
from bot.web import keys
from bot.web.desk import DeskFull
from bot.web.handover import safety_first

MAX_SENDER = 256


async def _body(request: web.Request) -> Dict[str, Any]:
    """The caller checked (401 without Rasa's token) and its JSON body with a sender (400 otherwise)."""
    token = request.app[keys.CONFIG].rasa_token
    given = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise web.HTTPUnauthorized(text='{"error": "Rasa\'s API token is required."}', content_type="application/json")
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("sender"), str) or \
            not 0 < len(body["sender"]) <= MAX_SENDER:
        raise web.HTTPBadRequest(text='{"error": "A JSON object with the conversation\'s \\"sender\\" is required."}',
                                 content_type="application/json")
    return body


def _full(request: web.Request, language: str) -> list:
    """The desk's other contact options (answers/ask_human.yml `handover_full`) as Rasa bot events."""
    content = request.app[keys.CONTENT]
    place = content.municipality(None, request.app[keys.CONFIG].municipality)
    messages = content.say(" ".join(content.texts(ASK_HUMAN, "handover_full", place)), ASK_HUMAN, language, place,
                           kind="prompt")
    now = time.time()
    return [m.about(ASK_HUMAN, None).as_event(now) for m in messages]


def _channel(body: Dict[str, Any]) -> str:
    """The conversation's input_channel, one of PUSH_CHANNELS (400 otherwise)."""
    channel = body.get("channel")
    if channel not in PUSH_CHANNELS:
        raise web.HTTPBadRequest(text=json.dumps({"error": f"'channel' must be one of {', '.join(PUSH_CHANNELS)}."}),
                                 content_type="application/json")
    return str(channel)


async def request_handover(request: web.Request) -> web.Response:
    body = await _body(request)
    channel = _channel(body)
    content = request.app[keys.CONTENT]
    language = str(body["language"]) if body.get("language") in content.locales else DEFAULT
    sender = body["sender"]
    try:
        # The client cap counts one resident's own waiting chats: all of them arrive from Rasa's address.
        request.app[keys.HANDOVERS].request(sender, request.app[keys.CONFIG].municipality, language,
                                            client=f"{channel}:{sender}", channel=channel)
    except DeskFull:
        return web.json_response({"messages": _full(request, language)}, status=409)
    return web.json_response({"state": "waiting"})


async def urgent(request: web.Request) -> web.Response:
    body = await _body(request)
    handover = request.app[keys.HANDOVERS].for_sender(body["sender"], _channel(body))
    if handover is not None and handover.state != "ended":
        handover.urgent = True
    return web.json_response({"urgent": bool(handover and handover.urgent)})


async def wrote(request: web.Request) -> web.Response:
    body = await _body(request)
    handover = request.app[keys.HANDOVERS].for_sender(body["sender"], _channel(body))
    messages: list[Message] = []
    if handover is not None and handover.state == "active":
        messages = await safety_first(request.app, handover.sender, handover)
    return web.json_response({"emergency": bool(messages)})


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/desk/request", request_handover)
    app.router.add_post("/api/desk/urgent", urgent)
    app.router.add_post("/api/desk/wrote", wrote)
