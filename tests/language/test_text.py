"""bot/language/text.py: the one fold of accents and vowel marks that the safety lexicon, the likeness model,
the sub-answer selector and the form questions share."""

from bot.content.questions import fold
from bot.language.text import without_marks
from bot.nlu.sub_answers import normalise as sub_answer_text
from bot.safety.lexicon import normalise as lexicon_words
from bot.safety.likeness import fold as likeness_fold


def test_accents_and_arabic_vowel_marks_are_dropped_and_case_is_left_to_the_caller() -> None:
    assert without_marks("Één brandweerman, ça brûle, şiddet") == "Een brandweerman, ca brule, siddet"
    assert without_marks("كَتَبَ") == "كتب"
    assert without_marks("Straße") == "Straße"  # case and ß are each caller's own choice


def test_a_resident_who_types_without_accents_is_read_like_one_who_types_them() -> None:
    # The same words with and without accents reach the lexicon, the likeness model, the sub-answers and the
    # form questions as one text: "ça brûle" is "ca brule" everywhere.
    typed, plain = "Ça BRÛLE chez mon voisin, au secours", "ca brule chez mon voisin, au secours"
    assert lexicon_words(typed) == lexicon_words(plain) == ["ca", "brule", "chez", "mon", "voisin", "au", "secours"]
    assert likeness_fold(typed) == likeness_fold(plain)
    assert sub_answer_text("Pîncode VERGETEN") == sub_answer_text("pincode vergeten") == "pincode vergeten"
    assert fold("Één  afspraak!") == " een afspraak "


def test_scripts_without_marks_are_kept_as_they_are() -> None:
    for text in ("ሓገዝ ሓዊ", "пожар в доме", "ⴰⵎⴰⵏ"):
        assert without_marks(text) == text
