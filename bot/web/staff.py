"""The front-desk helper at /staff: answers, cues, referral cards, phrase cards and the notes queue.

A staff member picks the resident's language or lets Taalbrug detect it, and
types or pastes the question. Taalbrug's NLU (Rasa's /model/parse) finds the
topic and, when one fits, its sub-answer; the page shows the plain Dutch answer
(the sub-answer's), the cue, the pages its rules come from with the date they
were checked, and for referral topics the service cards
with open or closed status now. Phrase cards ("One moment
please", "Do you want an interpreter?", ...) are shown large in the resident's
language, "Come back on ..." with the date and time the staff member picks,
written by Babel in that language. "Which language do you speak? Point to it"
shows every language's own name, large; pointing at one picks the cards' language.
The queue lists staff notes ("Tolk nodig: Tigrinya, ...") with a done button.
Everything is of one municipality the account belongs to (bot/web/tenants.py);
waiting handovers are listed for the roles that may take them over (LIVE_HANDOVER).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any, Dict, List, Optional
from zoneinfo import ZoneInfo

from aiohttp import web
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format

from bot.content.loader import Content
from bot.content.locales import COME_BACK_ON, LANGUAGE_CARD
from bot.directory.cards import referral_card
from bot.directory.services import TOPIC_KINDS, find
from bot.language.languages import DEFAULT
from bot.messages import Message
from bot.storage.counts import record_topic
from bot.storage.referrals import mark_done, note_municipality, open_notes
from bot.vocabulary import HANDOVER_STATES, LIVE_HANDOVER, STAFF, STAFF_CHANNEL
from bot.web import keys, tenants
from bot.web.auth import check_csrf, db, render, require
from bot.web.rasa_client import UpstreamError

# Babel locales for codes CLDR spells differently. Taalbrug's Tamazight (ber) is Tarifit, which CLDR has as
# `rif` (Latin script, the spelling locales/ber.yml follows); Kurmanji is CLDR's `ku`.
BABEL = {"kmr": "ku", "ber": "rif"}


def _babel(code: str) -> str:
    """The Babel locale for a language code; Dutch (Belgium) when Babel lacks the language."""
    try:
        Locale.parse(BABEL.get(code, code))
    except (UnknownLocaleError, ValueError):
        return "nl_BE"
    return BABEL.get(code, code)


def localised_date(day: date, code: str) -> str:
    """"dinsdag 24 november 2026" in the resident's language (Dutch when Babel lacks it)."""
    return format_date(day, "full", locale=_babel(code))


def localised_moment(day: Optional[date], at: Optional[time], code: str) -> str:
    """"dinsdag 24 november 2026, 14:30" in the resident's language, joined the way that language joins a date
    and a time; the date or the time alone when only one is picked."""
    locale = _babel(code)
    written_day = format_date(day, "full", locale=locale) if day else ""
    written_time = format_time(at, "short", locale=locale) if at else ""
    if not (written_day and written_time):
        return written_day or written_time
    pattern = str(get_datetime_format("full", locale=locale)).replace("'", "")
    return pattern.replace("{1}", written_day).replace("{0}", written_time)


def _picked(text: str, parse: Any) -> Any:
    try:
        return parse(text) if text else None
    except ValueError:
        return None


def _municipality(request: web.Request):
    """The municipality asked for (`?municipality=`) if the account has it (403 if not), else its default."""
    content = request.app[keys.CONTENT]
    slug = tenants.pick(tenants.account(request), request.query.get("municipality"),
                        request.app[keys.CONFIG].municipality, content.municipalities)
    return content.municipalities[slug]


async def _page(request: web.Request, result: Optional[Dict[str, Any]] = None, question: str = "",
                chosen: str = "", status: int = 200) -> web.Response:
    content = request.app[keys.CONTENT]
    municipality = _municipality(request)
    phrase_language = request.query.get("phrases") or (result or {}).get("language") or chosen or "ar"
    if phrase_language not in content.locales:
        phrase_language = "ar"
    locale = content.locale(phrase_language)
    back_on, back_at = request.query.get("date", ""), request.query.get("time", "")
    moment = localised_moment(_picked(back_on, date.fromisoformat), _picked(back_at, time.fromisoformat),
                              phrase_language)
    phrases = [
        {"key": key, "nl": dutch, "text": locale.phrases.get(key, ""),
         "reviewed": locale.phrase_reviewed.get(key, locale.reviewed),
         "date": moment if key == COME_BACK_ON and moment else None}
        for key, dutch in content.locale(DEFAULT).phrases.items()
        if key != LANGUAGE_CARD
    ]
    language_cards = [
        {"code": loc.code, "endonym": loc.endonym, "dir": loc.dir, "question": loc.phrases.get(LANGUAGE_CARD, "")}
        for loc in sorted(content.locales.values(), key=lambda loc: (loc.code != DEFAULT, loc.endonym))
    ]
    notes = await db(request, open_notes, municipality.slug)
    tz = ZoneInfo(municipality.timezone)
    user = tenants.account(request)
    may_take_over = user.role in LIVE_HANDOVER
    waiting = request.app[keys.HANDOVERS].open_for(municipality.slug) if may_take_over else []
    return render(
        request, "staff.html", status=status, result=result, question=question, chosen=chosen,
        languages=sorted(content.locales.values(), key=lambda loc: (loc.code != DEFAULT, loc.name_nl or loc.code)),
        phrase_locale=locale, phrases=phrases, back_on=back_on, back_at=back_at, municipality=municipality,
        language_cards=language_cards, language_question=content.locale(DEFAULT).phrases.get(LANGUAGE_CARD, ""),
        notes=[{"note": n, "when": n.created_at.astimezone(tz).strftime("%d-%m %H.%M")} for n in notes],
        handovers=[{"item": h, "language": content.locale(h.language),
                    "when": datetime.fromtimestamp(h.requested_at, tz).strftime("%H.%M")}
                   for h in waiting],
        may_take_over=may_take_over, municipalities=tenants.visible(user, content.municipalities),
        handover_states=HANDOVER_STATES, urgent_label=content.locale(DEFAULT).pages["staff_urgent"],
    )


async def staff_page(request: web.Request) -> web.Response:
    await require(request, STAFF)
    return await _page(request)


def _sub_answer(parsed: Dict[str, Any], topic: Optional[str], content: Content) -> Optional[str]:
    """The sub-answer Taalbrug's NLU chose for the question (bot.nlu.sub_answers), if the topic has it."""
    chosen = parsed.get("sub_answer")
    if not isinstance(chosen, dict) or chosen.get("topic") != topic or topic not in content.answers:
        return None
    name = chosen.get("name")
    return name if isinstance(name, str) and name in content.answers[topic].subs else None


async def ask(request: web.Request) -> web.Response:
    """Answer the question the staff member typed, in the chosen or detected language."""
    await require(request, STAFF)
    form = await request.post()
    await check_csrf(request, form)
    question = " ".join(str(form.get("question", "")).split())[:2000]
    chosen = str(form.get("language", ""))
    content = request.app[keys.CONTENT]
    if chosen and chosen not in content.locales:
        raise web.HTTPBadRequest(text=json.dumps({"error": "unknown language"}), content_type="application/json")
    if not question:
        return await _page(request, {"error": content.locale(DEFAULT).pages["staff_no_question"]}, question, chosen, 400)
    try:
        parsed = await request.app[keys.RASA].parse(question)
    except UpstreamError:
        return await _page(request, {"error": content.locale(DEFAULT).pages["staff_unreadable"]},
                           question, chosen, 502)
    topic = (parsed.get("intent") or {}).get("name")
    detected = (parsed.get("language") or {}).get("code")
    language = chosen or (detected if detected in content.locales else DEFAULT)
    municipality = _municipality(request)
    sub = _sub_answer(parsed, topic, content)
    messages: List[Message] = content.answer(topic, language, municipality, sub)
    now = datetime.now(ZoneInfo(municipality.timezone))
    if topic in content.answers:
        await db(request, record_topic, now.date(), municipality.slug, STAFF_CHANNEL, language, topic)
    names = {code: loc.name_nl or code for code, loc in content.locales.items()}
    cards = [
        referral_card(service, now, None, names, language, content.wording)
        for kind in TOPIC_KINDS.get(topic or "", ())
        for service in find(municipality.services, [kind])
    ]
    facts = content.answers[topic].provenance if topic in content.answers else None
    if sub:
        facts = content.answers[str(topic)].subs[sub].provenance or facts
    result = {
        "topic": topic if topic in content.answers else None, "sub_answer": sub, "language": language,
        "detected": not chosen, "messages": messages, "cards": cards,
        "confidence": (parsed.get("intent") or {}).get("confidence"), "error": None,
        "sources": facts.sources if facts else (),
        "checked": localised_date(facts.checked, DEFAULT) if facts else "",
    }
    return await _page(request, result, question, chosen)


async def note_done(request: web.Request) -> web.StreamResponse:
    await require(request, STAFF)
    await check_csrf(request, await request.post())
    try:
        note_id = int(request.match_info["note"])
    except ValueError:
        raise web.HTTPNotFound() from None
    municipality = await db(request, note_municipality, note_id)
    if municipality is None:
        raise web.HTTPNotFound()
    tenants.check(tenants.account(request), municipality)
    await db(request, mark_done, note_id, datetime.now(ZoneInfo("UTC")))
    raise web.HTTPSeeOther(f"/staff?municipality={municipality}#notes")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/staff", staff_page)
    app.router.add_post("/staff/ask", ask)
    app.router.add_post("/staff/notes/{note}/done", note_done)
