"""The topic cues of existing answers (issue 14, part B): every resident's language gets each answer's own bridge."""

from __future__ import annotations

import re
from typing import Set

import pytest

from bot.content.loader import Content
from bot.content.topic_cues import WORD_SEPARATOR
from bot.language.languages import DEFAULT
from tests.content.test_topic_cues import TOPICS_WITH_CUES

# The topics whose answers have their own cues: one list, in test_topic_cues.py.
TOPICS = TOPICS_WITH_CUES

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")

# "Free" in each resident's language: a cue may say it only when its Dutch answer says "gratis".
FREE = {
    "en": r"\bfree\b", "fr": r"gratuit", "de": r"kostenlos|gratis", "es": r"\bgratis\b|gratuit", "it": r"gratuit|gratis",
    "pt": r"gratuit|grátis", "pl": r"bezpłat|darmow", "ro": r"gratuit", "bg": r"безплатн", "ru": r"бесплатн",
    "uk": r"безоплатн|безкоштовн", "tr": r"ücretsiz|bedava", "ar": r"مجان", "fa": r"رایگان|مجانی", "ps": r"وړیا",
    "ckb": r"بەخۆڕایی", "kmr": r"belaş|bêpere", "so": r"bilaash", "ti": r"ብነጻ|ብናጻ", "am": r"በነጻ|በነፃ", "sq": r"falas",
    "ber": r"bla flus",
}
# "Menu": the language menu only changes the language, so no cue sends the resident there for help.
MENU = re.compile(r"\bl?men[uüúû]\b|меню|القائمة|\bمنو\b|مێنیو|ሜኑ", re.IGNORECASE)


def _placeholders(text: str) -> Set[str]:
    return set(_PLACEHOLDER.findall(text))


def _residents_languages(content: Content) -> Set[str]:
    return {code for code in content.locales if code != DEFAULT}


@pytest.mark.parametrize("topic", TOPICS)
def test_every_residents_language_has_the_answers_own_cue(content: Content, topic: str) -> None:
    cues = content.topic_cues.get(topic)
    assert cues is not None, f"locales/topics/{topic}.yml is missing"
    missing = _residents_languages(content) - set(cues.answers.get("answer", {}))
    assert not missing, f"locales/topics/{topic}.yml: no 'answer' cue in {sorted(missing)}"


@pytest.mark.parametrize("topic", TOPICS)
def test_a_cue_uses_only_the_facts_its_dutch_answer_uses(content: Content, topic: str) -> None:
    dutch = _placeholders(content.answers[topic].nl)
    for code, cue in content.topic_cues[topic].answers["answer"].items():
        extra = _placeholders(cue.text) - dutch
        assert not extra, f"locales/topics/{topic}.yml, answers.answer.{code}: {sorted(extra)} not in the Dutch"


@pytest.mark.parametrize("topic", TOPICS)
def test_the_resident_reads_the_gist_and_finds_each_key_word_in_the_dutch_they_were_given(
    content: Content, topic: str
) -> None:
    for town in content.municipalities.values():
        for code in sorted(_residents_languages(content)):
            dutch, cue = content.answer(topic, code, town)
            own = content.topic_cues[topic].get("answer", code)
            assert own is not None
            lines = cue.text.splitlines()
            assert cue.lang == code and "{" not in cue.text, (topic, code)
            assert len(lines) == 1 + len(own.words), (topic, code)
            for (word, translation), line in zip(own.words, lines[1:], strict=True):
                assert line == f"{word}{WORD_SEPARATOR}{translation}"
                assert word.casefold() in dutch.text.casefold(), (topic, code, word)


@pytest.mark.parametrize("topic", TOPICS)
def test_a_cue_promises_nothing_its_dutch_answer_does_not(content: Content, topic: str) -> None:
    # "gratis", or "vrij" ("niet vrij reizen"): several languages use one word for "free of charge" and "freely".
    dutch_says_free = re.search(r"gratis|\bvrij\b", content.answers[topic].nl, re.IGNORECASE) is not None
    for code, cue in content.topic_cues[topic].answers["answer"].items():
        assert not MENU.search(cue.text), f"locales/topics/{topic}.yml, answers.answer.{code}: sends to the menu"
        if not dutch_says_free:
            assert not re.search(FREE[code], cue.text, re.IGNORECASE), (
                f"locales/topics/{topic}.yml, answers.answer.{code}: says 'free' but the Dutch answer does not"
            )
