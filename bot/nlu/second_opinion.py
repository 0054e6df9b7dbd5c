"""Rasa NLU component that gives a second opinion on the topic beside DIET and combines the two rankings.

Referenced from config.yml as `bot.nlu.second_opinion.SecondOpinionClassifier`, right after the
DIETClassifier and before the FallbackClassifier, so that the fallback, the safety net and the
sub-answer selector all read the combined intent and ranking. It learns a linear model (logistic
regression) on the sentence features the pipeline's featurizers already computed for every training
example (the CountVectorsFeaturizers' word and character n-gram counts, the RegexFeaturizer's lookup
hits), each row scaled to length 1. At parse time its probability of each intent is averaged with
DIET's ranking:

    combined(intent) = weight * DIET(intent) + (1 - weight) * linear(intent)

(an intent outside DIET's top `ranking_length` counts as 0 for DIET, as DIET reports it). The intent
becomes the best combined one and the ranking the combined one, best first; DIET's own ranking is kept
beside it, inside the pipeline only (`FIRST_OPINION_KEY`, not in the parse result), for the safety net,
whose rules were tuned on DIET's peaks. A message without text features, or a model trained without
intent examples, keeps DIET's answer as it is.
Measured on tests/nlu/dev.tsv in docs/nlu-pipeline.md ("Second opinion (issue 14, fifth round)").
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Mapping, Optional, Sequence, Text

import joblib
import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.special import softmax
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

MODEL_FILE = "second_opinion.joblib"
# The message key under which DIET's own ranking is kept once the combined one has replaced it
# (read by bot.safety.safety_net; never added to the parse result).
FIRST_OPINION_KEY = "first_opinion_ranking"

logger = logging.getLogger(__name__)


class SecondOpinionConfigError(ValueError):
    """A setting of the component in config.yml is out of range; the message names it."""


def check_config(config: Mapping[str, Any]) -> None:
    """Raises SecondOpinionConfigError naming the first bad setting."""
    weight = config.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0.0 <= float(weight) <= 1.0:
        raise SecondOpinionConfigError(
            f"SecondOpinionClassifier: 'weight' (DIET's share of the combined confidence) must be a number "
            f"from 0 to 1, got {weight!r}")
    c = config.get("C")
    if isinstance(c, bool) or not isinstance(c, (int, float)) or float(c) <= 0:
        raise SecondOpinionConfigError(f"SecondOpinionClassifier: 'C' must be a number above 0, got {c!r}")
    length = config.get("ranking_length")
    if isinstance(length, bool) or not isinstance(length, int) or length < 0:
        raise SecondOpinionConfigError(
            f"SecondOpinionClassifier: 'ranking_length' must be a whole number, 0 or more, got {length!r}")
    featurizers = config.get("featurizers")
    if not isinstance(featurizers, list) or not all(isinstance(name, str) for name in featurizers):
        raise SecondOpinionConfigError(
            f"SecondOpinionClassifier: 'featurizers' must be a list of featurizer names, got {featurizers!r}")


def combine(
    first: Sequence[Mapping[str, Any]], second: Mapping[str, float], weight: float, ranking_length: int = 0
) -> List[Dict[str, Any]]:
    """`weight` x the first ranking + (1 - `weight`) x the second, best first; an intent missing from a
    ranking counts as 0 there. `ranking_length` > 0 keeps that many."""
    scores: Dict[str, float] = {}
    for entry in first:
        scores[str(entry[INTENT_NAME_KEY])] = weight * float(entry[PREDICTED_CONFIDENCE_KEY])
    for name, probability in second.items():
        scores[name] = scores.get(name, 0.0) + (1.0 - weight) * float(probability)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if ranking_length > 0:
        ranked = ranked[:ranking_length]
    return [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: score} for name, score in ranked]


def sentence_features(message: Message, featurizers: Sequence[str]) -> Optional[scipy.sparse.csr_matrix]:
    """The message's sparse sentence features (1 x D) from `featurizers` (all when empty), or None."""
    _, sentence = message.get_sparse_features(TEXT, list(featurizers) or None)
    if sentence is None:
        return None
    return scipy.sparse.csr_matrix(sentence.features, dtype=np.float64)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SecondOpinionClassifier(GraphComponent):
    """Averages DIET's intent ranking with a logistic regression on the same sparse features."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # DIET's share of the combined confidence (1: DIET alone, 0: the linear model alone).
            "weight": 0.5,
            # Inverse regularisation strength of the logistic regression.
            "C": 10.0,
            # How many intents the combined ranking keeps (0: all); DIET reports its top 10.
            "ranking_length": 10,
            # The featurizers whose sparse sentence features the linear model reads (empty: all of them).
            "featurizers": [],
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
        model: Optional[LogisticRegression] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        check_config(self._config)
        self._storage = model_storage
        self._resource = resource
        self._model = model
        self._weights = self._transposed(model)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SecondOpinionClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SecondOpinionClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.debug("No second-opinion model in this Rasa model: DIET's ranking is kept as it is.")
            model = None
        return cls(config, model_storage, resource, model)

    @property
    def intents(self) -> List[str]:
        """The intents the linear model knows (empty when it was not trained)."""
        return [] if self._model is None else [str(name) for name in self._model.classes_]

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the logistic regression on the featurized intent examples; stored with the Rasa model."""
        rows, labels = [], []
        for message in training_data.intent_examples:
            features = sentence_features(message, self._config["featurizers"])
            intent = message.get(INTENT)
            if features is not None and isinstance(intent, str):
                rows.append(features)
                labels.append(intent)
        if len(set(labels)) >= 2:
            model = LogisticRegression(C=float(self._config["C"]), max_iter=1000)
            self._model = model.fit(normalize(scipy.sparse.vstack(rows).tocsr()), labels)
        else:
            logger.warning("SecondOpinionClassifier: fewer than two intents with features; DIET decides alone.")
            self._model = None
        self._weights = self._transposed(self._model)
        if self._storage is not None and self._resource is not None:
            with self._storage.write_to(self._resource) as directory:
                joblib.dump(self._model, directory / MODEL_FILE)
        return self._resource  # type: ignore[return-value]

    def process(self, messages: List[Message]) -> List[Message]:
        """Replaces each message's intent and ranking by the combined ones (all messages in one batch)."""
        if self._model is None:
            return messages
        ready = [(m, f, r) for m in messages
                 if (f := self._features(m)) is not None and (r := self._ranking(m)) is not None]
        if not ready:
            return messages
        classes = self.intents
        for (message, _, diet), probabilities in zip(ready, self._predict([f for _, f, _ in ready]), strict=True):
            ranking = combine(diet, dict(zip(classes, map(float, probabilities), strict=True)),
                              float(self._config["weight"]), int(self._config["ranking_length"]))
            message.set(FIRST_OPINION_KEY, [dict(entry) for entry in diet])
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def probabilities(self, messages: Sequence[Message]) -> List[Dict[str, float]]:
        """The linear model's probability of each intent per message ({} without features or model)."""
        found = [self._features(m) for m in messages]
        usable = [f for f in found if f is not None]
        if self._model is None or not usable:
            return [{} for _ in messages]
        rows = iter(self._predict(usable))
        classes = self.intents
        return [{} if f is None else dict(zip(classes, map(float, next(rows)), strict=True)) for f in found]

    @staticmethod
    def _transposed(model: Optional[LogisticRegression]) -> Optional[np.ndarray]:
        """The coefficients as one C-ordered (features x classes) array: scikit-learn's own predict_proba
        multiplies the sparse rows with the transposed (F-ordered) coefficients, which copied 50,000 x 51
        numbers per call (about 50 ms a message on the loaded machine, against 0.3 ms this way)."""
        return None if model is None else np.ascontiguousarray(model.coef_.T)

    def _predict(self, rows: Sequence[scipy.sparse.csr_matrix]) -> np.ndarray:
        """What `predict_proba` gives for the (multinomial) logistic regression, one row per message."""
        assert self._model is not None and self._weights is not None
        scores = normalize(scipy.sparse.vstack(rows).tocsr()) @ self._weights + self._model.intercept_
        if scores.shape[1] == 1:  # two intents: scikit-learn's binary form, (1 - sigmoid(s), sigmoid(s))
            scores = np.hstack([np.zeros_like(scores), scores])
        return np.asarray(softmax(scores, axis=1))

    def _features(self, message: Message) -> Optional[scipy.sparse.csr_matrix]:
        if not isinstance(message.get(TEXT), str):
            return None
        return sentence_features(message, self._config["featurizers"])

    @staticmethod
    def _ranking(message: Message) -> Optional[List[Dict[str, Any]]]:
        ranking = message.get(INTENT_RANKING_KEY)
        if isinstance(ranking, list) and ranking:
            return ranking
        intent = message.get(INTENT)
        if isinstance(intent, dict) and intent.get(INTENT_NAME_KEY):
            return [intent]
        return None

