"""The fastText detector picks the resident's language among Taalbrug's 23."""

from __future__ import annotations

import pytest

from bot.language import LanguageDetector
from bot.language.languages import SUPPORTED, normalise


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "text, code",
    [
        ("Ik ben verhuisd, hoe geef ik mijn nieuw adres door?", "nl"),
        ("Je veux apprendre le néerlandais, où puis-je m'inscrire ?", "fr"),
        ("I need a translator for my appointment at the town hall", "en"),
        ("Ich brauche einen Dolmetscher für meinen Termin", "de"),
        ("Necesito un intérprete para mi cita", "es"),
        ("Potrzebuję tłumacza na wizytę w urzędzie", "pl"),
        ("Am nevoie de un interpret pentru programarea mea", "ro"),
        ("Мне нужен переводчик на встречу в мэрии", "ru"),
        ("Мені потрібен перекладач на прийом", "uk"),
        ("Belediyede randevum için tercümana ihtiyacım var", "tr"),
        ("أحتاج إلى مترجم لموعدي في البلدية", "ar"),
        ("من برای وقت ملاقاتم به یک مترجم نیاز دارم", "fa"),
        ("ሰላም፣ ለቀጠሮዬ አስተርጓሚ እፈልጋለሁ", "am"),
    ],
)
def test_full_sentences_are_detected(detector: LanguageDetector, text: str, code: str) -> None:
    detection = detector.detect(text)
    assert detection.code == code
    assert detection.source == "detected"
    assert 0.0 < detection.confidence <= 1.0


def test_every_answer_is_one_of_the_supported_languages(detector: LanguageDetector) -> None:
    # lid.176 would say Swedish, Afrikaans or Indonesian for some of these.
    for text in ["dag", "goeiedag", "selam", "hoi", "ja", "ok", "tolk arabisch"]:
        assert detector.detect(text).code in SUPPORTED


def test_text_without_letters_uses_the_browser_language(detector: LanguageDetector) -> None:
    detection = detector.detect("9000 👍", browser_languages=["ar-MA", "fr-BE"])
    assert (detection.code, detection.source) == ("ar", "metadata")


def test_button_payload_keeps_the_conversation_language(detector: LanguageDetector) -> None:
    detection = detector.detect("/ask_human", browser_languages=["fr"], current="tr")
    assert (detection.code, detection.source) == ("tr", "conversation")


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07", "😀😀", "1234", "x" * 50_000])
def test_bad_input_gives_a_defined_result(detector: LanguageDetector, text: str) -> None:
    detection = detector.detect(text)
    assert detection.code in SUPPORTED
    assert 0.0 <= detection.confidence <= 1.0


def test_language_tags_are_normalised() -> None:
    assert normalise("ar-MA") == "ar"
    assert normalise("nl_BE") == "nl"
    assert normalise("vls") == "nl"
    assert normalise("ku") == "kmr"
    assert normalise("zh-CN") is None
    assert normalise(None) is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("مرحبا", "ar"),  # lid.176 alone says Persian
        ("سلام، چطور می‌توانم کمک بگیرم", "fa"),
        ("زه ژباړونکي ته اړتیا لرم", "ps"),
        ("سڵاو، پێویستم بە وەرگێڕە", "ckb"),
    ],
)
def test_arabic_script_languages_are_told_apart_by_their_letters(
    detector: LanguageDetector, text: str, code: str
) -> None:
    # The browser says Dutch: the script must still win over that prior.
    assert detector.detect(text, browser_languages=["nl-BE"]).code == code
