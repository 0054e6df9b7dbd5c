"""Very short chat (one to three words) gets its own language or "unsure", never a confident wrong one.

The kinds of message the fifteenth round fixed (issue 17, tests/language/langid14.tsv): a word two of our languages
both say often (Ukrainian and Bulgarian добре, Darija, Tarifit and Turkish saha, Spanish and Portuguese feliz) is
"unsure" however sure the models are; Romanian, Albanian, Polish and Turkish chat typed without their special
letters; Persian and Sorani words in Arabic script; Sorani in Latin letters; Kurmanji "li ku"; French "c est"; a
Russian word Bulgarian writes otherwise. Short Dutch chat stays Dutch or unsure. The messages were written for these
tests (none is a line of a test or development set).
"""

from __future__ import annotations

import pytest

from bot.language import LanguageDetector
from tests.language.test_evidence import UNSURE, answer


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "code, text",
    [
        # Romanian without its diacritics: good appetite, tonight, sorry.
        ("ro", "pofta buna"),
        ("ro", "ne vedem diseara"),
        # Polish chat: sorry, see you.
        ("pl", "sorki, nara"),
        # Turkish: sorry, (big) sister.
        ("tr", "kusura bakma"),
        ("tr", "kusura bakma abla"),
        # Sorani typed in Latin letters: sorry, brother.
        ("ckb", "bbura kaka"),
        # Russian "sorry" (Bulgarian writes извинете).
        ("ru", "извините"),
        # Persian in Arabic script: how are you, I am fine.
        ("fa", "خوبی؟"),
        ("fa", "خوبم مرسی"),
        # Pashto "new" on a Persian keyboard.
        ("ps", "نوی کور"),
        # French c'est typed without its apostrophe.
        ("fr", "c est"),
        # Tarifit's r for Darija's l: good morning.
        ("ber", "sbah rxir a yemma"),
    ],
)
def test_very_short_chat_gets_its_language(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize(
    "text",
    [
        "добре",  # Ukrainian and Bulgarian "fine"
        "завтра",  # Russian and Ukrainian "tomorrow"
        "saha",  # Darija and Tarifit "health", Turkish "field"
        "mlih",  # Darija and Tarifit "good"
        "feliz",  # Spanish and Portuguese "happy"
        "feliz aniversário",
        "zor",  # Sorani and Kurmanji "very", Turkish "difficult"
        "mire",  # Albanian "good" typed plain, Persian "goes" in Finglish
        "buna",  # Romanian "good", Turkish "to this"
    ],
)
def test_a_word_two_languages_say_is_unsure(detector: LanguageDetector, text: str) -> None:
    """A message whose only evidence is a word of two of our languages has no confident answer."""
    assert answer(detector, text) == UNSURE


@pytest.mark.parametrize("code, text", [("kmr", "tu li ku yi?")])
def test_weak_evidence_is_its_language_or_unsure(detector: LanguageDetector, code: str, text: str) -> None:
    """Kurmanji "where are you?" (li ku) was Tamazight."""
    assert answer(detector, text) in (code, UNSURE)


@pytest.mark.parametrize(
    "code, text",
    [
        # Each shared word beside a word only one language says: that language.
        ("bg", "добре, ще дойда"),
        ("ro", "buna ziua, pofta buna"),
        ("tr", "saha kusura bakma"),
        ("ckb", "supas zor kaka"),
    ],
)
def test_a_shared_word_beside_an_own_word_is_not_unsure(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize("text", ["hallo juf", "super bedankt", "oke top", "merci juf", "ok ça va mevrouw",
                                  "ja top", "dag juf", "tot morgen", "ewa mijne", "zeker", "goeiemorgen"])
def test_very_short_dutch_chat_is_dutch_or_unsure(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) in ("nl", UNSURE)
