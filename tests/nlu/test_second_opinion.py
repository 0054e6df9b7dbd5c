"""The second opinion beside DIET: a linear model on the pipeline's sparse features whose probabilities are
averaged with DIET's ranking, so that the FallbackClassifier and the safety net see the combined confidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.preprocessing import normalize

from bot.nlu.second_opinion import (
    FIRST_OPINION_KEY,
    SecondOpinionClassifier,
    SecondOpinionConfigError,
    combine,
    sentence_features,
)

EXAMPLES = {
    "learn_dutch": ["waar kan ik nederlands leren", "cursus nederlands", "nederlandse les volgen",
                    "ik wil nederlands studeren", "taalcursus nederlands voor volwassenen"],
    "waste": ["wanneer wordt het afval opgehaald", "ophaling van het huisvuil", "waar is het containerpark",
              "afvalkalender", "grofvuil laten ophalen"],
    "id_card": ["identiteitskaart aanvragen", "nieuwe eid", "mijn identiteitskaart is verlopen",
                "pincode van mijn eid", "kids-id aanvragen"],
}


class Pipeline:
    """A tiny Rasa pipeline: whitespace tokens, word counts, then the component, all on one ModelStorage."""

    def __init__(self, tmp_path: Path, config: Optional[Dict[str, Any]] = None) -> None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        self.storage = LocalModelStorage(tmp_path)
        context = ExecutionContext(GraphSchema({}), "test")
        self.tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
        self.featurizer = CountVectorsFeaturizer.create(
            CountVectorsFeaturizer.get_default_config(), self.storage, Resource("cvf"), context)
        self.config = config or {}
        self.resource = Resource("second_opinion")
        self.context = context

    def train(self) -> SecondOpinionClassifier:
        data = TrainingData([Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts])
        self.tokenizer.process_training_data(data)
        self.featurizer.train(data)
        self.featurizer.process_training_data(data)
        component = SecondOpinionClassifier.create(self.config, self.storage, self.resource, self.context)
        component.train(data)
        return component

    def load(self) -> SecondOpinionClassifier:
        return SecondOpinionClassifier.load(self.config, self.storage, self.resource, self.context)

    def parse(self, component: SecondOpinionClassifier, text: str, diet: List[Dict[str, Any]]) -> Dict[str, Any]:
        """`text` through the pipeline, with `diet` as the ranking DIET gave it."""
        message = Message(data={"text": text})
        message.set("intent", dict(diet[0]), add_to_output=True)  # as DIET sets them
        message.set("intent_ranking", diet, add_to_output=True)
        self.tokenizer.process([message])
        self.featurizer.process([message])
        (processed,) = component.process([message])
        return processed.as_dict(only_output_properties=True)


# DIET hesitates on a waste question and leans to the wrong topic.
UNSURE_DIET = [{"name": "learn_dutch", "confidence": 0.45}, {"name": "waste", "confidence": 0.35},
               {"name": "id_card", "confidence": 0.20}]


def test_the_component_trains_stores_its_model_and_loads_it_back_from_model_storage(tmp_path: Path) -> None:
    pipeline = Pipeline(tmp_path)
    pipeline.train()
    loaded = pipeline.load()
    assert sorted(loaded.intents) == sorted(EXAMPLES)
    parsed = pipeline.parse(loaded, "wanneer komt het afval", UNSURE_DIET)
    assert parsed["intent"]["name"] == "waste"


def test_the_linear_model_overrules_an_unsure_diet_at_equal_weight(tmp_path: Path) -> None:
    pipeline = Pipeline(tmp_path, {"weight": 0.5})
    parsed = pipeline.parse(pipeline.train(), "wanneer wordt het afval opgehaald", UNSURE_DIET)
    assert parsed["intent"]["name"] == "waste"
    ranking = parsed["intent_ranking"]
    assert [r["name"] for r in ranking][0] == "waste" and parsed["intent"]["confidence"] == ranking[0]["confidence"]
    assert ranking == sorted(ranking, key=lambda r: -r["confidence"])
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_diets_own_ranking_is_kept_for_the_safety_net_but_not_returned_by_model_parse(tmp_path: Path) -> None:
    pipeline = Pipeline(tmp_path, {"weight": 0.5})
    component = pipeline.train()
    message = parsed_message(pipeline, "wanneer wordt het afval opgehaald")
    message.set("intent", dict(UNSURE_DIET[0]), add_to_output=True)
    message.set("intent_ranking", list(UNSURE_DIET), add_to_output=True)
    (processed,) = component.process([message])
    assert processed.get("intent")["name"] == "waste"
    assert processed.get(FIRST_OPINION_KEY) == UNSURE_DIET
    assert FIRST_OPINION_KEY not in processed.as_dict(only_output_properties=True)


def test_weight_one_keeps_diets_ranking_and_weight_zero_the_linear_models(tmp_path: Path) -> None:
    diet_only = Pipeline(tmp_path / "a", {"weight": 1.0})
    parsed = diet_only.parse(diet_only.train(), "wanneer wordt het afval opgehaald", UNSURE_DIET)
    assert parsed["intent"] == {"name": "learn_dutch", "confidence": 0.45}
    linear_only = Pipeline(tmp_path / "b", {"weight": 0.0})
    component = linear_only.train()
    parsed = linear_only.parse(component, "wanneer wordt het afval opgehaald", UNSURE_DIET)
    (expected,) = component.probabilities([parsed_message(linear_only, "wanneer wordt het afval opgehaald")])
    assert parsed["intent"]["name"] == "waste"
    assert parsed["intent"]["confidence"] == pytest.approx(expected["waste"])


def parsed_message(pipeline: Pipeline, text: str) -> Message:
    message = Message(data={"text": text})
    pipeline.tokenizer.process([message])
    pipeline.featurizer.process([message])
    return message


@pytest.mark.parametrize("intents", [sorted(EXAMPLES), ["learn_dutch", "waste"]])
def test_the_fast_probabilities_are_scikit_learns_own(tmp_path: Path, intents: List[str]) -> None:
    pipeline = Pipeline(tmp_path)
    kept = dict(EXAMPLES)
    for name in set(EXAMPLES) - set(intents):
        kept.pop(name)
    original = dict(EXAMPLES)
    EXAMPLES.clear()
    EXAMPLES.update(kept)
    try:
        component = pipeline.train()
    finally:
        EXAMPLES.clear()
        EXAMPLES.update(original)
    texts = ["wanneer komt het afval", "nederlands leren", "eid kwijt"]
    messages = [parsed_message(pipeline, text) for text in texts]
    fast = component.probabilities(messages)
    matrix = normalize(scipy.sparse.vstack([sentence_features(m, []) for m in messages]).tocsr())
    expected = component._model.predict_proba(matrix)  # type: ignore[union-attr]
    for got, row in zip(fast, expected, strict=True):
        assert [got[name] for name in component.intents] == pytest.approx(list(row))


def test_combine_weighs_two_rankings_and_counts_a_missing_intent_as_zero() -> None:
    diet = [{"name": "a", "confidence": 0.6}, {"name": "b", "confidence": 0.4}]
    ranking = combine(diet, {"b": 0.7, "c": 0.3}, weight=0.25)
    assert [(r["name"], round(r["confidence"], 4)) for r in ranking] == [("b", 0.625), ("c", 0.225), ("a", 0.15)]
    assert [r["name"] for r in combine(diet, {"b": 0.7, "c": 0.3}, weight=0.25, ranking_length=2)] == ["b", "c"]
    assert combine(diet, {"b": 0.7, "c": 0.3}, weight=1.0)[0] == {"name": "a", "confidence": 0.6}


def test_a_message_without_text_features_keeps_diets_answer(tmp_path: Path) -> None:
    pipeline = Pipeline(tmp_path, {"weight": 0.0})
    component = pipeline.train()
    message = Message(data={"intent": dict(UNSURE_DIET[0]), "intent_ranking": UNSURE_DIET})
    (processed,) = component.process([message])
    assert processed.get("intent")["name"] == "learn_dutch" and processed.get("intent_ranking") == UNSURE_DIET


def test_a_model_without_a_stored_second_opinion_keeps_diets_answer(tmp_path: Path) -> None:
    pipeline = Pipeline(tmp_path, {"weight": 0.0})
    loaded = pipeline.load()
    assert loaded.intents == []
    assert pipeline.parse(loaded, "wanneer wordt het afval opgehaald", UNSURE_DIET)["intent"]["name"] == "learn_dutch"


@pytest.mark.parametrize("setting, named", [
    ({"weight": 1.5}, "'weight'"),
    ({"weight": "half"}, "'weight'"),
    ({"weight": True}, "'weight'"),
    ({"C": 0}, "'C'"),
    ({"ranking_length": -1}, "'ranking_length'"),
    ({"featurizers": "CountVectorsFeaturizer"}, "'featurizers'"),
])
def test_a_bad_setting_is_refused_with_its_name(setting: Dict[str, Any], named: str) -> None:
    with pytest.raises(SecondOpinionConfigError, match=named):
        SecondOpinionClassifier(setting)


def test_the_experiment_config_combines_after_diet_and_before_the_fallback_decides() -> None:
    import yaml

    from bot import PROJECT_ROOT

    config = PROJECT_ROOT / "experiments" / "configs" / "second_opinion.yml"
    names = [c["name"] for c in yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]]
    second = names.index("bot.nlu.second_opinion.SecondOpinionClassifier")
    assert names.index("DIETClassifier") < second < names.index("FallbackClassifier")
    assert second < names.index("bot.safety.safety_net.SafetyNet") < names.index("bot.nlu.sub_answers.SubAnswerSelector")
