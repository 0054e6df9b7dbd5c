"""Residents write their language the way they type it, not the way the training text is written.

Arabic in Latin letters with digits (Arabizi), Persian in Latin letters
(Finglish), Tarifit, Somali and Kurmanji without their special letters,
Russian, Ukrainian, Pashto and Sorani in Latin letters
(bot/language/data/evidence.json); a Dutch word for a service or an
emergency inside another language (bot/language/text.py SERVICE_NAMES, and
DOCUMENT_NAMES when the rest has a listed word of another language); a
message mixing its own script with Latin words (text.resident_words). Dutch
that borrows a word stays Dutch, and one weak word keeps the conversation's
language. The messages were written for these tests.
"""

from __future__ import annotations

import pytest

from bot.language import LanguageDetector
from bot.language.conversation import conversation_language
from bot.language.detector import DUTCH_CHAT, MIN_CONFIDENCE, load_evidence
from bot.language.text import NEUTRAL_WORDS, clean, resident_words


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "code, text",
    [
        # Arabizi: Moroccan Arabic with 3, 7, 9 for Arabic sounds.
        ("ar", "bghit nchouf tbib daba 3afak"),
        ("ar", "wach kayn chi wa7ed kay3ref l3arbiya"),
        ("ar", "salam 3afak fin kayn lbureau dyal gemeente"),
        # Finglish.
        ("fa", "lotfan komakam konid, khune ma kheili sarde"),
        ("fa", "salam, mikham ye vaght begiram baraye karte eghamat"),
        # Tarifit in Latin letters, without ɣ and ɛ.
        ("ber", "xsegh ad sawlegh d yiwen n tolk"),
        ("ber", "tanmirt, xsegh ad ssnegh tutlayt n hulanda"),
        ("ber", "mani ttegh lkarta inu"),
        # Somali.
        ("so", "waxaan rabaa ballan maanta"),
        ("so", "hooyo waa jirran, dhakhtar xagee ayaan ka helaa"),
        # Kurmanji without ê, î, ç, ş.
        ("kmr", "silav, ez nizanim ka ez ci bikim"),
        ("kmr", "alikari lazim e, zarok nexwes e"),
        ("kmr", "ez dixwazim zimane holandi hin bibim"),
        # Russian, Ukrainian, Pashto and Sorani in Latin letters.
        ("ru", "pomogite pozhaluysta, u menya ukrali dokumenty"),
        ("uk", "dopomozhit bud laska, meni potribno likar"),
        ("ps", "za daktar ta zam, zma mashoom naroogh de"),
        ("ckb", "min yarmatim dawet, nazanm chi bkam"),
    ],
)
def test_languages_typed_in_latin_letters(detector: LanguageDetector, code: str, text: str) -> None:
    detection = detector.detect(text)
    assert (detection.code, detection.source) == (code, "detected")
    assert detection.confidence >= MIN_CONFIDENCE


@pytest.mark.parametrize(
    "code, text",
    [
        # Ge'ez with a Dutch word: Tigrinya and Amharic told apart on the Ge'ez words.
        ("ti", "ሓኪም ክረክብ ደልየ gemeente"),
        ("am", "ሐኪም ማግኘት እፈልጋለሁ gemeente"),
        ("am", "እባካችሁ ziekenwagen ላኩልኝ"),
        # Arabic script with French or Dutch words in Latin letters.
        ("ar", "la carte de séjour ضاعت ليا"),
        ("ar", "عندي موعد في gemeente غدا"),
        ("ru", "мне нужен rendez-vous в gemeente"),
    ],
)
def test_a_message_in_its_own_script_with_latin_words(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize(
    "code, text",
    [
        ("es", "accidente en la calle, necesito una ziekenwagen"),
        ("en", "how do i apply for kinderbijslag"),
        ("pt", "preciso marcar uma afspraak na gemeente"),
    ],
)
def test_a_dutch_service_word_does_not_make_a_message_dutch(
    detector: LanguageDetector, code: str, text: str
) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "ik wil een tolk Arabisch, shukran",
        "kheb een afspraak nodig bij de gemeente, mijn ziekenfonds kaart kwijt",
        "ik heb mijn bike verloren aan het station",
        "mijn afspraak is op de 3de verdieping",
    ],
)
def test_dutch_with_a_borrowed_word_stays_dutch(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text).code == "nl"
    assert detector.detect(text, current="nl").code == "nl"


@pytest.mark.parametrize("text", ["3afak", "mikham", "spasibo"])
def test_one_word_in_latin_letters_keeps_the_conversation(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text, current="nl").code == "nl"


def test_a_geez_word_both_languages_use_keeps_a_tigrinya_conversation(detector: LanguageDetector) -> None:
    # "ዜግነት" (citizenship) is written the same in Tigrinya and Amharic.
    assert conversation_language(detector.detect("ዜግነት").as_dict(), "ti").code == "ti"


def test_the_latin_word_lists_claim_no_dutch_or_neutral_word(detector: LanguageDetector) -> None:
    words = frozenset().union(*(words for source in load_evidence() for words in source.words.values()))
    assert not words & (DUTCH_CHAT | NEUTRAL_WORDS)
    assert not words & detector.dutch_words


@pytest.mark.parametrize("token", ["3de", "5th", "a2", "nt2", "mp3", "covid19", "2800", "ssh", "llamar", "high"])
def test_word_shapes_leave_ordinals_levels_and_codes_alone(token: str) -> None:
    assert not any(pattern.match(token) for source in load_evidence() for pattern, _ in source.patterns)


def test_only_the_other_script_is_read_in_a_mixed_message(detector: LanguageDetector) -> None:
    assert resident_words(clean("la carte de séjour ضاعت ليا")) == "ضاعت ليا"
    # A name in Arabic letters inside a Dutch message: too few of its letters, the message stays Dutch.
    dutch = "ik ben محمد uit gent en ik zoek werk"
    assert resident_words(clean(dutch)) == clean(dutch)
    assert detector.detect(dutch).code == "nl"


@pytest.mark.parametrize(
    "code, text",
    [
        # Tarifit beside a Dutch document name (text.DOCUMENT_NAMES): the Tarifit words decide.
        ("ber", "paspoort nnem thura"),
        ("ber", "bewonerskaart i thamghart inu"),
        # Kurmanji without its letters, and with the izafe -ê that Turkish never writes.
        ("kmr", "boriya ava male sikestiye"),
        ("kmr", "kolana me pir qirêj e"),
    ],
)
def test_tarifit_and_kurmanji_beside_dutch_nouns_or_turkish_look_alikes(
    detector: LanguageDetector, code: str, text: str
) -> None:
    detection = detector.detect(text)
    assert (detection.code, detection.source) == (code, "detected")
    assert detection.confidence >= MIN_CONFIDENCE


@pytest.mark.parametrize("text", ["bewonerskaart 2de auto", "paspoort verlengen", "rookmelder piept"])
def test_a_dutch_message_that_is_mostly_a_document_name_stays_dutch(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text).code == "nl"
