"""The sub-answer selector picks the distinct question of a topic from the resident's message, or leaves the
general answer; it learns from the examples in nlu/intents marked per sub-answer."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import PROJECT_ROOT
from bot.content.loader import load_content
from bot.nlu.sub_answers import SUB_ANSWER, SubAnswerSelector, examples, normalise

NLU = PROJECT_ROOT / "nlu" / "intents"


def _example(text: str, topic: str, sub: str) -> Message:
    return Message.build(text, topic, intent_metadata={"sub": sub})


SMALL = [
    _example("pincode vergeten", "id_card", "pin_puk"),
    _example("puk code kwijt", "id_card", "pin_puk"),
    _example("kaart geblokkeerd foute pin", "id_card", "pin_puk"),
    _example("identiteitskaart gestolen", "id_card", "lost_stolen"),
    _example("eid verloren op de tram", "id_card", "lost_stolen"),
    _example("mijn kaart is gepikt", "id_card", "lost_stolen"),
    Message.build("iets over mijn identiteitskaart", "id_card"),  # no sub-answer: not learnt
    Message.build("waar kan ik Nederlands leren", "learn_dutch"),
]


def _parsed(selector: SubAnswerSelector, text: str, topic: str) -> Dict:
    message = Message(data={"text": text, "intent": {"name": topic, "confidence": 0.9}})
    (processed,) = selector.process([message])
    return processed.as_dict(only_output_properties=True)


@pytest.fixture(scope="module")
def trained() -> SubAnswerSelector:
    """Trained on the project's own training data, as `make train` does."""
    selector = SubAnswerSelector({})
    selector.train(load_data(str(NLU)))
    return selector


def test_only_examples_marked_with_a_sub_answer_are_learnt_per_topic() -> None:
    found = examples(TrainingData(SMALL))
    assert set(found) == {"id_card"}
    texts, names = found["id_card"]
    assert "iets over mijn identiteitskaart" not in texts and set(names) == {"pin_puk", "lost_stolen"}


def test_every_sub_answer_in_the_answers_has_training_examples_and_no_example_names_an_unknown_one() -> None:
    content = load_content()
    found = examples(load_data(str(NLU)))
    for topic, (_, names) in found.items():
        assert set(names) == set(content.answers[topic].subs), topic
    assert {"id_card", "residence_permit"} <= set(found)


def test_a_pin_question_gets_the_pin_sub_answer_in_the_parse_output(trained: SubAnswerSelector) -> None:
    chosen = _parsed(trained, "ik ben mijn pincode vergeten", "id_card")[SUB_ANSWER]
    assert chosen["topic"] == "id_card" and chosen["name"] == "pin_puk"
    assert 0.4 <= chosen["confidence"] <= 1.0


@pytest.mark.parametrize("text, topic, sub", [
    ("I forgot the PIN code of my eID card", "id_card", "pin_puk"),
    ("نسيت الرقم السري ديال البطاقة", "id_card", "pin_puk"),
    ("ma carte d'identité a été volée dans le métro", "id_card", "lost_stolen"),
    ("kids-id voor mijn dochtertje van vier", "id_card", "kids_id"),
    ("hoeveel kost een eid en hoe lang moet ik wachten", "id_card", "cost_wait"),
    ("mijn verblijfskaart vervalt binnen zes weken", "residence_permit", "renewal"),
    ("ik heb mijn verblijfskaart verloren", "residence_permit", "lost_stolen"),
    ("ik wacht nog altijd op de beslissing over mijn verblijf", "residence_permit", "waiting"),
])
def test_the_distinct_question_gets_its_sub_answer(trained: SubAnswerSelector, text: str, topic: str, sub: str) -> None:
    assert _parsed(trained, text, topic)[SUB_ANSWER]["name"] == sub


def test_a_sub_answer_is_chosen_only_among_the_topics_own(trained: SubAnswerSelector) -> None:
    # "lost" under residence_permit is the residence card's lost_stolen, never an id_card answer
    chosen = _parsed(trained, "kaart verloren", "residence_permit")[SUB_ANSWER]
    assert chosen["topic"] == "residence_permit"


def test_a_topic_without_sub_answers_and_an_unsure_choice_leave_the_general_answer(trained: SubAnswerSelector) -> None:
    assert SUB_ANSWER not in _parsed(trained, "waar kan ik Nederlands leren", "learn_dutch")
    assert SUB_ANSWER not in _parsed(trained, "ik heb mijn pincode vergeten", "nlu_fallback")
    unsure = SubAnswerSelector({"threshold": 0.99}, models=trained._models)
    assert SUB_ANSWER not in _parsed(unsure, "identiteitskaart", "id_card")


def test_an_empty_message_gets_no_sub_answer(trained: SubAnswerSelector) -> None:
    assert SUB_ANSWER not in _parsed(trained, "   ", "id_card")


def test_the_models_are_stored_with_the_rasa_model_and_loaded_back(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("sub_answers")
    selector = SubAnswerSelector.create({}, storage, resource, None)  # type: ignore[arg-type]
    selector.train(TrainingData(SMALL))
    loaded = SubAnswerSelector.load({}, storage, resource, None)  # type: ignore[arg-type]
    assert loaded.topics == ["id_card"]
    assert _parsed(loaded, "pincode vergeten", "id_card")[SUB_ANSWER]["name"] == "pin_puk"


def test_a_model_without_stored_sub_answers_loads_and_answers_generally(tmp_path: Path) -> None:
    loaded = SubAnswerSelector.load({}, LocalModelStorage(tmp_path), Resource("none"), None)  # type: ignore[arg-type]
    assert loaded.topics == [] and SUB_ANSWER not in _parsed(loaded, "pincode vergeten", "id_card")


def test_case_and_accents_do_not_matter_but_scripts_stay() -> None:
    assert normalise("PÎN-Code") == normalise("pin-code")
    words: List[str] = ["ፒን ኮድ", "رمز سري"]
    assert [normalise(w) for w in words] == words


def test_the_experiments_language_list_holds_exactly_the_marked_examples() -> None:
    # experiments/sub_answers/examples.tsv (the examples with their language, for compare.py) must not drift
    import csv

    with (PROJECT_ROOT / "experiments" / "sub_answers" / "examples.tsv").open(encoding="utf-8") as handle:
        listed = sorted((r["intent"], r["sub"], r["text"]) for r in csv.DictReader(handle, delimiter="\t"))
    marked = sorted((topic, sub, text) for topic, (texts, subs) in examples(load_data(str(NLU))).items()
                    for text, sub in zip(texts, subs, strict=True))
    assert listed == marked
