"""The detector picks the resident's language among Taalbrug's 23, even from short chat."""

from __future__ import annotations

import pytest

from bot.language import LanguageDetector
from bot.language.languages import SUPPORTED, normalise
from bot.language.names import find_language_name


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


SHORT_MESSAGES = [
    ("nl", "mijn identiteitskaart is gestolen"),
    ("nl", "mij kaart kapot wat doen"),
    ("nl", "kheb een tolk nodig voor mijn afspraak"),
    ("nl", "ge moet da ni doen"),
    ("nl", "waar kan leren nederlands"),
    ("fr", "je cherche l'OCMW"),
    ("fr", "j'ai perdu ma carte d'identité"),
    ("en", "where can i learn dutch"),
    ("de", "ich brauche einen Dolmetscher"),
    ("es", "necesito un intérprete para mi cita"),
    ("it", "dove posso imparare l'olandese"),
    ("pt", "preciso de um intérprete"),
    ("pl", "potrzebuję tłumacza"),
    ("ro", "am nevoie de un interpret"),
    ("bg", "къде мога да уча нидерландски"),
    ("ru", "мне нужен переводчик"),
    ("uk", "мені потрібен перекладач"),
    ("tr", "tercüman lazım"),
    ("ar", "أحتاج مترجم"),
    ("fa", "به مترجم نیاز دارم"),
    ("ps", "ژباړونکي ته اړتیا لرم"),
    ("ckb", "پێویستم بە وەرگێڕە"),
    ("so", "waxaan u baahanahay turjubaan"),
    ("ti", "ተርጓሚ የድልየኒ ኣሎ"),
    ("am", "አስተርጓሚ እፈልጋለሁ"),
    ("kmr", "ez wergêrekî dixwazim"),
    ("sq", "kam nevojë për një përkthyes"),
    ("ber", "ⴰⵣⵓⵍ ⴼⵍⵍⴰⵡⵏ"),
    ("ber", "azul, ttxil-k ɛawen-iyi"),
]


@pytest.mark.parametrize("code, text", SHORT_MESSAGES)
def test_short_messages_in_every_language(detector: LanguageDetector, code: str, text: str) -> None:
    detection = detector.detect(text)
    assert (detection.code, detection.source) == (code, "detected")
    assert 0.0 < detection.confidence <= 1.0


@pytest.mark.parametrize(
    "text, code",
    [
        ("where is the Huis van het Nederlands", "en"),
        ("je cherche le Sociaal Huis", "fr"),
        ("мне нужен eID", "ru"),
        ("أين هو gemeentehuis", "ar"),
    ],
)
def test_dutch_service_names_do_not_make_a_message_dutch(
    detector: LanguageDetector, text: str, code: str
) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize("text", ["ok", "merci", "ja", "👍", "9000", "Mohammed", "2800 Mechelen", "/ask_human"])
def test_neutral_turns_keep_the_conversation_language(detector: LanguageDetector, text: str) -> None:
    detection = detector.detect(text, current="ar")
    assert (detection.code, detection.source) == ("ar", "conversation")


def test_browser_languages_are_a_prior_not_a_verdict(detector: LanguageDetector) -> None:
    # Without words, the browser decides ...
    assert detector.detect("👍", browser_languages=["uk-UA", "en"]).code == "uk"
    # ... but a clear message in another language wins over it.
    assert detector.detect("Bonjour, je cherche un interprète", browser_languages=["nl-BE"]).code == "fr"
    assert detector.detect("مرحبا، أحتاج مساعدة", browser_languages=["nl-BE"]).code == "ar"


def test_an_explicit_choice_overrides_detection(detector: LanguageDetector) -> None:
    detection = detector.detect("goeiedag, ik heb een vraag", choice="ti")
    assert detection.as_dict() == {"code": "ti", "confidence": 1.0, "source": "user_choice"}


@pytest.mark.parametrize(
    "text, code",
    [("مرحبا", "ar"), ("سلام، چطور می‌توانم کمک بگیرم", "fa"), ("زه ژباړونکي ته اړتیا لرم", "ps"),
     ("سڵاو، پێویستم بە وەرگێڕە", "ckb")],
)
def test_arabic_script_languages_are_told_apart_by_their_letters(
    detector: LanguageDetector, text: str, code: str
) -> None:
    assert detector.detect(text, browser_languages=["nl-BE"]).code == code


@pytest.mark.parametrize(
    "text", ["", "   ", "\x00\x07\x1b[31m", "😀😀😀", "1234", "x" * 50_000, "ab" * 25_000 + "ш", None, 42]
)
def test_bad_input_gives_a_defined_result(detector: LanguageDetector, text) -> None:
    detection = detector.detect(text)
    assert detection.code in SUPPORTED
    assert 0.0 <= detection.confidence <= 1.0
    assert detection.source in {"detected", "metadata", "conversation", "user_choice"}


def test_language_tags_are_normalised() -> None:
    assert normalise("ar-MA") == "ar"
    assert normalise("nl_BE") == "nl"
    assert normalise("vls") == "nl"
    assert normalise("ku") == "kmr"
    assert normalise("zh-CN") is None
    assert normalise(None) is None


@pytest.mark.parametrize(
    "text, code",
    [("ik spreek Arabisch", "ar"), ("English please", "en"), ("عربي", "ar"), ("Türkçe lütfen", "tr"),
     ("я говорю по-русски", "ru"), ("ትግርኛ", "ti"), ("kan het in het Frans?", "fr"), ("hallo", None),
     ("Koerdisch (Sorani)", "ckb"), ("ik spreek Koerdisch", "kmr"), ("ⵜⴰⵔⵉⴼⵉⵜ", "ber"), ("ana riffia, الريفية", "ber")],
)
def test_language_names_are_recognised(text: str, code) -> None:
    assert find_language_name(text) == code


def test_a_neutral_first_turn_is_a_guess_that_cannot_switch(detector: LanguageDetector) -> None:
    guess = detector.detect("merci")
    assert guess.source == "detected" and guess.confidence < 0.4
