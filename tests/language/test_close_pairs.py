"""Close languages are told apart on short messages typed the way residents type them.

Tigrinya vs Amharic (one script), Somali, Pashto vs Persian, Kurmanji (Latin)
vs Sorani (Arabic script), Latin-script Somali and Kurmanji with and without
their special letters, Flemish chat and Dutch that borrows a word stays Dutch,
and a close call keeps a conversation in one of the pair.
"""

from __future__ import annotations

import pytest

from bot.language import LanguageDetector
from bot.language.conversation import conversation_language
from bot.language.detector import _TIGRINYA, CLOSE_PAIRS, evidence_counts, geez_scores, load_evidence
from bot.language.text import clean


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "code, text",
    [
        # Tigrinya and Amharic share the Ge'ez script.
        ("ti", "ሰላም ከመይ ኣለኹም"),
        ("ti", "ካርድ መንነተይ ጠፊኡኒ"),
        ("ti", "ቆጸራ ክገብር እደሊ"),
        ("ti", "ኣብ ምምሕዳር ከተማ ክኸይድ ኣለኒ ድዩ"),
        ("am", "ሰላም እንዴት ነህ"),
        ("am", "መታወቂያዬ ጠፍቶብኛል"),
        ("am", "ቀጠሮ መያዝ እፈልጋለሁ"),
        ("am", "ወደ ማዘጋጃ ቤት መሄድ አለብኝ"),
    ],
)
def test_tigrinya_and_amharic(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "waxaan u baahanahay turjubaan",
        "kaarkayga aqoonsiga waa lumay",
        "sidee ayaan ballan u qabsadaa",
        "caawimaad ma heli karaa",
        "waan ka xumahay ma fahmin",
        "xaggee baan ka bartaa luqadda holandiiska",
    ],
)
def test_somali_latin(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text).code == "so"


@pytest.mark.parametrize(
    "code, text",
    [
        ("ps", "زه ژباړونکي ته اړتیا لرم"),
        ("ps", "زما پېژندپاڼه ورکه شوې"),
        ("ps", "زه غواړم له تاسو سره وګورم"),
        ("fa", "من به مترجم نیاز دارم"),
        ("fa", "کارت شناسایی من گم شده است"),
        ("fa", "می خواهم وقت بگیرم"),
    ],
)
def test_pashto_and_persian(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize(
    "code, text",
    [
        ("kmr", "ez wergêrekî dixwazim"),
        ("kmr", "ez wergereki dixwazim"),  # the same, typed without its special letters
        ("kmr", "kaxezên min winda bûn"),
        ("kmr", "kaxezen min winda bun"),
        ("kmr", "ez dixwazim hînî zimanê holendî bibim"),
        ("ckb", "پێویستم بە وەرگێڕە"),
        ("ckb", "کارتی ناسنامەکەم ون بووە"),
    ],
)
def test_kurmanji_and_sorani(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "ik heb een appointment morgen bij de gemeente",
        "mijn laptop is gestolen, moet ik naar de politie",
        "kan ik een rendez-vous maken voor mijn kaart",
        "ik woon in de Kerkstraat 12, 2000 Antwerpen",
        "kheb da papier nie gekregen",
        "ik wil maken afspraak voor kaart",
        # Flemish chat, and Dutch with an English word
        "amai, wanneer is't gemeentehuis open",
        "ewa kzou graag ne nieuwe identiteitskaart aanvragen",
        "ik moet mijn password van de website resetten",
        "mag ik een appointment maken voor mijn rijbewijs",
    ],
)
def test_dutch_with_a_borrowed_word_or_an_address_stays_dutch(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text).code == "nl"
    assert detector.detect(text, current="nl").code == "nl"


def test_a_foreign_message_in_a_dutch_conversation_still_switches(detector: LanguageDetector) -> None:
    detection = detector.detect("j'ai perdu ma carte d'identité", current="nl")
    assert (detection.code, detection.source) == ("fr", "detected")


def test_geez_profiles_separate_tigrinya_from_amharic() -> None:
    assert max(geez_scores(clean("ከመይ ኣለኹም")).items(), key=lambda kv: kv[1])[0] == "ti"
    assert max(geez_scores(clean("እንዴት ነህ")).items(), key=lambda kv: kv[1])[0] == "am"
    assert geez_scores(clean("hello")) == {}


def test_a_close_call_keeps_a_conversation_in_one_of_the_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    detector = LanguageDetector()
    monkeypatch.setattr(detector, "_probabilities", lambda cleaned: {"es": 0.48, "pt": 0.42, "it": 0.10})
    assert frozenset({"es", "pt"}) in CLOSE_PAIRS
    assert detector.detect("obrigado por tudo", current="pt").code == "pt"


def test_a_close_call_is_unsure_in_a_conversation_in_one_of_the_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    detector = LanguageDetector()
    monkeypatch.setattr(detector, "_probabilities", lambda cleaned: {"ti": 0.52, "am": 0.48})
    kept = detector.detect("ሰላም ሰላም", current="am")
    assert (kept.code, kept.source) == ("am", "conversation")
    # In a Dutch conversation both say "not Dutch": the better one is taken, and the conversation follows.
    switched = detector.detect("ሰላም ሰላም", current="nl")
    assert (switched.code, switched.source) == ("ti", "detected")
    assert conversation_language(switched.as_dict(), "nl").code == "ti"


@pytest.mark.parametrize(
    "code, text",
    [
        # Tigrinya without its own letters (ቐ, ኸ): its function words and ኣ tell it from Amharic.
        ("ti", "ናይ መንበሪ ወረቀት የብለይን"),
        ("ti", "ኣነ ካብ ኤርትራ እየ"),
        ("ti", "ቆልዓይ ናብ ቤት ትምህርቲ ክምዝገብ እደሊ"),
        ("ti", "ስራሕ ንምርካብ እንታይ ክገብር እየ"),
        ("am", "የመኖሪያ ፈቃድ እፈልጋለሁ"),
        ("am", "ልጄን ትምህርት ቤት ማስመዝገብ እፈልጋለሁ"),
        ("am", "ስራ ለማግኘት ምን ማድረግ አለብኝ"),
        ("am", "ዛሬ ቢሮው ክፍት ነው"),
    ],
)
def test_tigrinya_and_amharic_without_tigrinya_only_letters(detector: LanguageDetector, code: str, text: str) -> None:
    assert not _TIGRINYA.search(text)
    assert detector.detect(text).code == code


def marker_counts(cleaned: str) -> dict:
    """The message's evidence words per language, over every evidence file."""
    counts: dict = {}
    for source in load_evidence():
        for code, n in evidence_counts(cleaned, source).items():
            counts[code] = counts.get(code, 0) + n
    return counts


def test_function_words_and_letters_are_counted_per_language() -> None:
    assert marker_counts(clean("ኣነ ካብ ኤርትራ እየ")).get("ti", 0) >= 2
    assert marker_counts(clean("ስራ ለማግኘት ምን ማድረግ አለብኝ")).get("am", 0) >= 2
    assert marker_counts(clean("زما پلار دلته دی")).get("ps", 0) >= 2
    assert marker_counts(clean("ik heb een afspraak")) == {}


@pytest.mark.parametrize(
    "code, text",
    [
        # Pashto without its own letters (ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ): its function words.
        ("ps", "زما پلار دلته دی"),
        ("ps", "تاسو سره مرسته غواړم"),
        ("ps", "زه څنګه کولای شم"),
        ("ps", "سلام زما نوم احمد دی زه له افغانستان څخه یم"),
        ("fa", "سلام اسم من احمد است"),
        ("fa", "چطور می توانم وقت بگیرم"),
    ],
)
def test_pashto_by_its_function_words_and_persian(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize(
    "code, text",
    [
        ("so", "salaan, ma jiraa qof turjumaan ah"),
        ("so", "waxaan rabaa inaan ballan qabsado"),
        ("so", "aqoonsigayga waan lumiyay maxaan sameeyaa"),
        ("kmr", "silav, ez dixwazim qerta nasnameyê nû bikim"),
        ("kmr", "silav, ez dixwazim qerta nasnameye nu bikim"),
        ("kmr", "zarokê min dixwaze here dibistanê"),
        ("kmr", "zaroke min dixwaze here dibistane"),
    ],
)
def test_latin_script_somali_and_kurmanji_typed_casually(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


def test_dutch_chat_tune_batches_stay_dutch_in_a_dutch_conversation(detector: LanguageDetector) -> None:
    """The tune batches of tests/language/dutch_chat.tsv (the held-out batches are for make bench-langid only)."""
    from bench.langid import read_dutch_chat

    tune = read_dutch_chat()["tune"]
    assert len(tune) == 150
    wrong = [t for t in tune if detector.detect(t, current="nl").code != "nl"]
    assert wrong == []


@pytest.mark.parametrize(
    "code, text",
    [
        ("bg", "къде мога да получа лична карта"),
        ("bg", "искам да говоря с някого"),
        ("bg", "трябва ли ми преводач"),
        ("ru", "где я могу получить паспорт"),
        ("ru", "хочу поговорить с кем-нибудь"),
        ("ru", "мне нужна помощь с документами"),
        ("uk", "мені потрібен перекладач"),
    ],
)
def test_bulgarian_russian_and_ukrainian(detector: LanguageDetector, code: str, text: str) -> None:
    assert detector.detect(text).code == code


@pytest.mark.parametrize("word", ["grafconcessie", "verblijfsvergunning", "huwelijksakte"])
def test_one_dutch_compound_word_is_dutch(detector: LanguageDetector, word: str) -> None:
    detection = detector.detect(word)
    assert (detection.code, detection.source) == ("nl", "detected")
    assert detection.confidence >= 0.4


@pytest.mark.parametrize(
    "code, text",
    [
        # Pashto typed on a Persian keyboard (ک ی, none of Pashto's own letters): its particle د "of".
        ("ps", "د ماشوم کارت ورک شوی"),
        ("fa", "کارت اقامت من گم شده"),
        # Arabic's د. (doctor) is not Pashto's particle: one such word, no Persian-keyboard letter, decides nothing.
        ("ar", "موعد مع د. احمد"),
        # Sorani typed in Latin letters (its definite -akam, perfect -uwe, de-/na- verbs) is Sorani, not Kurmanji,
        # and Kurmanji typed plain stays Kurmanji.
        ("ckb", "xushkakam nexoshe, dezanim chi bkem"),
        ("ckb", "bawkim kewtuwe w wellam nadatewe"),
        ("kmr", "ez nizanim malake wi li ku ye"),
        ("kmr", "mala min sewiti, alikari bikin"),
        # Pashto typed in Latin letters, vowels left out or spelled i for e (mlgaray, lagidalay).
        ("ps", "mlgaray me lagidalay, zhar rasha"),
    ],
)
def test_pashto_on_a_persian_keyboard_and_sorani_in_latin_letters(
    detector: LanguageDetector, code: str, text: str
) -> None:
    assert detector.detect(text).code == code
