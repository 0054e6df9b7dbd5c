"""POST /api/chat: validate the resident's message, pass it to Rasa, shape the reply.

Request  {"session": str, "text": str, "languages": [str]?, "municipality": str?, "choice": str?}
         (`choice`: a language the resident picked in the widget; it wins over detection)
Response {"messages": [{"kind", "text", "lang", "dir", "buttons"}], "language": {...}, "topic": str|null}
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from aiohttp import web

from bot.channels.senders import SESSION_ID
from bot.content.loader import Content
from bot.language.languages import DEFAULT, normalise
from bot.messages import Message, bilingual, from_replies, latest
from bot.vocabulary import ASK_HUMAN, EMERGENCY
from bot.web import keys
from bot.web.desk import DeskFull
from bot.web.handover import safety_first
from bot.web.rasa_client import UpstreamError
from bot.web.ratelimit import client_of

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2000
MAX_LANGUAGES = 20
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")
FIELDS = frozenset({"session", "text", "languages", "municipality", "choice", "language"})


class BadRequest(ValueError):
    """The request breaks the chat contract; the message says how."""


@dataclass(frozen=True)
class ChatRequest:
    session: str
    text: str
    languages: Sequence[str]
    municipality: Optional[str]
    choice: Optional[str] = None
    # The conversation's language as the widget last heard it from the server: on a turn too short or
    # unclear to tell, the language identifier keeps it (metadata `language`) instead of guessing.
    language: Optional[str] = None

    @classmethod
    def parse(cls, body: Any) -> "ChatRequest":
        if not isinstance(body, dict):
            raise BadRequest("The body must be a JSON object.")
        unknown = sorted(set(body) - FIELDS)
        if unknown:
            raise BadRequest(f"Unknown field(s): {', '.join(map(str, unknown))[:200]}.")
        session = body.get("session")
        if not isinstance(session, str) or not SESSION_ID.match(session):
            raise BadRequest("'session' must be a string of 8 to 128 letters, digits, '-' or '_'.")
        municipality = body.get("municipality")
        if municipality is not None and (not isinstance(municipality, str) or not _SLUG.match(municipality)):
            raise BadRequest("'municipality' must be a municipality slug.")
        return cls(session, _text(body.get("text")), _languages(body.get("languages")), municipality,
                   _code(body.get("choice"), "choice"), _code(body.get("language"), "language"))


def _text(text: Any) -> str:
    if not isinstance(text, str):
        raise BadRequest("'text' must be a string.")
    if len(text) > MAX_TEXT_CHARS:  # as sent, before control characters are removed
        raise BadRequest(f"'text' is longer than {MAX_TEXT_CHARS} characters.")
    if not _round_trips(text):
        raise BadRequest("'text' holds characters that are not valid Unicode (a lone surrogate).")
    text = _clean_text(text)
    if not text:
        raise BadRequest("'text' is empty.")
    return text


def _round_trips(text: str) -> bool:
    """Whether `text` survives UTF-8 encoding: JSON's \\ud800 escapes can carry lone surrogates,
    which make Rasa's NLU pipeline fail on them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _languages(languages: Any) -> List[str]:
    """The browser's language tags (at most MAX_LANGUAGES; malformed ones dropped)."""
    if languages is None:
        return []
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise BadRequest("'languages' must be a list of language tags.")
    if len(languages) > 4 * MAX_LANGUAGES:
        raise BadRequest(f"'languages' may hold at most {4 * MAX_LANGUAGES} tags.")
    return [tag for tag in languages[:MAX_LANGUAGES] if _LANGUAGE_TAG.match(tag)]


def _code(value: Any, field: str) -> Optional[str]:
    """A supported language's code: `choice`, a language picked in the widget ("" is the picker left on
    "recognise my language"), or `language`, the conversation's language so far."""
    if value is None or value == "":
        return None
    code = normalise(value) if isinstance(value, str) else None
    if code is None:
        raise BadRequest(f"'{field}' must be the code of a supported language.")
    return code


def _clean_text(text: str) -> str:
    """Drop control characters (keeping line breaks as spaces) and surrounding space."""
    text = unicodedata.normalize("NFC", text)
    kept = [" " if ch in "\r\n\t" else ch for ch in text if ch in "\r\n\t" or unicodedata.category(ch) != "Cc"]
    return "".join(kept).strip()


def _error_messages(content: Content, languages: Sequence[str]) -> List[Message]:
    """A polite error in Dutch, and in the browser's first supported language."""
    codes = [code for code in map(normalise, languages) if code and code in content.locales]
    locale = content.locale(codes[0] if codes else DEFAULT)
    return bilingual(content.locale(DEFAULT).cues.get("error", ""), locale.cues.get("error"),
                     locale.code, locale.dir, kind="error", cue_kind="error")


def _desk_full(content: Content, messages: List[Message], municipality: str, code: str,
               default: str) -> List[Message]:
    """Rasa offered a staff member, but the desk is full: instead of "wait a moment" (and its
    cue), the desk's other contact options, in Dutch with the ask_human cue."""
    waiting = [i for i, m in enumerate(messages) if m.handover == "requested"]
    dropped = set(waiting) | {i + 1 for i in waiting if i + 1 < len(messages) and messages[i + 1].kind == "cue"}
    place = content.municipality(municipality, default)
    language = latest(messages, "language")
    full = content.say(" ".join(content.texts(ASK_HUMAN, "handover_full", place)), ASK_HUMAN, code, place,
                       kind="prompt")
    return [m for i, m in enumerate(messages) if i not in dropped] + [m.about(ASK_HUMAN, language) for m in full]


async def _read_json(request: web.Request) -> Any:
    raw = await request.read()  # over client_max_size: 413, as JSON (middleware)
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("The body is not valid UTF-8.") from None
    except json.JSONDecodeError:
        raise BadRequest("The body is not valid JSON.") from None
    except RecursionError:  # nested deeper than Python's recursion limit
        raise BadRequest("The body is nested too deeply.") from None


async def chat(request: web.Request) -> web.Response:
    """Handle one resident message."""
    config = request.app[keys.CONFIG]
    allowed, wait = request.app[keys.LIMITER].allow(client_of(request, config.trusted_proxy))
    if not allowed:
        return web.json_response({"error": f"Too many messages. Try again in {wait} s."}, status=429,
                                 headers={"Retry-After": str(wait)})
    try:
        chat_request = ChatRequest.parse(await _read_json(request))
    except BadRequest as exc:
        return web.json_response({"error": str(exc)}, status=400)

    app = request.app
    content = app[keys.CONTENT]
    municipality = chat_request.municipality or app[keys.CONFIG].municipality
    metadata: Dict[str, Any] = {"languages": list(chat_request.languages), "municipality": municipality}
    if chat_request.choice:
        metadata["language_choice"] = chat_request.choice
    if chat_request.language:
        metadata["language"] = chat_request.language
    try:
        replies = await app[keys.RASA].send(chat_request.session, chat_request.text, metadata)
    except UpstreamError as exc:
        logger.warning("chat upstream failure: %s", exc)
        return web.json_response(
            {
                "error": "The assistant is not available right now.",
                "messages": [m.as_chat() for m in _error_messages(content, chat_request.languages)],
                "language": None,
                "topic": None,
            },
            status=504 if exc.timeout else 502,
        )

    messages = from_replies(replies)
    desk = app[keys.HANDOVERS]
    if any(m.handover == "requested" for m in messages):  # the desk is open: put it on the staff page
        code = (latest(messages, "language") or {}).get("code") or DEFAULT
        try:
            desk.request(chat_request.session, municipality, code, client_of(request, config.trusted_proxy))
        except DeskFull:
            messages = _desk_full(content, messages, municipality, code, config.municipality)
    handover = desk.for_sender(chat_request.session)
    if handover and handover.state == "active":
        messages = await safety_first(app, chat_request.session, handover)
    if handover and any(m.topic == EMERGENCY for m in messages):
        handover.urgent = True
    if not messages and not (handover and handover.state == "active"):
        # Rasa answered but nothing came back: the action server is down or failed.
        # (During a handover Rasa is paused: the staff member answers instead.)
        messages = _error_messages(content, chat_request.languages)
    language: Optional[Dict[str, Any]] = latest(messages, "language")
    topic: Optional[str] = latest(messages, "topic")
    body: Dict[str, Any] = {"messages": [m.as_chat() for m in messages], "language": language, "topic": topic}
    if handover and handover.state != "ended":
        body["handover"] = {"state": handover.state}
    return web.json_response(body)
