"""Topic cues bridge a Dutch answer to the resident's language; sub-answers answer the exact question."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any, Dict

import pytest
import yaml

from bot import PROJECT_ROOT
from bot.content.loader import Content, load_content
from bot.content.reader import ContentError
from bot.content.topic_cues import GENERAL, MAX_WORDS, MIN_WORDS, WORD_SEPARATOR, load_topic_cues
from bot.language.languages import DEFAULT, SUPPORTED
from bot.vocabulary import ASK_HUMAN, CONVERSATIONAL, EMERGENCY, NO_TOPIC

ANSWER = {
    "topic": "id_card",
    "nl": "Vraag een nieuwe identiteitskaart aan bij {town_hall.name}. Maak eerst een afspraak.",
    "source": "https://www.ibz.rrn.fgov.be/nl/identiteitsdocumenten/eid/",
    "checked": "2026-12-01",
    "buttons": [{"title": "Een afspraak maken", "payload": "/appointment"}],
    "subs": {
        "pin_puk": {
            "nl": "Bent u uw PIN-code vergeten? Vraag nieuwe codes aan het loket.",
            "source": "https://www.ibz.rrn.fgov.be/nl/identiteitsdocumenten/eid/pin-en-puk/",
            "checked": "2026-12-01",
        }
    },
}

AR_GENERAL = {
    "text": "هذه الإجابة عن بطاقة الهوية. احجز موعدًا أولًا.",
    "words": {"identiteitskaart": "بطاقة الهوية", "afspraak": "موعد", "nieuwe": "جديدة"},
}
EN_PIN = {
    "text": "Forgot your PIN? Ask for new codes at the counter.",
    "words": {"PIN-code": "PIN code", "nieuwe codes": "new codes", "loket": "counter"},
}


def _write(path: Path, data: Dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A copy of the repository's content with one test answer and its cues."""
    for part in ("answers", "locales", "municipalities"):
        shutil.copytree(PROJECT_ROOT / part, tmp_path / part)
    shutil.rmtree(tmp_path / "locales" / "topics", ignore_errors=True)
    _write(tmp_path / "answers" / "id_card.yml", ANSWER)
    _write(
        tmp_path / "locales" / "topics" / "id_card.yml",
        {"topic": "id_card", "reviewed": False, "answers": {"answer": {"ar": AR_GENERAL}, "pin_puk": {"en": EN_PIN}}},
    )
    return tmp_path


def _cue_file(root: Path, answers: Dict[str, Any]) -> None:
    _write(root / "locales" / "topics" / "id_card.yml", {"topic": "id_card", "answers": answers})


def test_the_cue_gives_the_gist_and_each_key_dutch_word_with_its_translation(root: Path) -> None:
    content = Content.load(root)
    town = next(iter(content.municipalities.values()))
    dutch, cue = content.answer("id_card", "ar", town)
    assert dutch.text.startswith("Vraag een nieuwe identiteitskaart aan bij ")
    assert cue.lang == "ar" and cue.dir == "rtl"
    assert cue.text.splitlines() == [
        AR_GENERAL["text"],
        "identiteitskaart — بطاقة الهوية",
        "afspraak — موعد",
        "nieuwe — جديدة",
    ]


def test_a_sub_answer_answers_the_exact_question_with_its_own_cue_and_the_topics_buttons(root: Path) -> None:
    content = Content.load(root)
    town = next(iter(content.municipalities.values()))
    dutch, cue = content.answer("id_card", "en", town, sub="pin_puk")
    assert dutch.text == ANSWER["subs"]["pin_puk"]["nl"]
    assert [b["payload"] for b in dutch.buttons] == ["/appointment"]
    assert cue.text.splitlines()[1:] == ["PIN-code — PIN code", "nieuwe codes — new codes", "loket — counter"]


def test_without_its_own_cue_an_answer_gets_the_locales_general_line(root: Path) -> None:
    content = Content.load(root)
    town = next(iter(content.municipalities.values()))
    # The general answer has no English cue, and the sub-answer no Arabic one.
    assert content.answer("id_card", "en", town)[1].text == content.locales["en"].cue("id_card")
    assert content.answer("id_card", "ar", town, sub="pin_puk")[1].text == content.locales["ar"].cue("id_card")


def test_an_unknown_sub_answer_gets_the_topics_general_answer(root: Path) -> None:
    content = Content.load(root)
    town = next(iter(content.municipalities.values()))
    assert content.answer("id_card", "nl", town, sub="no_such")[0].text.startswith("Vraag een nieuwe")


def test_a_key_word_that_is_not_in_the_dutch_answer_is_refused_by_name(root: Path) -> None:
    _cue_file(root, {"answer": {"ar": {**AR_GENERAL, "words": {**AR_GENERAL["words"], "verblijfskaart": "x"}}}})
    with pytest.raises(ContentError, match="'verblijfskaart' is not in the Dutch answer"):
        Content.load(root)


def test_a_key_word_of_the_general_answer_must_be_in_the_general_answer_not_a_sub_answer(root: Path) -> None:
    words = {"PIN-code": "PIN", "afspraak": "appointment", "nieuwe": "new"}
    _cue_file(root, {"answer": {"en": {"text": "About your card.", "words": words}}})
    with pytest.raises(ContentError, match="'PIN-code' is not in the Dutch answer"):
        Content.load(root)


def test_a_cue_for_a_sub_answer_that_does_not_exist_is_refused(root: Path) -> None:
    _cue_file(root, {"kids": {"en": EN_PIN}})
    with pytest.raises(ContentError, match="no sub-answer 'kids'"):
        Content.load(root)


@pytest.mark.parametrize("code", ["nl", "xx"])
def test_a_cue_in_dutch_or_an_unknown_language_is_refused(root: Path, code: str) -> None:
    _cue_file(root, {"answer": {code: AR_GENERAL}})
    with pytest.raises(ContentError, match="not a resident's language"):
        Content.load(root)


@pytest.mark.parametrize(
    "cue, message",
    [
        ({"text": "", "words": AR_GENERAL["words"]}, "field 'text'"),
        ({"text": "Gist.", "words": {"identiteitskaart": "x", "afspraak": "y"}}, "3 to 5 key words, has 2"),
        ({"text": "Gist.", "words": ["identiteitskaart", "afspraak", "nieuwe"]}, "must map 3 to 5"),
        ({"text": "Gist.", "words": {"identiteitskaart": "", "afspraak": "y", "nieuwe": "z"}}, "needs a Dutch word"),
        ({"text": "Gist.", "words": AR_GENERAL["words"], "reviewed": "no"}, "true or false"),
    ],
)
def test_a_malformed_cue_is_refused_naming_the_file_and_the_field(root: Path, cue: Dict[str, Any], message: str) -> None:
    _cue_file(root, {"answer": {"ar": cue}})
    with pytest.raises(ContentError, match=message) as error:
        load_topic_cues(root / "locales" / "topics" / "id_card.yml")
    assert "id_card.yml, field 'answers.answer.ar" in str(error.value)


def test_a_sub_answer_without_its_own_source_is_refused(root: Path) -> None:
    answer = copy.deepcopy(ANSWER)
    del answer["subs"]["pin_puk"]["source"], answer["subs"]["pin_puk"]["checked"]  # type: ignore[index]
    _write(root / "answers" / "id_card.yml", answer)
    with pytest.raises(ContentError, match="field 'subs.pin_puk.source': an answer that states rules needs"):
        Content.load(root)


def test_the_repositorys_topic_cues_load_and_are_marked_for_review(content: Content) -> None:
    for topic, cues in content.topic_cues.items():
        for languages in cues.answers.values():
            for code, cue in languages.items():
                assert not cue.reviewed, (topic, code)


# Every language a resident may write in; Dutch needs no cue.
RESIDENT_LANGUAGES = frozenset(SUPPORTED - {DEFAULT})
PLACEHOLDER = re.compile(r"\{[a-z_.]+\}")
# Every topic answer has its own cue (gist, next step, key Dutch words) in every resident language, and so has
# each of its sub-answers (issue 14). Only conversation management, the fallback and the emergency answer (whose
# cues, with their numbers, live in locales/<code>.yml) keep the locale's own lines.
OWN_LINES = CONVERSATIONAL | NO_TOPIC | {ASK_HUMAN, "bot_challenge", EMERGENCY}
TOPICS_WITH_CUES = tuple(sorted(set(load_content().answers) - OWN_LINES))


def test_the_topics_with_cues_are_the_topic_answers() -> None:
    # A guard for the list above: it holds the municipal topics, and leaves none of the new ones out.
    assert {"id_card", "driving_licence", "passport", "report_problem", "interpreter"} <= set(TOPICS_WITH_CUES)
    assert not set(TOPICS_WITH_CUES) & {"greet", "nlu_fallback", "emergency", "ask_human"}


@pytest.mark.parametrize("topic", TOPICS_WITH_CUES)
def test_every_sub_answer_has_its_own_cue_in_every_resident_language(content: Content, topic: str) -> None:
    cues = content.topic_cues.get(topic)
    for sub in content.answers[topic].subs:
        missing = sorted(code for code in RESIDENT_LANGUAGES if cues is None or cues.get(sub, code) is None)
        assert not missing, (topic, sub, missing)


@pytest.mark.parametrize("topic", TOPICS_WITH_CUES)
def test_every_resident_language_gets_the_answers_own_cue_with_key_dutch_words(content: Content, topic: str) -> None:
    cues = content.topic_cues.get(topic)
    assert cues is not None, f"locales/topics/{topic}.yml is missing"
    missing = sorted(code for code in RESIDENT_LANGUAGES if cues.get(GENERAL, code) is None)
    assert not missing, (topic, missing)
    # A cue names only the municipality facts its Dutch answer names ("call {national.police}").
    allowed = set(PLACEHOLDER.findall(content.answers[topic].nl))
    for code, own in cues.answers[GENERAL].items():
        assert set(PLACEHOLDER.findall(own.text)) <= allowed, (topic, code)
    for municipality in content.municipalities.values():
        for code in sorted(RESIDENT_LANGUAGES):
            dutch, cue = content.answer(topic, code, municipality)
            gist, *words = cue.text.splitlines()
            # The resident reads this answer's gist, not the line every answer without a cue gets.
            assert gist != content.locales[code].cue(topic), (topic, code)
            assert "{" not in cue.text and "}" not in cue.text, (topic, code, municipality.slug)
            # ... then each key word as it stands in the Dutch answer above it, with its translation.
            assert MIN_WORDS <= len(words) <= MAX_WORDS, (topic, code)
            for line in words:
                word, _, own = line.partition(WORD_SEPARATOR)
                assert own and word.casefold() in dutch.text.casefold(), (topic, code, line)


# How each language's former general line named the menu that would help in the resident's language. The
# language menu helps with nothing (it only exists in the widget, and it only changes the cue's language).
MENU_WORDS = {
    "en": "menu", "fr": "menu", "de": "menü", "es": "menú", "it": "menu", "pt": "menu", "pl": "menu",
    "ro": "meniu", "bg": "меню", "ru": "меню", "uk": "меню", "tr": "menü", "ar": "قائمة", "fa": "منو",
    "ps": "مینو", "ckb": "لیست", "kmr": "menu", "so": "liis", "ti": "ዝርዝር", "am": "ምናሌ", "sq": "menu",
    "ber": "menu",
}


def test_every_resident_language_has_its_word_for_menu_listed() -> None:
    assert set(MENU_WORDS) == RESIDENT_LANGUAGES


@pytest.mark.parametrize("code", sorted(MENU_WORDS))
def test_no_cue_sends_the_resident_to_a_menu(content: Content, code: str) -> None:
    locale = content.locales[code]
    # The general line under every answer without its own cue, and every other line in the resident's language.
    assert locale.cues[GENERAL]
    for key, text in locale.cues.items():
        assert MENU_WORDS[code] not in text.casefold(), (code, key, text)
