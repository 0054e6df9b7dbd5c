"""What every action needs from a conversation: its language, municipality and topic."""

from __future__ import annotations

import functools
from typing import Any, Dict, Optional

from rasa_sdk import Tracker
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.content import Content, load_content
from bot.directory.municipality import Municipality
from bot.language.conversation import ConversationLanguage, conversation_language
from bot.storage.db import make_engine


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """The action server's settings, read from the environment once."""
    return Settings.from_env()


@functools.lru_cache(maxsize=1)
def engine() -> Engine:
    """The action server's database engine (sessions are opened per use)."""
    return make_engine(settings().database_url)


def content() -> Content:
    return load_content(settings().project_root)


def language(tracker: Tracker) -> ConversationLanguage:
    """The resident's language after this message (see bot.language.conversation)."""
    return conversation_language(
        (tracker.latest_message or {}).get("language"),
        tracker.get_slot("language"),
        bool(tracker.get_slot("language_locked")),
    )


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


def channel(tracker: Tracker) -> str:
    value = _metadata(tracker).get("channel")
    return value if isinstance(value, str) and value.isidentifier() else "rest"


def topic(tracker: Tracker) -> Optional[str]:
    """The intent of the latest message, i.e. the topic id."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    name = intent.get("name") if isinstance(intent, dict) else None
    return name if isinstance(name, str) else None
