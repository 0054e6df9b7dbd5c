"""The sentence-encoder featurizer gives DIET one multilingual vector per message: the same at training and at
parse time, close for the same question in two languages, far for two different topics."""

from __future__ import annotations

from typing import List

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ACTION_TEXT, FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.encoder import DIMENSIONS
from bot.nlu.sentence_encoder import SentenceEncoderFeaturizer


@pytest.fixture(scope="module")
def featurizer(tmp_path_factory: pytest.TempPathFactory) -> SentenceEncoderFeaturizer:
    """Created the way Rasa's graph creates it (config merged with the defaults by the recipe)."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(GraphSchema({}), node_name="sentence_encoder")
    config = SentenceEncoderFeaturizer.get_default_config()
    return SentenceEncoderFeaturizer.create(config, storage, Resource("sentence_encoder"), context)


def _sentence(message: Message, attribute: str = TEXT) -> np.ndarray:
    _, sentence = message.get_dense_features(attribute)
    assert sentence is not None, f"no dense sentence feature for {attribute}"
    return sentence.features


def _parsed(featurizer: SentenceEncoderFeaturizer, *texts: str) -> List[Message]:
    return featurizer.process([Message(data={TEXT: text}) for text in texts])


def test_every_message_gets_one_normalised_sentence_vector_and_no_sequence_features(
    featurizer: SentenceEncoderFeaturizer,
) -> None:
    for message in _parsed(featurizer, "Waar kan ik Nederlands leren?", "هويتي ضاعت", "🙂"):
        vector = _sentence(message)
        assert vector.shape == (1, DIMENSIONS)
        assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-3)
        assert not [f for f in message.features if f.type == FEATURE_TYPE_SEQUENCE]
        assert [f.origin for f in message.features if f.type == FEATURE_TYPE_SENTENCE] == ["sentence_encoder"]


def test_the_training_examples_get_the_same_vector_as_the_same_text_at_parse_time(
    featurizer: SentenceEncoderFeaturizer,
) -> None:
    texts = ["ik ben mijn identiteitskaart kwijt", "Où puis-je apprendre le néerlandais ?", "wanneer komt het afval"]
    training = TrainingData([Message.build(text, "some_topic") for text in texts])
    featurizer.process_training_data(training)
    for example, parsed in zip(training.training_examples, _parsed(featurizer, *texts), strict=True):
        assert np.allclose(_sentence(example), _sentence(parsed), atol=1e-5)


def test_a_question_in_two_languages_is_closer_than_two_questions_in_one_language(
    featurizer: SentenceEncoderFeaturizer,
) -> None:
    lost_nl, lost_en, dutch_nl, waste_nl = (_sentence(m)[0] for m in _parsed(
        featurizer,
        "Mijn identiteitskaart is gestolen",
        "My ID card was stolen",
        "Waar kan ik Nederlands leren?",
        "Wanneer wordt het huisvuil opgehaald?",
    ))
    across_languages = float(lost_nl @ lost_en)
    assert across_languages > float(lost_nl @ dutch_nl) + 0.3
    assert across_languages > float(lost_nl @ waste_nl) + 0.3


def test_messages_without_text_get_no_features_and_other_texts_keep_their_own(
    featurizer: SentenceEncoderFeaturizer,
) -> None:
    # Rasa's core passes intent-only messages (buttons, /intent payloads) and action texts through featurizers.
    empty, intent_only, action = featurizer.process([
        Message(data={TEXT: ""}),
        Message(data={"intent": {"name": "greet"}}),
        Message(data={ACTION_TEXT: "Waar kan ik Nederlands leren?"}),
    ])
    assert empty.features == [] and intent_only.features == []
    assert _sentence(action, ACTION_TEXT).shape == (1, DIMENSIONS)
    assert action.get_dense_features(TEXT) == (None, None)
