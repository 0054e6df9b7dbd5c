"""Real rasa-sdk Trackers for action tests, built the way Rasa sends them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import PROJECT_ROOT
from bot.messages import from_event


@lru_cache(maxsize=1)
def domain() -> Dict[str, Any]:
    """domain.yml as the action server receives it (forms, slots, actions)."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def user_event(text: str, intent: str) -> Dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def tracker(
    text: str,
    intent: str,
    confidence: float = 0.95,
    language: Optional[Dict[str, Any]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = None,
    metadata: Optional[Dict[str, Any]] = None,
    sender: str = "test-conversation",
) -> Tracker:
    latest: Dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
        "metadata": metadata or {},
    }
    if language is not None:
        latest["language"] = language
    all_slots = {name: None for name in domain()["slots"]}
    all_slots.update(slots or {})
    return Tracker(
        sender_id=sender,
        slots=all_slots,
        latest_message=latest,
        events=list(events or []) + [user_event(text, intent)],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def asking(slot: str) -> List[Dict[str, Any]]:
    """The events after the form asked for `slot` (before the resident answers)."""
    return [
        {"event": "active_loop", "name": "form"},
        {"event": "slot", "name": "requested_slot", "value": slot},
        {"event": "action", "name": "action_listen"},
    ]


def lang(code: str, confidence: float = 0.95, source: str = "detected") -> Dict[str, Any]:
    return {"code": code, "confidence": confidence, "source": source}


def sent(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """What the actions sent, read back as Rasa delivers it: the chat fields and Taalbrug's rich data."""
    out = []
    for item in dispatcher.messages:
        message = from_event({"event": "bot", "text": item.get("text"),
                              "data": {"buttons": item.get("buttons"), "custom": item.get("custom")}})
        assert message is not None
        out.append({**message.as_chat(), "topic": message.topic, "language": message.language,
                    "handover": message.handover})
    return out
