"""What every action needs beyond rasa-sdk's tracker helpers: the conversation's language
and municipality, and the action server's shared resources (settings, database
engine, content, live-availability client, clock).

The channel and the latest intent come from rasa-sdk itself
(`tracker.get_latest_input_channel()`, `tracker.get_intent_of_latest_message()`)."""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import datetime
from typing import Any, Dict, Iterable, Optional
from zoneinfo import ZoneInfo

import aiohttp
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.content.loader import Content, load_content
from bot.directory.availability import AvailabilityClient
from bot.directory.municipality import Municipality
from bot.language.conversation import ConversationLanguage, conversation_language
from bot.language.languages import normalise
from bot.messages import Message
from bot.privacy import conversation_hash, hash_salt
from bot.storage.db import make_engine
from bot.storage.records import recorder as make_recorder
from bot.storage.spool import Recorder
from bot.vocabulary import NO_TOPIC, SAFETY_UNSURE

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """The action server's settings, read from the environment once."""
    return Settings.from_env()


@functools.lru_cache(maxsize=1)
def engine() -> Engine:
    """The action server's database engine (sessions are opened per use)."""
    return make_engine(settings().database_url)


@functools.lru_cache(maxsize=1)
def recorder() -> Recorder:
    """Writes records, spooling them to var/spool/ while the database is down."""
    return make_recorder(engine(), settings().var_dir)


async def record(kind: str, /, **fields: Any) -> None:
    """Store a record off the event loop; nothing here ever blocks or breaks an answer."""
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, functools.partial(recorder().write, kind, **fields))
    except Exception as exc:  # spooling failed too (disk full?): log, never crash the answer
        logger.error("%s record lost: %s", kind, type(exc).__name__)


def first_message(tracker: Tracker) -> bool:
    """True for the resident's first message of this conversation session."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
        elif event.get("event") == "session_started":
            break
    return users == 1


def content() -> Content:
    return load_content(settings().project_root)


def now(timezone: str) -> datetime:
    """The current time in the municipality's time zone.

    TAALBRUG_DESK_CLOCK (an ISO time with offset) fixes the clock, for
    browser tests and demos of opening-hour behaviour; never set it in production.
    """
    fixed = settings().desk_clock
    if fixed is not None:
        return fixed.astimezone(ZoneInfo(timezone))
    return datetime.now(ZoneInfo(timezone))


_availability: Dict[int, AvailabilityClient] = {}


def availability() -> AvailabilityClient:
    """The live-availability client of the running event loop (one HTTP session, one cache)."""
    loop = asyncio.get_running_loop()
    client = _availability.get(id(loop))
    if client is None or client.session.closed:
        client = AvailabilityClient(aiohttp.ClientSession())
        _availability.clear()
        _availability[id(loop)] = client
    return client


async def close_availability() -> None:
    """Close the live-availability client's HTTP session (tests; shutdown)."""
    for client in list(_availability.values()):
        await client.session.close()
    _availability.clear()


@functools.lru_cache(maxsize=1)
def _salt() -> str:
    return hash_salt(settings().hash_salt, settings().var_dir)


def conversation(tracker: Tracker) -> str:
    """The salted hash under which this conversation may be stored."""
    return conversation_hash(tracker.sender_id, _salt())


def language(tracker: Tracker) -> ConversationLanguage:
    """The resident's language after this message (see bot.language.conversation).

    Button payloads ("/choose_language") skip the NLU pipeline, so a choice
    from the widget's picker is read from the message metadata here too.
    """
    parsed = (tracker.latest_message or {}).get("language")
    if not parsed:
        choice = normalise(_metadata(tracker).get("language_choice"))
        if choice:
            parsed = {"code": choice, "confidence": 1.0, "source": "user_choice"}
    return conversation_language(parsed, tracker.get_slot("language"), bool(tracker.get_slot("language_locked")))


def _metadata(tracker: Tracker) -> Dict[str, Any]:
    metadata = (tracker.latest_message or {}).get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def municipality(tracker: Tracker) -> Municipality:
    """The widget's municipality for this conversation, else TAALBRUG_MUNICIPALITY."""
    requested: Optional[str] = _metadata(tracker).get("municipality") or tracker.get_slot(
        "municipality"
    )
    return content().municipality(
        requested if isinstance(requested, str) else None, settings().municipality
    )


def safety(tracker: Tracker) -> Dict[str, Any]:
    """What the safety net (bot.safety) said of the latest message: level, categories, ..."""
    report = (tracker.latest_message or {}).get("safety")
    return report if isinstance(report, dict) else {}


def sub_answer(tracker: Tracker, topic: Optional[str]) -> Optional[str]:
    """The sub-answer of `topic` the NLU chose for the latest message (bot.nlu.sub_answers), or None:
    then the topic's general answer. A sub-answer of another topic (the safety net changed the intent) is ignored."""
    chosen = (tracker.latest_message or {}).get("sub_answer")
    if not isinstance(chosen, dict) or chosen.get("topic") != topic:
        return None
    name = chosen.get("name")
    return name if isinstance(name, str) else None


def needs_safety_line(tracker: Tracker, answered: Optional[str] = None) -> bool:
    """True when the answer must end with "Is it an emergency? Call 112": the safety net was unsure,
    or the message got no topic at all (not understood, or out of scope). An emergency described
    in words no lexicon holds ends there, so every such answer carries the line; a resident who
    asked something else reads one line too many."""
    if safety(tracker).get("level") == SAFETY_UNSURE:
        return True
    return answered in NO_TOPIC


def postcode(tracker: Tracker) -> Optional[str]:
    """The resident's postcode from the learn-Dutch form, or None (not given, or "none")."""
    value = tracker.get_slot("postcode")
    return value if isinstance(value, str) and value.isdigit() else None


def channel(tracker: Tracker) -> str:
    """The channel of the resident's latest message, as counted in the indicators (web, rest, ...)."""
    return tracker.get_latest_input_channel() or "rest"



def send(dispatcher: CollectingDispatcher, messages: Iterable[Message]) -> None:
    """Send bot messages as standard Rasa messages (text and buttons; Taalbrug's data in `custom`)."""
    for message in messages:
        dispatcher.utter_message(**message.utter())
