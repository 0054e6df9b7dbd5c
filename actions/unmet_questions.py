"""Which questions were not met, for the policy indicators (issue: unmet questions).

Unmet is: a message the NLU did not understand (nlu_fallback), a question
outside the municipality's services (out_of_scope), and the question before
a complaint: typed ("dit helpt niet": feedback_negative) or the widget's
"not helpful" button (payload /feedback_negative: unhelpful). The text is
redacted before it leaves this module, so neither the database nor the spool
ever holds personal data.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from bot.privacy import redact
from bot.vocabulary import CONVERSATIONAL, FALLBACK, FEEDBACK_NEGATIVE, OUT_OF_SCOPE


def top_intents(parse_data: Dict[str, Any]) -> List[Tuple[str, float]]:
    """The three best real intents with their confidence (nlu_fallback left out)."""
    ranking = parse_data.get("intent_ranking") or [parse_data.get("intent") or {}]
    top = [
        (str(item.get("name")), float(item.get("confidence") or 0.0))
        for item in ranking
        if isinstance(item, dict) and item.get("name") and item.get("name") != FALLBACK
    ]
    return top[:3]


def unmet(tracker: Tracker, topic: Optional[str], answered: str, language: str) -> Optional[Dict[str, Any]]:
    """The unmet question in this turn, as record fields (redacted), or None."""
    latest = tracker.latest_message or {}
    if answered == FALLBACK or topic == OUT_OF_SCOPE:
        text = str(latest.get("text") or "")
        if not text.strip() or text.startswith("/"):
            return None
        reason = "out_of_scope" if topic == OUT_OF_SCOPE else "fallback"
        return {"reason": reason, "text": redact(text), "intents": top_intents(latest), "language": language}
    if topic == FEEDBACK_NEGATIVE:
        button = str(latest.get("text") or "").startswith("/")
        question = _previous_question(tracker)
        if question is None:
            return None
        parse = question.get("parse_data") or {}
        asked_in = (parse.get("language") or {}).get("code") or language
        return {
            "reason": "unhelpful" if button else "feedback_negative",
            "text": redact(str(question.get("text") or "")),
            "intents": top_intents(parse),
            "language": asked_in,
        }
    return None


def _previous_question(tracker: Tracker) -> Optional[Dict[str, Any]]:
    users = [e for e in tracker.events if e.get("event") == "user"]
    for event in reversed(users[:-1]):  # the last one is the complaint itself
        text = str(event.get("text") or "")
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if text.strip() and not text.startswith("/") and intent not in CONVERSATIONAL:
            return event
    return None
