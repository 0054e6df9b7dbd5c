"""Short chat messages (one to a few words) get their own language or "unsure", never a confident wrong one.

The kinds of short message the fourteenth round fixed (issue 17, tests/language/langid13.tsv): Pashto in Arabic
script without Pashto's own letters, Bulgarian greetings in Cyrillic, Sorani typed in Latin letters, Spanish chat
abbreviations, French "ça va" typed plain, religious formulas every Muslim resident says, a word Darija and Tarifit
share, and Flemish chat words. Dutch short chat stays Dutch or unsure (the conversation keeps its language). The
messages were written for these tests (none is a line of a test or development set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.language import LanguageDetector
from bot.language.text import clean, tokens
from tests.language.test_evidence import UNSURE, answer

DUTCH_CHAT = Path(__file__).with_name("dutch_chat.tsv")


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "code, text",
    [
        # Pashto on a Persian keyboard: today, sick, thanks, you (plural), can come.
        ("ps", "نن ناروغ یم"),
        ("ps", "ستاسو مننه"),
        ("ps", "تاسو سبا راتلای شئ؟"),
        # Bulgarian words Russian does not write.
        ("bg", "честит празник"),
        ("bg", "какво правиш сега"),
        ("bg", "утре съм вкъщи"),
        # Sorani typed in Latin letters.
        ("ckb", "slaw kaka choni"),
        ("ckb", "sbay dabinin la sharawani"),
        # Spanish chat abbreviations.
        ("es", "feliz cumple mama"),
        ("es", "porfa xq no contestan"),
        ("es", "hola q tal"),
        # Tarifit "yes, ok"; "what do you want?".
        ("ber", "ih wakha"),
        ("ber", "min txsem?"),
        ("ber", "texsed afspraak?"),
    ],
)
def test_short_chat_gets_its_language(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize(
    "code, text",
    [
        # Religious formulas: Arabic, Tamazight, Somali, Turkish, Persian ... say them alike.
        ("so", "insha allah"),
        ("ber", "inshallah"),
        ("ar", "wallah"),
        ("tr", "mashallah"),
        # A word Darija and Tarifit share.
        ("ber", "wakha"),
        ("ar", "wakha"),
        # French "ça va" typed plain (Romanian "ca va" is followed by a verb).
        ("fr", "coucou ca va?"),
        ("fr", "salut ca va bien"),
        # The new words and frames take no line of another language.
        ("ro", "sper ca va fi bine"),
        ("ro", "ca va veni maine"),
        ("pl", "nie"),
        ("en", "see you tomorrow"),
        ("de", "ich finde es gut"),
        ("ru", "сегодня день рождения"),
        ("fa", "فردا میام"),
    ],
)
def test_weak_evidence_is_its_language_or_unsure(detector: LanguageDetector, code: str, text: str) -> None:
    """Weak evidence (a shared word, a formula) gives the language or "unsure", never another language."""
    assert answer(detector, text) in (code, UNSURE)


@pytest.mark.parametrize("text", ["proficiat", "proficiat!", "gefeliciteerd", "dankjewel", "smakelijk",
                                  "ewa merci", "amai", "allez", "afspraak", "ok merci", "tot straks"])
def test_flemish_short_chat_is_dutch_or_unsure(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) in ("nl", UNSURE)


def test_flemish_congratulations_are_dutch(detector: LanguageDetector) -> None:
    assert answer(detector, "proficiat!") == "nl"
    assert answer(detector, "gefeliciteerd") == "nl"


def test_dutch_chat_of_three_words_or_fewer_is_never_another_language(detector: LanguageDetector) -> None:
    lines = [line.split("\t")[-1] for line in DUTCH_CHAT.read_text(encoding="utf-8").splitlines()[1:] if line]
    short = [text for text in lines if 0 < len(tokens(clean(text))) <= 3]
    assert short
    assert [text for text in short if answer(detector, text) not in ("nl", UNSURE)] == []
