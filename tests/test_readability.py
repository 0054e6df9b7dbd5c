"""Every Dutch answer is plain B1 Dutch: readable, short sentences, jargon explained."""

from __future__ import annotations

import dataclasses
import re
from typing import Dict, Iterator, List, Mapping

import pytest
import textstat
import yaml

from bot import PROJECT_ROOT
from bot.content.loader import Content, fill, load_content
from bot.content.reader import Fact
from bot.directory.municipality import LOCAL_RULES

JARGON = yaml.safe_load((PROJECT_ROOT / "answers" / "jargon.yml").read_text(encoding="utf-8"))["jargon"]
REQUIRED_JARGON = {"domicilie", "attest", "leefloon", "OCMW", "NT2", "eID", "inburgering"}


class _Sample(Mapping):
    """Stands in for the form values of referral texts ({form.language} -> "Arabisch")."""

    def __getitem__(self, key: str) -> str:
        return "Arabisch"

    def __contains__(self, key: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _filled(content: Content) -> Dict[str, List[str]]:
    """Each topic's answer, followed by its referral texts, filled in for every municipality;
    and every form question."""
    texts: Dict[str, List[str]] = {}
    # Each municipality as shipped, and as one whose profile gives every local rule a figure.
    sample = {rule: Fact("40 euro per jaar") for rule in LOCAL_RULES}
    towns = [*content.municipalities.values()]
    towns += [dataclasses.replace(town, local_rules=sample) for town in content.municipalities.values()]
    for municipality in towns:
        facts = {**content.facts(municipality), "form": _Sample()}
        for topic, spec in content.answers.items():
            answer = content.answer(topic, "nl", municipality)[0]
            extra = [
                fill(t, facts)
                for value in spec.referral.values()
                for t in (value if isinstance(value, list) else [value])
            ]
            texts.setdefault(topic, []).append(" ".join([answer.text, *extra]))
            for sub in spec.subs:
                texts.setdefault(f"{topic}.{sub}", []).append(content.answer(topic, "nl", municipality, sub)[0].text)
    for slot, question in load_content().forms.questions.items():
        texts[f"form:{slot}"] = [" ".join([question.ask, question.again, *map(str, question.extra.values())])]
    return texts


def _readable(text: str) -> str:
    # Contact details are not prose: read them as one short word each.
    text = re.sub(r"\S+@\S+|https?://\S+", "adres", text)
    return re.sub(r"\d[\d ./-]*\d|\d", "nummer", text)


@pytest.fixture(scope="module")
def filled(content: Content) -> Dict[str, List[str]]:
    textstat.set_lang("nl")
    return _filled(content)


def test_every_answer_scores_at_least_65_on_flesch_douma(filled) -> None:
    low = {
        topic: round(textstat.flesch_reading_ease(_readable(text)), 1)
        for topic, texts in filled.items()
        for text in texts
        if textstat.flesch_reading_ease(_readable(text)) < 65
    }
    assert low == {}


def test_answers_average_at_most_12_words_per_sentence(filled) -> None:
    long = {
        topic: textstat.words_per_sentence(_readable(text))
        for topic, texts in filled.items()
        for text in texts
        if textstat.words_per_sentence(_readable(text)) > 12
    }
    assert long == {}


def test_the_jargon_list_covers_the_words_of_the_brief() -> None:
    assert {entry["term"] for entry in JARGON} >= REQUIRED_JARGON


def test_jargon_is_explained_wherever_an_answer_uses_it(filled) -> None:
    unexplained = []
    for topic, texts in filled.items():
        for text in texts:
            for entry in JARGON:
                term, explanation = entry["term"], entry["explanation"]
                if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) and (
                    explanation.lower() not in text.lower()
                ):
                    unexplained.append((topic, term))
    assert unexplained == []


def test_answers_address_the_resident_as_u_consistently(content: Content) -> None:
    informal = [t for t, a in content.answers.items() if re.search(r"(?<!\w)(jij|jou|jouw)(?!\w)", a.nl, re.I)]
    assert informal == []


def test_emergency_gives_112_and_101_first(content: Content) -> None:
    municipality = content.municipalities["voorbeeldegem"]
    answer, cue = content.answer("emergency", "ar", municipality)
    first_sentences = " ".join(answer.text.split(".")[:2])
    assert "112" in first_sentences and "101" in first_sentences
    assert cue.lang == "ar" and "112" in cue.text and "101" in cue.text


def test_buttons_offer_next_steps_that_exist(content: Content) -> None:
    for topic, answer in content.answers.items():
        for button in answer.buttons:
            assert button["payload"].lstrip("/") in content.answers, (topic, button)
    with_buttons = {t for t, a in content.answers.items() if a.buttons}
    payloads = {b["payload"] for a in content.answers.values() for b in a.buttons}
    assert {"/appointment", "/ask_human", "/interpreter"} <= payloads
    assert len(with_buttons) >= len(content.answers) // 2
