"""Form questions and typed-answer words are checked data; typed answers are matched in any language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.content.questions import FormQuestions, fold
from bot.content.reader import ContentError


@pytest.fixture(scope="module")
def forms() -> FormQuestions:
    return FormQuestions.load(PROJECT_ROOT)


def test_every_form_slot_has_a_question_and_a_cue_in_every_locale(forms: FormQuestions, content) -> None:
    assert set(forms.questions) == {"interpreter_service", "interpreter_language", "nt2_level", "nt2_when", "postcode"}
    for question in forms.questions.values():
        for locale in content.locales.values():
            assert locale.cues.get(question.cue), (locale.code, question.cue)


def test_folding_ignores_case_accents_and_punctuation() -> None:
    assert fold("'s Avonds!") == " s avonds "
    assert fold("Débutant") == fold("debutant")


def test_the_residents_language_counts_first(forms: FormQuestions) -> None:
    # Dutch "ja" is "some" Dutch; a negation makes a beginner.
    assert forms.match("nt2_level", "ja hoor", "nl") == "some"
    assert forms.match("nt2_level", "nee, nog niet", "nl") == "beginner"
    assert forms.match("nt2_when", "le soir", "fr") == "evening"
    assert forms.match("nt2_when", "في المساء", "ar") == "evening"
    assert forms.match("nt2_when", "hmm", "nl") is None
    assert forms.match("interpreter_service", "у лікаря", "uk") == "health"


def test_short_words_match_whole_words_and_long_ones_their_inflections(forms: FormQuestions) -> None:
    assert forms.match("nt2_level", "ik neem het", "nl") is None  # "nee" is not in "neem"
    assert forms.match("interpreter_service", "bij de huisarts", "nl") == "health"
    assert forms.match("nt2_when", "как да се запиша", "bg") is None


def test_a_broken_form_file_is_named_with_its_field(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "answers" / "forms", tmp_path / "answers" / "forms")
    path = tmp_path / "answers" / "forms" / "learn_dutch_form.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('    ask: "Wanneer', '    asks: "Wanneer'),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"learn_dutch_form.yml: slot 'nt2_when', field 'ask'"):
        FormQuestions.load(tmp_path)


def test_words_for_an_unknown_value_are_refused(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "answers" / "forms", tmp_path / "answers" / "forms")
    path = tmp_path / "answers" / "forms" / "words.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  nightly:\n    nl: [\"nacht\"]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown values"):
        FormQuestions.load(tmp_path)


def test_tarifit_answers_are_understood_as_residents_type_them(forms: FormQuestions) -> None:
    # Tarifit with its own letters or typed on a plain keyboard (gh for ɣ, 3 for ɛ); Kabyle still counts.
    assert forms.match("nt2_level", "uha, war ssineɣ ca", "ber") == "beginner"
    assert forms.match("nt2_level", "war ssinegh ca", "ber") == "beginner"
    assert forms.match("nt2_level", "wah, ciṭuḥ", "ber") == "some"
    assert forms.match("nt2_level", "ala", "ber") == "beginner"  # Kabyle
    assert forms.match("nt2_when", "di tmeddit", "ber") == "evening"
    assert forms.match("nt2_when", "di nhar", "ber") == "day"
    assert forms.match("interpreter_service", "rbulis", "ber") == "police"
    assert forms.match("interpreter_service", "lxedma tajtima3it", "ber") == "social_house"
    assert forms.match("interpreter_service", "ɣar ṭṭbib", "ber") == "health"
