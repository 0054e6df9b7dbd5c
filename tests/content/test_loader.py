"""Answers and locales are complete, well-formed data, filled for every municipality."""

from __future__ import annotations

import re

import pytest

from bot.content.loader import Content, fill
from bot.content.reader import ContentError
from bot.language.languages import SUPPORTED

RTL = {"ar", "fa", "ps", "ckb"}


def test_every_supported_language_has_a_locale(content: Content) -> None:
    assert set(content.locales) == SUPPORTED


def test_locales_have_the_same_keys_and_the_right_direction(content: Content) -> None:
    dutch = content.locales["nl"]
    for code, locale in content.locales.items():
        assert set(locale.cues) == set(dutch.cues), code
        assert set(locale.ui) == set(dutch.ui), code
        assert set(locale.phrases) == set(dutch.phrases), code
        assert locale.dir == ("rtl" if code in RTL else "ltr"), code
        assert locale.endonym, code


def test_machine_drafted_translations_are_marked_unreviewed(content: Content) -> None:
    assert not any(locale.reviewed for locale in content.locales.values())


@pytest.mark.parametrize("code", sorted(SUPPORTED - {"nl"}))
def test_cues_are_short(content: Content, code: str) -> None:
    for topic, cue in content.locales[code].cues.items():
        assert cue, (code, topic)
        # Count sentences as the resident reads them: placeholders are filled in.
        sentences = [s for s in re.split(r"[.!?؟።]+", re.sub(r"\{[a-z_.]+\}", "X", cue)) if s.strip()]
        assert len(sentences) <= 2, (code, topic, cue)


def test_every_answer_is_filled_for_every_municipality(content: Content) -> None:
    for municipality in content.municipalities.values():
        for topic in content.answers:
            (answer,) = [m for m in content.answer(topic, "nl", municipality) if m.kind == "answer"]
            assert "{" not in answer.text and "}" not in answer.text, (municipality.slug, topic)


def test_answers_hold_no_municipality_facts(project_root) -> None:
    # Phone numbers, e-mail addresses and URLs belong in municipalities/, not answers/.
    facts = re.compile(r"\d{2,} ?\d{2,}|@|https?://|www\.")
    for path in (project_root / "answers").glob("*.yml"):
        assert not facts.search(path.read_text(encoding="utf-8")), path.name


def test_a_missing_fact_is_an_error_naming_it() -> None:
    with pytest.raises(ContentError, match="no municipality fact 'town_hall.fax'"):
        fill("Fax: {town_hall.fax}", {"town_hall": {"phone": "1"}}, "answers/x.yml")


def test_an_unknown_language_gets_no_cue(content: Content) -> None:
    municipality = content.municipalities["voorbeeldegem"]
    assert [m.kind for m in content.answer("greet", "xx", municipality)] == ["answer"]
