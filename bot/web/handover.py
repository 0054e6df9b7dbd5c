"""Human handover: a staff member answers in the resident's chat while the bot pauses.

During the desk's hours, asking for a person (ask_human) puts the conversation
on the staff page (/staff): a widget conversation when the gateway reads Rasa's
reply (bot/web/chat.py), one on WhatsApp, SMS, Telegram or socket.io when the
channel asks the desk (bot/web/desk_api.py). Taking it over appends Rasa's
`pause` event through Rasa's conversation API, so Rasa keeps recording the
resident's messages but stops answering. The staff member's messages are
appended as bot events (`Message(kind="human")`); the widget fetches them from
`GET /api/chat/updates`, and on the other channels Rasa sends them to the
resident through the conversation's own channel (`output_channel`, see
bot.vocabulary.PUSH_CHANNELS). Handing back appends a goodbye line and Rasa's
`resume` event.

The list of open handovers lives in the gateway's memory only: it holds the
conversation's sender id (the widget's session, or a phone number) while the
handover is open; it is never written to disk nor shown on the staff page
(stored conversation ids are salted hashes only). With several gateways, route
/staff and /api/chat/updates of one municipality to the same gateway (sticky
sessions), or run a single gateway for staff traffic.

Only the roles of LIVE_HANDOVER (staff, admin) open, take over and answer a
conversation, and only of a municipality their account belongs to (403 otherwise).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Dict, List
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.channels.senders import SESSION_ID
from bot.directory.municipality import Municipality
from bot.language.languages import DEFAULT
from bot.messages import Message, from_event
from bot.storage.counts import record_safety
from bot.vocabulary import (
    ASK_HUMAN,
    CHANNEL_NAMES,
    EMERGENCY,
    LIVE_HANDOVER,
    PUSH_CHANNELS,
    SAFETY_EMERGENCY,
    SPEAKERS,
)
from bot.web import keys, tenants
from bot.web.auth import check_csrf, render, require
from bot.web.desk import Handover
from bot.web.rasa_client import UpstreamError

logger = logging.getLogger(__name__)
_NUMBER = re.compile(r"^\d{1,12}(\.\d{1,9})?$")


def staff_messages(messages: List[Message], timestamp: float) -> List[Dict[str, Any]]:
    """Rasa `bot` events carrying a staff member's messages (or the hand-back line) for the widget."""
    return [replace(m, from_staff=True).as_event(timestamp) for m in messages]


def messages_since(tracker: Dict[str, Any], since: float) -> List[Dict[str, Any]]:
    """The staff messages (and the hand-back line) of a tracker after `since`."""
    out = []
    for event in tracker.get("events") or []:
        message = from_event(event)
        if message and message.from_staff and float(event.get("timestamp") or 0) > since:
            out.append({**message.as_chat(), "at": float(event["timestamp"])})
    return out


def conversation_lines(tracker: Dict[str, Any]) -> List[Dict[str, str]]:
    """The last 30 lines of the conversation for the staff member: who (see SPEAKERS) said what."""
    lines = []
    for event in tracker.get("events") or []:
        if event.get("event") == "user" and not str(event.get("text", "")).startswith("/"):
            lines.append({"who": "resident", "text": str(event.get("text", "")),
                          "lang": ((event.get("parse_data") or {}).get("language") or {}).get("code", "")})
            continue
        message = from_event(event)
        if message:
            lines.append({"who": "staff" if message.from_staff else "bot", "text": message.text,
                          "lang": message.lang})
    return lines[-30:]


async def safety_first(app: web.Application, session: str, handover: Handover) -> List[Message]:
    """During an active handover Rasa is paused and answers nothing; the safety net still speaks first.

    Rasa has parsed and stored the message all the same. When its safety net
    marked it as a possible emergency, the resident gets the emergency answer at
    once (on a messaging channel Rasa sends it there), it is added to the
    conversation the staff member reads, and the handover is marked urgent.
    """
    try:
        tracker = await app[keys.RASA].tracker(session)
    except UpstreamError:
        return []
    users = [e for e in tracker.get("events") or [] if e.get("event") == "user"]
    parse = (users[-1].get("parse_data") or {}) if users else {}
    safety = parse.get("safety") or {}
    if safety.get("level") != SAFETY_EMERGENCY:
        return []
    content = app[keys.CONTENT]
    municipality = content.municipality(handover.municipality, app[keys.CONFIG].municipality)
    language = parse.get("language") if isinstance(parse.get("language"), dict) else None
    code = (language or {}).get("code") or handover.language
    messages = [m.about(EMERGENCY, language)
                for m in content.emergency(code, municipality, safety.get("categories") or [])]
    handover.urgent = True
    try:  # the widget's resident gets the answer in the reply even if Rasa cannot store it
        await app[keys.RASA].append_events(session, [m.as_event(time.time()) for m in messages],
                                           PUSH_CHANNELS.get(handover.channel))
    except UpstreamError as exc:
        logger.error("emergency answer during a handover not stored or sent: %s", exc)
    await _count_safety(app, municipality, handover.channel, code, (safety.get("categories") or [""])[0])
    return messages


async def _count_safety(app: web.Application, municipality: Municipality, channel: str, language: str,
                        category: str) -> None:
    """Count the emergency answer for the indicators, as the action server does outside a handover."""
    day = datetime.now(ZoneInfo(municipality.timezone)).date()
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, functools.partial(
            record_safety, app[keys.ENGINE], day, municipality.slug, channel, language, SAFETY_EMERGENCY, category))
    except SQLAlchemyError as exc:  # never let counting stand between the resident and 112
        logger.error("safety count lost: %s", type(exc).__name__)


async def updates(request: web.Request) -> web.Response:
    """GET /api/chat/updates?session=...&since=...: a staff member's messages during a handover."""
    session = request.query.get("session", "")
    if not SESSION_ID.match(session):
        return web.json_response({"error": "'session' must be the widget's session id."}, status=400)
    raw_since = request.query.get("since", "0")
    if not _NUMBER.match(raw_since):
        return web.json_response({"error": "'since' must be a number."}, status=400)
    since = float(raw_since)
    handover = request.app[keys.HANDOVERS].for_sender(session)
    if handover is None:
        return web.json_response({"handover": None, "messages": [], "since": since})
    messages: List[Dict[str, Any]] = []
    if handover.state in ("active", "ended"):
        try:
            tracker = await request.app[keys.RASA].tracker(handover.sender)
        except UpstreamError:
            return web.json_response({"error": "The assistant is not available right now."}, status=502)
        messages = messages_since(tracker, since)
    latest = max([since] + [m.pop("at") for m in messages])
    return web.json_response({"handover": {"state": handover.state}, "messages": messages, "since": latest})


async def _append(request: web.Request, handover: Handover, events: List[Dict[str, Any]]) -> None:
    """Append to the conversation; on a messaging channel Rasa also sends its bot events to the resident."""
    try:
        await request.app[keys.RASA].append_events(handover.sender, events, PUSH_CHANNELS.get(handover.channel))
    except UpstreamError:
        raise web.HTTPBadGateway(text='{"error": "Rasa cannot be reached. Try again."}',
                                 content_type="application/json") from None


async def _handover(request: web.Request) -> Handover:
    """The handover of the URL, for a signed-in staff or admin account of its municipality (403 else)."""
    await require(request, LIVE_HANDOVER)
    handover = request.app[keys.HANDOVERS].get(request.match_info["handover"])
    tenants.check(tenants.account(request), handover.municipality)
    return handover


async def take(request: web.Request) -> web.StreamResponse:
    handover = await _handover(request)
    user = tenants.account(request)
    await check_csrf(request, await request.post())
    if handover.state == "waiting":
        await _append(request, handover, [{"event": "pause", "timestamp": time.time()}])
        handover.state, handover.staff = "active", user.username
    raise web.HTTPSeeOther(f"/staff/handover/{handover.id}")


async def reply(request: web.Request) -> web.StreamResponse:
    handover = await _handover(request)
    form = await request.post()
    await check_csrf(request, form)
    text = " ".join(str(form.get("text", "")).split())[:2000]
    if handover.state == "active" and text:
        await _append(request, handover, staff_messages([Message(kind="human", text=text)], time.time()))
    raise web.HTTPSeeOther(f"/staff/handover/{handover.id}")


async def release(request: web.Request) -> web.StreamResponse:
    handover = await _handover(request)
    await check_csrf(request, await request.post())
    if handover.state == "active":
        content = request.app[keys.CONTENT]
        municipality = content.municipality(handover.municipality, request.app[keys.CONFIG].municipality)
        back = content.texts(ASK_HUMAN, "handover_back", municipality)
        messages = content.say(" ".join(back), "handover_back", handover.language, municipality, kind="human")
        events = staff_messages(messages, time.time())
        events.append({"event": "resume", "timestamp": time.time()})
        await _append(request, handover, events)
    handover.state, handover.ended_at = "ended", time.time()
    raise web.HTTPSeeOther("/staff#handovers")


async def conversation(request: web.Request) -> web.Response:
    handover = await _handover(request)
    try:
        tracker = await request.app[keys.RASA].tracker(handover.sender)
        lines = conversation_lines(tracker)
    except UpstreamError:
        lines = []
    content = request.app[keys.CONTENT]
    requested = datetime.fromtimestamp(handover.requested_at, timezone.utc)
    return render(request, "handover.html", handover=handover, lines=lines, speakers=SPEAKERS,
                  channel=CHANNEL_NAMES.get(handover.channel, handover.channel),
                  urgent_label=content.locale(DEFAULT).pages["staff_urgent"],
                  language=content.locale(handover.language), requested=requested.strftime("%H.%M UTC"))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/chat/updates", updates)
    app.router.add_get("/staff/handover/{handover}", conversation)
    app.router.add_post("/staff/handover/{handover}/take", take)
    app.router.add_post("/staff/handover/{handover}/reply", reply)
    app.router.add_post("/staff/handover/{handover}/release", release)
