"""The domain's intents are the topic ids of docs/topics.yml, and every one is answered."""

from __future__ import annotations

import yaml

from bot import PROJECT_ROOT

TOPICS = PROJECT_ROOT / "docs" / "topics.yml"


def _domain() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_every_intent_is_a_topic_id() -> None:
    topics = {t["id"] for t in yaml.safe_load(TOPICS.read_text(encoding="utf-8"))["topics"]}
    assert set(_domain()["intents"]) <= topics


def test_every_intent_has_training_data_a_rule_and_an_answer() -> None:
    for intent in _domain()["intents"]:
        assert (PROJECT_ROOT / "nlu" / "intents" / f"{intent}.yml").exists(), intent
        assert (PROJECT_ROOT / "nlu" / "rules" / f"{intent}.yml").exists(), intent
        assert (PROJECT_ROOT / "answers" / f"{intent}.yml").exists(), intent


def test_training_files_hold_only_their_own_intent() -> None:
    for path in (PROJECT_ROOT / "nlu" / "intents").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {block["intent"] for block in data["nlu"]} == {path.stem}, path.name


def test_no_training_example_is_in_two_intents() -> None:
    seen: dict = {}
    for path in sorted((PROJECT_ROOT / "nlu" / "intents").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                example = line.strip()[2:].strip().lower()
                if example:
                    assert seen.setdefault(example, path.stem) == path.stem, example

