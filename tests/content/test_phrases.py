"""Phrase cards: the same cards in every language, new translations marked as drafts, malformed cards named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import Content
from bot.content.locales import COME_BACK_ON, LANGUAGE_CARD, load_locale
from bot.content.reader import ContentError
from bot.language.languages import SUPPORTED

NEW_CARDS = (LANGUAGE_CARD, "bring_passport_or_card")


def test_every_language_has_the_new_cards_as_unreviewed_drafts(content: Content) -> None:
    assert set(content.locales) == SUPPORTED and len(SUPPORTED) == 23
    for code, locale in content.locales.items():
        for key in NEW_CARDS:
            assert locale.phrases[key].strip(), (code, key)
            assert locale.phrase_reviewed[key] is False, (code, key)
        assert COME_BACK_ON in locale.phrases, code


def test_the_language_question_is_translated_not_copied(content: Content) -> None:
    # A draft that is still the English or Dutch text would tell the resident nothing.
    english, dutch = content.locales["en"].phrases, content.locales["nl"].phrases
    copied = [code for code, locale in content.locales.items() if code not in ("en", "nl")
              for key in NEW_CARDS if locale.phrases[key] in (english[key], dutch[key])]
    assert copied == []


def _locale(tmp_path: Path, phrase: str, reviewed: str = "true") -> Path:
    path = tmp_path / "xx.yml"
    path.write_text(f"code: xx\nendonym: X\ndir: ltr\nreviewed: {reviewed}\ncues: {{}}\nui: {{}}\n"
                    f"phrases:\n  one_moment: Een ogenblik.\n  which_language: {phrase}\n", encoding="utf-8")
    return path


def test_a_card_without_its_own_state_follows_the_locale(tmp_path: Path) -> None:
    locale = load_locale(_locale(tmp_path, '{text: "Welke taal?", reviewed: false}'))
    assert locale.reviewed is True and locale.phrase_reviewed == {"one_moment": True, "which_language": False}
    assert locale.phrases["which_language"] == "Welke taal?"


@pytest.mark.parametrize("phrase", ["{reviewed: false}", '{text: "Welke taal?", reviewed: misschien}'])
def test_a_malformed_card_is_an_error_naming_file_and_field(tmp_path: Path, phrase: str) -> None:
    with pytest.raises(ContentError, match=r"xx\.yml, field 'phrases\.which_language'"):
        load_locale(_locale(tmp_path, phrase))
