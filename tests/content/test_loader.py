"""Answers and locales are complete, well-formed data, filled for every municipality."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.content.loader import Content, fill
from bot.content.reader import ContentError
from bot.language.languages import SUPPORTED

RTL = {"ar", "fa", "ps", "ckb"}
# A phone number, e-mail address or URL; a year alone ("sinds maart 2024") is none.
FACTS = re.compile(r"(?!(?:19|20)\d\d(?!\d| ?\d))\d{2,} ?\d{2,}|@|https?://|www\.")


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
    # Phone numbers, e-mail addresses and URLs belong in municipalities/, not answers/. A year ("sinds maart
    # 2024") is no phone number; `source` and `checked` name where a rule comes from and are no fact of it.
    for path in (project_root / "answers").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        said = yaml.safe_dump({k: v for k, v in data.items() if k not in ("source", "checked")}, allow_unicode=True)
        assert not FACTS.search(said), path.name


def test_the_fact_check_still_catches_phone_numbers_next_to_years() -> None:
    assert FACTS.search("Bel 09 000 00 00") and FACTS.search("bel 2023 4567") and FACTS.search("00800 2123 2123")
    assert not FACTS.search("Sinds 1 september 2023 betaalt u. Sinds maart 2024 is er een register.")


def test_a_missing_fact_is_an_error_naming_it() -> None:
    with pytest.raises(ContentError, match="no municipality fact 'town_hall.fax'"):
        fill("Fax: {town_hall.fax}", {"town_hall": {"phone": "1"}}, "answers/x.yml")


def test_an_unknown_language_gets_no_cue(content: Content) -> None:
    municipality = content.municipalities["voorbeeldegem"]
    assert [m.kind for m in content.answer("greet", "xx", municipality)] == ["answer"]
