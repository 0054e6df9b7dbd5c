"""Rasa NLU component that picks the sub-answer of a topic ("I forgot my PIN" -> id_card / pin_puk).

Referenced from config.yml as `bot.nlu.sub_answers.SubAnswerSelector`, last in the
pipeline, so it sees the final intent (after the FallbackClassifier and the safety
net). It learns from the topic's training examples that are marked per sub-answer
with Rasa's block metadata:

    - intent: id_card
      metadata:
        sub: pin_puk
      examples: |
        - pincode vergeten

One small classifier per topic (character n-grams of the text, logistic
regression), so a sub-answer is chosen only among the sub-answers of the topic the
pipeline chose. When the best sub-answer is sure enough, `/model/parse` returns,
besides Rasa's keys, `"sub_answer": {"topic": ..., "name": ..., "confidence": ...}`;
otherwise it returns no `sub_answer` and the resident gets the topic's general answer.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from typing import Any, Dict, List, Mapping, Optional, Sequence, Text, Tuple

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from bot.language.text import without_marks

SUB_ANSWER = "sub_answer"
# The key of Rasa's block metadata that names the sub-answer of the block's examples.
SUB_KEY = "sub"
MODEL_FILE = "sub_answers.joblib"

logger = logging.getLogger(__name__)


def normalise(text: str) -> str:
    """Case and accents folded, so "Pincode", "pincode" and "pîncode" share their n-grams; scripts kept."""
    return unicodedata.normalize("NFC", without_marks(text.casefold()))


def sub_of(message: Message) -> Optional[str]:
    """The sub-answer a training example is marked with (`metadata: {sub: ...}` on its block), if any."""
    metadata = message.get(METADATA)
    if not isinstance(metadata, dict):
        return None
    block = metadata.get(METADATA_INTENT)
    name = block.get(SUB_KEY) if isinstance(block, dict) else None
    return str(name) if name else None


def examples(training_data: TrainingData) -> Dict[str, Tuple[List[str], List[str]]]:
    """Per topic: the texts of its examples marked with a sub-answer, and those sub-answers' names."""
    found: Dict[str, Tuple[List[str], List[str]]] = defaultdict(lambda: ([], []))
    for message in training_data.intent_examples:
        name = sub_of(message)
        topic = message.get(INTENT)
        if name and isinstance(topic, str) and isinstance(message.get(TEXT), str):
            texts, names = found[topic]
            texts.append(message.get(TEXT))
            names.append(name)
    return dict(found)


def fit(texts: Sequence[str], names: Sequence[str], config: Mapping[str, Any]) -> Pipeline:
    """One topic's classifier: TF-IDF of character n-grams within words, then logistic regression."""
    model = Pipeline([
        ("ngrams", TfidfVectorizer(analyzer="char_wb", preprocessor=normalise,
                                   ngram_range=(int(config["min_ngram"]), int(config["max_ngram"])),
                                   sublinear_tf=True, min_df=1)),
        ("classifier", LogisticRegression(C=float(config["C"]), max_iter=2000, class_weight="balanced")),
    ])
    return model.fit(list(texts), list(names))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SubAnswerSelector(GraphComponent):
    """Adds `sub_answer` to a parse whose topic has sub-answers, when one fits the message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Below this probability no sub-answer is chosen: the resident gets the topic's general
            # answer. Chosen on a split of the training examples by language (docs/nlu-pipeline.md).
            "threshold": 0.30,
            # Character n-grams (within words) of these lengths: they carry typos, learner spelling,
            # compounds ("pincode", "PIN-code") and scripts with few examples.
            "min_ngram": 2,
            "max_ngram": 5,
            # Inverse regularisation strength of the logistic regression.
            "C": 10.0,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
        models: Optional[Dict[str, Pipeline]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._models: Dict[str, Pipeline] = dict(models or {})

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SubAnswerSelector":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SubAnswerSelector":
        try:
            with model_storage.read_from(resource) as directory:
                models = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.debug("No sub-answer models in this Rasa model: every topic gets its general answer.")
            models = {}
        return cls(config, model_storage, resource, models)

    @property
    def topics(self) -> List[str]:
        """The topics this selector has sub-answers for."""
        return sorted(self._models)

    def train(self, training_data: TrainingData) -> Resource:
        """One classifier per topic with at least two marked sub-answers; stored with the Rasa model."""
        self._models = {
            topic: fit(texts, names, self._config)
            for topic, (texts, names) in examples(training_data).items()
            if len(set(names)) >= 2
        }
        if self._storage is not None and self._resource is not None:
            with self._storage.write_to(self._resource) as directory:
                joblib.dump(self._models, directory / MODEL_FILE)
        return self._resource  # type: ignore[return-value]

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets `sub_answer` on each message whose topic has a sub-answer that fits well enough."""
        for message in messages:
            chosen = self.choose(self._text(message), self._topic(message))
            if chosen is not None:
                message.set(SUB_ANSWER, chosen, add_to_output=True)
        return messages

    def choose(self, text: str, topic: Optional[str]) -> Optional[Dict[str, Any]]:
        """The best sub-answer of `topic` for `text` as {"topic", "name", "confidence"}, or None."""
        name, confidence = self.rank(text, topic)[0] if self._has(topic, text) else (None, 0.0)
        if name is None or confidence < float(self._config["threshold"]):
            return None
        return {"topic": topic, "name": name, "confidence": round(confidence, 4)}

    def rank(self, text: str, topic: Optional[str]) -> List[Tuple[str, float]]:
        """All sub-answers of `topic`, best first, with their probability for `text`."""
        if not self._has(topic, text):
            return []
        model = self._models[str(topic)]
        probabilities = model.predict_proba([text])[0]
        return sorted(zip(map(str, model.classes_), map(float, probabilities), strict=True), key=lambda p: -p[1])

    def _has(self, topic: Optional[str], text: str) -> bool:
        return bool(topic) and str(topic) in self._models and bool(text.strip())

    @staticmethod
    def _text(message: Message) -> str:
        text = message.get(TEXT)
        return text if isinstance(text, str) else ""

    @staticmethod
    def _topic(message: Message) -> Optional[str]:
        intent = message.get(INTENT)
        name = intent.get(INTENT_NAME_KEY) if isinstance(intent, dict) else None
        return name if isinstance(name, str) else None
