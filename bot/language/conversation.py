"""Which language a conversation is in after one more message.

- An explicit choice (the widget's picker, or "ik spreek Arabisch") sets the
  language and locks it until the resident chooses again.
- Otherwise a confident detection switches the language; an unsure one (a
  button payload, "ok", "merci", an emoji, a postcode) keeps the language the
  conversation already had.
- A conversation in one of two close languages (es/pt, ru/uk, ti/am, fa/ps,
  ...) is not switched to the other one unless the detection is sure
  (CLOSE_KEEP): "obrigado" in a Spanish conversation is no reason to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from bot.language.detector import CLOSE_PAIRS, MIN_CONFIDENCE
from bot.language.languages import DEFAULT, normalise

# A conversation switches to the close neighbour of its language only above this.
CLOSE_KEEP = 0.75


@dataclass(frozen=True)
class ConversationLanguage:
    code: str
    confidence: float
    source: str
    locked: bool

    def as_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "confidence": round(self.confidence, 4), "source": self.source}


def _parsed(parsed: Any) -> tuple:
    if not isinstance(parsed, dict):
        return None, None, 0.0
    try:
        confidence = float(parsed.get("confidence", 0.0))
    except (TypeError, ValueError):
        confidence = 0.0
    return normalise(parsed.get("code")), parsed.get("source"), max(0.0, min(1.0, confidence))


def conversation_language(
    parsed: Optional[Dict[str, Any]], current: Optional[str], locked: bool = False
) -> ConversationLanguage:
    """Combine this message's `language` parse with the conversation's state."""
    code, source, confidence = _parsed(parsed)
    current = normalise(current)
    if code and source == "user_choice":
        return ConversationLanguage(code, 1.0, "user_choice", True)
    if current and locked:
        return ConversationLanguage(current, 1.0, "conversation", True)
    close = bool(code and current and frozenset({code, current}) in CLOSE_PAIRS)
    if code and source == "detected" and confidence >= (CLOSE_KEEP if close else MIN_CONFIDENCE):
        return ConversationLanguage(code, confidence, "detected", False)
    if current:
        return ConversationLanguage(current, 1.0, "conversation", False)
    if code:
        return ConversationLanguage(code, confidence, source or "detected", False)
    return ConversationLanguage(DEFAULT, 0.0, "detected", False)
