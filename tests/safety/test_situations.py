"""Situations of the danger lexicon (locales/danger/situations): parts that only together are an emergency."""

from __future__ import annotations

import pytest

from bot import PROJECT_ROOT
from bot.content.reader import ContentError
from bot.language.languages import SUPPORTED
from bot.safety.lexicon import DangerLexicon


@pytest.fixture(scope="module")
def lexicon() -> DangerLexicon:
    return DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")


def acute(lex: DangerLexicon, text: str) -> set:
    return {hit.category for hit in lex.scan(text) if hit.tier == "acute"}


def test_every_language_has_a_situations_file() -> None:
    folder = PROJECT_ROOT / "locales" / "danger" / "situations"
    assert {path.stem for path in folder.glob("*.yml")} == set(SUPPORTED)


@pytest.mark.parametrize("text", [
    "I can't find my son at the market",
    "my little girl is gone, we were at the beach",
    "ik vind mijn dochter niet meer op de kermis",
    "je ne trouve plus ma fille au parc",
    "no encuentro a mi hijo en la feria",
    "oğlum pazarda kayboldu",
    "не могу найти сына в парке",
    "bachem tu park gom shode",
])
def test_a_child_lost_now_is_an_acute_lost_child(lexicon: DangerLexicon, text: str) -> None:
    assert "lost_child" in acute(lexicon, text)


@pytest.mark.parametrize("text", [
    "my son lost his ID card, what do I do",
    "my child lost his ID card",
    "my son is missing school, he is sick",
    "where is the lost and found office",
    "mijn zoon is zijn identiteitskaart kwijt",
    "mon fils a perdu sa carte d'identité",
])
def test_a_child_who_lost_a_thing_or_misses_school_is_no_lost_child(lexicon: DangerLexicon, text: str) -> None:
    assert "lost_child" not in acute(lexicon, text)


@pytest.mark.parametrize("text", [
    "my grandfather fell in the bathroom and is not answering",
    "mijn vader is gevallen in de badkamer en hij zegt niks",
    "ma mère est tombée et elle ne répond plus",
    "annem mutfakta yere düştü gözlerini açmıyor",
])
def test_a_fall_and_no_answer_is_acute_unconsciousness(lexicon: DangerLexicon, text: str) -> None:
    assert "unconscious" in acute(lexicon, text)


def test_a_goodbye_with_the_phone_switched_off_is_an_acute_suicide_risk(lexicon: DangerLexicon) -> None:
    assert "suicide" in acute(lexicon, "my brother said goodbye to everyone and his phone is off")
    assert "suicide" not in acute(lexicon, "how do I say goodbye to my colleagues at the office party")


def test_the_parts_of_a_situation_may_stand_further_apart_than_a_term_but_not_anywhere(lexicon: DangerLexicon) -> None:
    assert "unconscious" in acute(lexicon, "my dad fell down the stairs in our house and he is not answering me")
    far = "my dad fell down the stairs last winter, the hospital was great and the nurses were kind, now he is not answering my letters"
    assert "unconscious" not in acute(lexicon, far)


def test_a_malformed_situation_is_named_with_its_field(tmp_path) -> None:
    (tmp_path / "en.yml").write_text("language: en\nacute:\n  fire: [fire]\n", encoding="utf-8")
    (tmp_path / "situations").mkdir()
    (tmp_path / "situations" / "en.yml").write_text(
        "language: en\nsituations:\n  lost_child:\n    parts:\n      who: [son]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="situations.lost_child"):
        DangerLexicon.load(tmp_path)
