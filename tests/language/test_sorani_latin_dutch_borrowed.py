"""Sorani typed in Latin letters gets Sorani against Kurmanji, whatever its length; Dutch with a borrowed word stays
Dutch or unsure.

The kinds of message the seventeenth round fixed (issue 17): Sorani typed in the Kurdish Latin alphabet (ê î û ş ç,
as many Sorani speakers write it, while the evidence lists hold plain spellings) was read as Kurmanji; Sorani's
present verb forms da-/de- and na-/ne- ("dazhin", "dalen", "nazanin": Kurmanji says dijîn, dibêjin, nizanin) were in no
list, so a Sorani message of several words went Somali, English, Romanian; a Dutch message with a French or English
word ("ok ça va", "sorry, appointment gemist") went French or English. Kurmanji keeps its answer. The messages were
written for these tests (none is a line of a test or development set).
"""

from __future__ import annotations

import pytest

from bot.language import LanguageDetector
from tests.language.test_evidence import UNSURE, answer


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "text",
    [
        # Sorani in the Kurdish Latin alphabet: we are Kurds, we do not know Dutch well (was Kurmanji); I live in
        # Antwerp with my children (was unsure).
        "ême kurdîn, holendî baş nazanîn",
        "min le antwerp dejîm legel mindalekanim",
        # Sorani typed plain, its present verb forms: we live in Belgium (was Somali), I don't know what he says (was
        # unsure), we live in Gent, we don't know what to do (was French).
        "ema la beljika dazhin",
        "nazanm aw chi dalet",
        "ema la gent dazhin, nazanin chi bkayn",
    ],
)
def test_sorani_in_latin_letters_is_sorani(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) == "ckb"


@pytest.mark.parametrize(
    "text",
    ["tu çawa yî?", "ez li gentê dijîm", "ez kurdî diaxivim, bi holendî baş nizanim", "ez nizanim ez ci bikim",
     "kengî ez dikarim werim?"],
)
def test_kurmanji_stays_kurmanji(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) == "kmr"


@pytest.mark.parametrize("text", ["sorry, appointment gemist", "merci hé", "oké merci, tot morgen"])
def test_dutch_with_a_borrowed_word_is_dutch(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) == "nl"


@pytest.mark.parametrize("text", ["ok ça va", "ok ça va merci"])
def test_borrowed_words_alone_are_not_french(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) in ("nl", UNSURE)


@pytest.mark.parametrize("code, text", [("fr", "oui ça marche, merci madame"), ("en", "sorry, I missed my appointment")])
def test_french_and_english_keep_their_language(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code
