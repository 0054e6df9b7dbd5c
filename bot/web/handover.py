"""Human handover: a staff member answers in the resident's widget while the bot pauses.

During the desk's hours, asking for a person (ask_human) puts the conversation
on the staff page (/staff). Taking it over appends Rasa's `pause` event
through Rasa's conversation API, so Rasa keeps recording the resident's
messages but stops answering. The staff member's messages are appended as bot
events (`custom.kind = "human"`); the widget fetches them from
`GET /api/chat/updates`. Handing back appends a goodbye line and Rasa's
`resume` event.

The list of open handovers lives in the gateway's memory only: it holds the
widget's session id while the handover is open and is never written to disk
(stored conversation ids are salted hashes only). With several gateways, route
/staff and /api/chat/updates of one municipality to the same gateway (sticky
sessions), or run a single gateway for staff traffic.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from typing import Any, Dict, List

from aiohttp import web

from bot.language.languages import DEFAULT
from bot.web import keys
from bot.web.auth import check_csrf, render, require
from bot.web.chat import SESSION
from bot.web.desk import Handover
from bot.web.rasa_client import UpstreamError

STAFF = ("admin", "policy", "staff")
_NUMBER = re.compile(r"^\d{1,12}(\.\d{1,9})?$")


def staff_message(text: str, lang: str = DEFAULT, kind: str = "human", dir: str = "ltr") -> Dict[str, Any]:
    """A Rasa `bot` event carrying a staff member's message for the widget."""
    return {"event": "bot", "text": text, "timestamp": time.time(),
            "data": {"custom": {"kind": kind, "text": text, "lang": lang, "dir": dir, "buttons": []}}}


def messages_since(tracker: Dict[str, Any], since: float) -> List[Dict[str, Any]]:
    """The staff messages (and the hand-back line) of a tracker after `since`."""
    out = []
    for event in tracker.get("events") or []:
        custom = ((event.get("data") or {}).get("custom") or {}) if event.get("event") == "bot" else {}
        if custom.get("from_staff") and float(event.get("timestamp") or 0) > since:
            out.append({"kind": custom.get("kind"), "text": custom.get("text", ""), "lang": custom.get("lang", DEFAULT),
                        "dir": custom.get("dir", "ltr"), "buttons": [], "at": float(event["timestamp"])})
    return out


def conversation_lines(tracker: Dict[str, Any]) -> List[Dict[str, str]]:
    """The last 30 lines of the conversation for the staff member: who said what."""
    lines = []
    for event in tracker.get("events") or []:
        if event.get("event") == "user" and not str(event.get("text", "")).startswith("/"):
            lines.append({"who": "Inwoner", "text": str(event.get("text", "")),
                          "lang": ((event.get("parse_data") or {}).get("language") or {}).get("code", "")})
        elif event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            who = "Medewerker" if custom.get("from_staff") else "Taalbrug"
            lines.append({"who": who, "text": str(custom.get("text") or event.get("text") or ""),
                          "lang": str(custom.get("lang") or DEFAULT)})
    return lines[-30:]


async def updates(request: web.Request) -> web.Response:
    """GET /api/chat/updates?session=...&since=...: a staff member's messages during a handover."""
    session = request.query.get("session", "")
    if not SESSION.match(session):
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
    try:
        await request.app[keys.RASA].append_events(handover.sender, events)
    except UpstreamError:
        raise web.HTTPBadGateway(text='{"error": "Rasa cannot be reached. Try again."}',
                                 content_type="application/json") from None


def _from_staff(event: Dict[str, Any]) -> Dict[str, Any]:
    event["data"]["custom"]["from_staff"] = True
    return event


async def take(request: web.Request) -> web.StreamResponse:
    user = await require(request, STAFF)
    await check_csrf(request, await request.post())
    handover = request.app[keys.HANDOVERS].get(request.match_info["handover"])
    if handover.state == "waiting":
        await _append(request, handover, [{"event": "pause", "timestamp": time.time()}])
        handover.state, handover.staff = "active", user.username if user else None
    raise web.HTTPSeeOther(f"/staff/handover/{handover.id}")


async def reply(request: web.Request) -> web.StreamResponse:
    await require(request, STAFF)
    form = await request.post()
    await check_csrf(request, form)
    handover = request.app[keys.HANDOVERS].get(request.match_info["handover"])
    text = " ".join(str(form.get("text", "")).split())[:2000]
    if handover.state == "active" and text:
        await _append(request, handover, [_from_staff(staff_message(text))])
    raise web.HTTPSeeOther(f"/staff/handover/{handover.id}")


async def release(request: web.Request) -> web.StreamResponse:
    await require(request, STAFF)
    await check_csrf(request, await request.post())
    handover = request.app[keys.HANDOVERS].get(request.match_info["handover"])
    if handover.state == "active":
        content = request.app[keys.CONTENT]
        back = "De medewerker geeft het gesprek terug aan Taalbrug. U kunt weer een vraag stellen."
        events = [_from_staff(staff_message(back))]
        locale = content.locale(handover.language)
        if locale.code != DEFAULT and locale.cues.get("handover_back"):
            events.append(_from_staff(staff_message(locale.cues["handover_back"], locale.code, "cue", locale.dir)))
        events.append({"event": "resume", "timestamp": time.time()})
        await _append(request, handover, events)
    handover.state, handover.ended_at = "ended", time.time()
    raise web.HTTPSeeOther("/staff#handovers")


async def conversation(request: web.Request) -> web.Response:
    await require(request, STAFF)
    handover = request.app[keys.HANDOVERS].get(request.match_info["handover"])
    try:
        tracker = await request.app[keys.RASA].tracker(handover.sender)
        lines = conversation_lines(tracker)
    except UpstreamError:
        lines = []
    content = request.app[keys.CONTENT]
    requested = datetime.fromtimestamp(handover.requested_at, timezone.utc)
    return render(request, "handover.html", handover=handover, lines=lines,
                  language=content.locale(handover.language), requested=requested.strftime("%H.%M UTC"))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/chat/updates", updates)
    app.router.add_get("/staff/handover/{handover}", conversation)
    app.router.add_post("/staff/handover/{handover}/take", take)
    app.router.add_post("/staff/handover/{handover}/reply", reply)
    app.router.add_post("/staff/handover/{handover}/release", release)
