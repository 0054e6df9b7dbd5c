"""Which language a conversation is in after one more message.

A confident detection switches the language; an unsure one (a button payload,
"ok", an emoji, a postcode) keeps the language the conversation already had.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from bot.language.detector import MIN_CONFIDENCE
from bot.language.languages import DEFAULT, normalise


def conversation_language(parsed: Optional[Dict[str, Any]], current: Optional[str]) -> Dict[str, Any]:
    """Combine this message's `language` parse with the conversation's current language."""
    code = normalise((parsed or {}).get("code")) if isinstance(parsed, dict) else None
    source = (parsed or {}).get("source") if isinstance(parsed, dict) else None
    try:
        confidence = float((parsed or {}).get("confidence", 0.0)) if isinstance(parsed, dict) else 0.0
    except (TypeError, ValueError):
        confidence = 0.0
    current = normalise(current)
    sure = code is not None and (
        source in ("user_choice", "conversation")
        or (source == "detected" and confidence >= MIN_CONFIDENCE)
    )
    if sure:
        return {"code": code, "confidence": confidence, "source": source}
    if current:
        return {"code": current, "confidence": 1.0, "source": "conversation"}
    if code:
        return {"code": code, "confidence": confidence, "source": source or "detected"}
    return {"code": DEFAULT, "confidence": 0.0, "source": "detected"}
