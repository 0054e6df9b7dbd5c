"""One- to three-word messages in close languages get their own language or "unsure", never the other one.

The kinds of message the sixteenth round fixed (issue 17, tests/language/langid15.tsv): Sorani typed in Latin letters
as Sorani speakers type it (ە as e or a; spas, the thanks Kurmanji says too, beside a word only Sorani says), Pashto
on a Persian keyboard (words only Pashto says beside a word both say), Tarifit in Berber Latin spelling (c for sh)
and its second person th-...-edh, short German chat against Dutch; and words two close languages both say, alone,
are "unsure". Short Dutch chat stays Dutch or unsure. The messages were written for these tests (none is a line of a
test or development set).
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
        # Sorani in Latin letters: thanks, brother (spas is Kurmanji too, kaka only Sorani: was Kurmanji).
        ("ckb", "spas kaka"),
        # Thanks a lot for the help (zor and spas shared, yarmeti Sorani: was Turkish).
        ("ckb", "zor spas bo yarmeti"),
        # My daughter is ill; today I am ill; I know, brother (were unsure).
        ("ckb", "kchakam nexoshe"),
        ("ckb", "amro nexoshm"),
        ("ckb", "dezanm kaka"),
        # Tarifit in Berber Latin spelling: a little (c for sh; was Arabic, Kurmanji).
        ("ber", "cwiya safi"),
        ("ber", "cwiya kan"),
        # German chat: hi (was French).
        ("de", "moin moin"),
    ],
)
def test_short_chat_in_a_close_language_gets_its_language(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize(
    "text",
    [
        "spas",  # Kurmanji and Sorani "thanks" (was Kurmanji: a Sorani speaker says it too)
        "bele",  # Kurmanji and Sorani "yes" (was Polish)
        "مو",  # Pashto "your", Persian "hair"
        "کی",  # Pashto "in", Persian "who, when" (was Persian)
        "khuya",  # Darija and Tarifit "my brother" (was Arabic)
        "نازانم",  # Sorani "I don't know" without Sorani's letters (was Persian)
    ],
)
def test_a_word_close_languages_share_is_unsure(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) == UNSURE


@pytest.mark.parametrize(
    "code, text",
    [
        # Pashto's own letters decide, whatever word beside them both languages say (کله: Pashto when).
        ("ps", "کله راځې؟"),
        # Pashto good morning / good night on a Persian keyboard: مو is Persian too, the rest Pashto.
        ("ps", "سهار مو پخیر"),
        ("ps", "شپه پخیر"),
    ],
)
def test_pashto_stays_pashto_beside_a_shared_word(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize("text", ["alles goed?", "goed zo", "bedankt, tot straks", "super, dank u", "oké, tot morgen",
                                  "ja graag", "hallo, alles goed"])
def test_short_dutch_chat_is_not_german(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) in ("nl", UNSURE)
