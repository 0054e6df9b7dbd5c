"""Evidence words tell close languages apart on short resident messages, and weak evidence is "unsure".

One mechanism (bot/language/detector.py `Evidence`, bot/language/data/markers.json
and evidence.json): frequent words of Russian, Ukrainian and Bulgarian, of
Pashto against Persian, of Portuguese against Spanish, Arabizi and Tarifit in
Latin letters. A message gets its own language or "unsure" (the conversation
keeps its language), never the other language of the pair; Dutch chat with an
English word or a Dutch service name stays Dutch, and a Dutch service name does
not make a Tarifit message Dutch. The messages were written for these tests.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bot.language import LanguageDetector
from bot.language.build import DATA
from bot.language.detector import EVIDENCE, MIN_CONFIDENCE, evidence_counts, load_evidence
from bot.language.text import clean, tokens

UNSURE = "unsure"


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def answer(detector: LanguageDetector, text: str) -> str:
    """What a first message gets: a language, or "unsure" (below the confidence that switches)."""
    detection = detector.detect(text)
    return detection.code if detection.confidence >= MIN_CONFIDENCE else UNSURE


@pytest.mark.parametrize(
    "code, other, text",
    [
        # Cyrillic without the letters only one of them writes (ы э ё, і ї є, ъ).
        ("ru", "bg", "помогите, соседи не отвечают"),
        ("ru", "bg", "мне нужно получить справку"),
        ("ru", "uk", "где можно записаться к врачу"),
        ("uk", "ru", "мене не пускають до будинку"),
        ("uk", "ru", "що робити, вкрали телефон"),
        ("uk", "ru", "у будинку пищить датчик диму"),
        ("uk", "ru", "минулого тижня вкрали велосипед"),
        ("ru", "bg", "на кухне горит плита"),
        ("bg", "ru", "искам да си направя лична карта"),
        ("bg", "ru", "детето е болно, колко струва лекар"),
        # Pashto in Arabic script without Pashto-only letters, and Persian.
        ("ps", "fa", "د ماشوم ساه بنده ده"),
        ("ps", "fa", "زه دلته یم، مرسته غواړم"),
        ("fa", "ps", "من کارت اقامتم را گم کردم"),
        # Portuguese and Spanish typed without accents.
        ("pt", "es", "roubaram a minha bicicleta ontem"),
        ("pt", "es", "o alarme de fumo esta a apitar"),
        ("pt", "es", "o meu filho precisa de ajuda na escola"),
        ("es", "pt", "me robaron la bicicleta ayer"),
        ("es", "pt", "necesito ayuda con mi hijo"),
        # Moroccan Arabic in Latin letters (Arabizi).
        ("ar", "ber", "tilifoun dyali tfa, bghit nchargih"),
        ("ar", "fr", "bghit nakhod rendez-vous 3and tbib"),
    ],
)
def test_close_languages_get_their_own_language_or_unsure(
    detector: LanguageDetector, code: str, other: str, text: str
) -> None:
    got = answer(detector, text)
    assert got != other
    assert got in (code, UNSURE)


@pytest.mark.parametrize(
    "code, text",
    [
        ("ru", "кто-то сломал дверь, помогите"),
        ("bg", "къде мога да намеря лекар"),
        ("pt", "preciso de ajuda, nao tenho dinheiro"),
        ("es", "hola, necesito una cita para mi hija"),
        ("ar", "salam, bghit n3ref fin kayn lbureau"),
    ],
)
def test_clear_evidence_gives_the_language(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize(
    "text",
    [
        "xsegh bewijs van goed gedrag",  # Tarifit "I want" and a Dutch document name
        "inu ziekenfonds mamec",  # Tarifit "my ... how"
        "kinderbijslag mamech",
    ],
)
def test_tarifit_in_latin_letters_with_a_dutch_service_name_is_not_dutch(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) in ("ber", UNSURE)
    assert detector.detect(text).code != "nl" or detector.detect(text).confidence < MIN_CONFIDENCE


def test_weak_conflicting_evidence_is_unsure(detector: LanguageDetector) -> None:
    # One Tarifit word next to a Dutch service name: the models guess a Romance language.
    assert answer(detector, "sociale huisvesting mamec") in ("ber", UNSURE)
    # A one-letter evidence word ("d", Tarifit "and") is no reason to doubt a French message.
    assert answer(detector, "besoin d un interprete pour mon rendez-vous a la commune") == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "ik heb morgen een appointment bij de gemeente",
        "mijn fiets is stolen aan het station, wat moet ik doen",
        "kan ik een bewijs van goed gedrag aanvragen",
    ],
)
def test_dutch_with_an_english_word_or_a_service_name_stays_dutch(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text).code == "nl"
    assert detector.detect(text, current="nl").code == "nl"


def test_evidence_files_share_one_format() -> None:
    for path in EVIDENCE:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        assert set(data) <= {"_about", "prior", "words", "letters", "patterns", "frames", "not_plain"}, path
        assert all(isinstance(words, list) and words for words in data["words"].values()), path
    assert len(load_evidence()) == len(EVIDENCE)
    counts = evidence_counts(clean("ماشوم ساه"), load_evidence()[1])
    assert counts == {"ps": 2}


def test_no_evidence_word_is_common_in_another_languages_training_text() -> None:
    """An evidence word raises its language: in the training text of a language that does not
    claim it, it occurs at most 5 times (Arabic "د" is an abbreviation there)."""
    seen: dict = {}
    for folder in ("udhr", "chat", "gettext", "cldr", "l10n", "lexicon"):
        for file in sorted((DATA / folder).glob("*.txt")):
            seen.setdefault(file.stem, Counter()).update(tokens(clean(file.read_text(encoding="utf-8"))))
    claims: dict = {}
    for source in load_evidence():
        for code, words in source.words.items():
            for word in words:
                claims.setdefault(word, set()).add(code)
    common = sorted(
        (word, other, text[word])
        for word, codes in claims.items()
        for other, text in seen.items()
        if other not in codes and text[word] > 5
    )
    assert common == []


@pytest.mark.parametrize(
    "code, text",
    [
        # Transliterated Russian the models read as Polish or Albanian.
        ("ru", "rebenok upal i ne dyshit"),
        ("ru", "syn vypil sredstvo dlya posudy"),
        ("ru", "chernyj dym idet iz podvala"),
        # Ukrainian in Latin letters, and in Cyrillic without і, ї, є.
        ("uk", "vkraly velosyped bilya shkoly"),
        ("uk", "khtos stukaye u dveri kvartyri"),
        ("uk", "датчик диму пищить знову"),
        # Finglish (Persian in Latin letters).
        ("fa", "mashin zad be docharkhe savar"),
        ("fa", "hame ja siah shode az dood"),
        # Pashto in Latin letters.
        ("ps", "takar shu, khalk zakhmi di"),
        # Kurmanji without its special letters.
        ("kmr", "jina min dilerize, ambulans bisinin"),
        ("kmr", "zilamek li kolane ketiye"),
        # Romanian, Turkish, Polish and Spanish typed without their accents.
        ("ro", "cineva a lovit masina mea"),
        ("tr", "dogalgaz faturasi cok yuksek"),
        ("pl", "u sasiada sie pali dom"),
        ("es", "un coche atropello a mi nino"),
    ],
)
def test_two_evidence_words_decide_against_a_guess_with_none(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


def test_one_evidence_word_of_the_close_other_language_is_unsure(detector: LanguageDetector) -> None:
    # Ukrainian "дивно" (strange): the models say Russian. (Pashto's particle "د" beside a Persian-keyboard
    # letter, "د اقامت کارت تمدید", was unsure here too; since the eleventh round it decides Pashto, as
    # Pashto's own letters do: test_close_pairs.test_pashto_on_a_persian_keyboard_and_sorani_in_latin_letters.)
    assert answer(detector, "мама говорить дивно") == UNSURE
    assert answer(detector, "د اقامت کارت تمدید") == "ps"


def test_word_shapes_do_not_decide_against_the_models(detector: LanguageDetector) -> None:
    # Digits inside Latin words look like Arabizi, but a Polish package description stays Polish.
    assert answer(detector, "p7zip obsługuje archiwa 7z i G3DViewer pliki 3D") == "pl"


# Seventh round (langid7): the messages below were written for these tests; the ones marked
# "new" got another language or "unsure" before this round.
@pytest.mark.parametrize(
    "code, text",
    [
        # Short Cyrillic messages without the letters only one of ru/uk/bg writes.
        ("bg", "доста боли"),  # new: was Russian
        ("bg", "казах му"),  # new: was unsure
        ("bg", "мисля, че е болен"),
        ("bg", "аз не знам"),
        ("ru", "он не дышит"),
        ("ru", "его трясет"),
        ("ru", "телефон сел, что делать"),
        ("uk", "хтось стукає"),
        ("uk", "загубив паспорт"),
        # Ukrainian typed with a Latin "i" for і (a keyboard without it).
        ("uk", "сусiди кричать"),  # new: was Russian
        ("uk", "дитина не дихає, допоможiть"),
        # Tarifit and Kabyle in Latin letters, and Tamazight in Tifinagh.
        ("ber", "argaz inu yehlek"),  # new: was Turkish
        ("ber", "ulac lma di taddart"),
        ("ber", "ⴰⵔⴱⴰ ⵢⵓⴹⴻⵏ"),
        # Darija function words in Latin letters (bot/language/data/darija.json, from the arabizi package).
        ("ar", "shkoun ghadya y3awni"),  # new: was unsure
        ("ar", "ch7al khassni nkhelles"),  # new: was unsure
        ("ar", "wo9tach ghadya tkoun lbaladiya m7loula"),
        # Darija verbs with the aspect prefixes ka- and gha- (darija_dictionary.json, DarijaDistance's dictionary).
        ("ar", "ghanji ghedda f sba7"),  # new: was unsure
        ("ar", "kanfhem chwiya"),  # new: was unsure
        # Persian and Arabic in Arabic script.
        ("fa", "من کمک لازم دارم"),
        ("fa", "پسرم مریض است"),
        ("ar", "أريد موعدا في البلدية"),
        ("ar", "ابني مريض جدا"),
    ],
)
def test_short_messages_of_close_languages_get_their_language(detector: LanguageDetector, code: str, text: str) -> None:
    assert answer(detector, text) == code


@pytest.mark.parametrize("text", ["kinderbijslag mamec", "huurpremie mani"])
def test_one_tarifit_word_beside_a_dutch_service_name_is_tarifit(detector: LanguageDetector, text: str) -> None:
    # The resident asks "how?" / "where?" about a Dutch service in Tarifit: not Dutch, not unsure.
    assert answer(detector, text) == "ber"


def test_one_evidence_word_alone_does_not_decide(detector: LanguageDetector) -> None:
    # "yani" is Turkish ("that is") as well as Arabizi: a word alone is not enough to say Arabic.
    assert answer(detector, "yani") != "ar"


def test_darija_evidence_is_made_from_the_package_lists_with_its_filters(tmp_path: Path) -> None:
    from bot.language.sources import darija_evidence

    package = tmp_path / "arabizi"
    package.mkdir()
    (package / "lexicon.py").write_text(
        'DARIJA_WORDS: frozenset[str] = frozenset({"shkoun", "wo9tach", "li", "salam", "dyal", "the"})\n'
        'FRENCH_WORDS: frozenset[str] = frozenset({"le"})\n'
        'ENGLISH_WORDS: frozenset[str] = frozenset({"the"})\n',
        encoding="utf-8",
    )
    found = darija_evidence(tmp_path)
    # Short words, words shared with other languages and words already listed in evidence.json are left out.
    assert found["words"] == {"ar": ["shkoun", "wo9tach"]}
    assert found["prior"] == 0.1


def test_darija_dictionary_keeps_only_verbs_with_darija_aspect_prefixes(tmp_path: Path) -> None:
    from bot.language.sources import darija_dictionary_evidence

    data = tmp_path / "DarijaDistance" / "data"
    data.mkdir(parents=True)
    (data / "translations.csv").write_text(
        "darija,english\n"
        "kantsab9,I am racing\n"  # present (ka-): kept
        "ghaychejj3o,they will promote\n"  # future (gha-): kept
        "jiran,neighbours\n"  # a noun Tarifit uses too: left out
        "kanji,I am coming\n"  # ka- but a word of the other languages' text (kanji): left out
        "kaka,is eating\n",  # too short
        encoding="utf-8",
    )
    (data / "names.csv").write_text("names\n3tman\n", encoding="utf-8")
    found = darija_dictionary_evidence(tmp_path)
    assert found["words"] == {"ar": ["ghaychejj3o", "kantsab9"]}


@pytest.mark.parametrize("text", ["ṛwaḥ ɣer sbitar", "tameṭṭut inu tuḍen", "mmi yuḍen, docteur"])
def test_a_letter_only_tamazight_writes_gives_tamazight(detector: LanguageDetector, text: str) -> None:
    # ḍ ṭ ṛ ḥ ẓ ǧ ṣ (and ɣ ɛ) are written, among our languages, only in Kabyle and Tarifit Latin orthography.
    assert answer(detector, text) == "ber"


def test_tamazight_letters_occur_in_no_other_languages_training_text() -> None:
    letters = "".join(source.letters.get("ber", "") for source in load_evidence())
    assert set("ḍṭṛḥẓǧṣ") <= set(letters)
    for folder in ("udhr", "chat", "gettext", "cldr", "l10n", "lexicon"):
        for path in (DATA / folder).glob("*.txt"):
            if path.stem != "ber":
                text = path.read_text(encoding="utf-8").lower()
                # ɛ also spells two iso-codes language names in Italian ("kɛlɛngaxo"); the others never occur.
                assert not set(letters) - {"ɛ"} & set(text), path


@pytest.mark.parametrize("text", ["da zoy me na khkari", "zama lur pa skool ke da", "zma khaza na rogha da"])
def test_one_evidence_word_of_the_models_unsure_guess_makes_it_sure(detector: LanguageDetector, text: str) -> None:
    # Pashto in Latin letters: the models lean to Pashto without being sure, and one word (zoy, lur, zma) is
    # listed for Pashto and for no other language: the resident gets Pashto, not "unsure".
    assert answer(detector, text) == "ps"


def test_one_evidence_word_of_another_language_than_the_guess_does_not_make_it_sure(detector: LanguageDetector) -> None:
    # The models lean (barely) to Polish, the one listed word is Pashto's: no confident answer either way.
    # (The ninth round's example, "wror me ghwari", has two Pashto words since the tenth round: Pashto.)
    assert answer(detector, "my ghwari") == UNSURE


@pytest.mark.parametrize("text", ["kade e obshtinata", "sinat mi e bolen", "detsata sa bolni"])
def test_bulgarian_in_latin_letters_is_bulgarian(detector: LanguageDetector, text: str) -> None:
    # Were Albanian (the first two) or unsure: Bulgarian words of bulgarian_latin.json (wbulgarian, not Russian
    # or Ukrainian spellings) now say Bulgarian.
    assert answer(detector, text) == "bg"


@pytest.mark.parametrize("text", ["gde nahoditsya bolnitsa", "mne nuzhen vrach", "de znakhodytsya likarnya"])
def test_russian_and_ukrainian_in_latin_letters_are_not_bulgarian(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) != "bg"


@pytest.mark.parametrize(
    "code, text",
    [
        # Amharic and Tigrinya typed in Latin letters (tenth round).
        ("am", "ebakih erdugn betam yasfelgegnal"),
        ("am", "amesegnalehu yelem"),
        ("ti", "bejaka hagezuni kemey"),
        ("ti", "sebeytey hmumti ala bejakum"),
        # Pashto in Latin letters, spelled -ay or -ai, oo or u.
        ("ps", "zama mashoom wrak shaw"),
        ("ps", "naroghtia dera shwa"),
        ("ps", "stargi me khugh kawi"),
    ],
)
def test_amharic_tigrinya_and_pashto_in_latin_letters_get_their_language(
    detector: LanguageDetector, code: str, text: str
) -> None:
    found = detector.detect(text)
    assert (found.code, found.confidence >= MIN_CONFIDENCE) == (code, True)


@pytest.mark.parametrize("text", ["ta chiri ye", "sanga ye"])
def test_pashto_in_latin_letters_is_not_kurmanji(detector: LanguageDetector, text: str) -> None:
    """"Where are you", "how are you": the models guess Kurmanji with no Kurmanji word; one Pashto
    word and no other evidence make it Pashto (_evidence_decides, WEAK_GUESSES)."""
    assert detector.detect(text).code == "ps"


def test_a_kurmanji_message_with_its_own_letters_is_not_taken_by_one_foreign_word(detector: LanguageDetector) -> None:
    """The rule for an evidence-less Somali or Kurmanji guess needs plain ASCII: ş is Kurmanji's."""
    assert detector.detect("telefona min şarj nemaye").code != "uk"


def test_bulgarian_in_latin_letters_from_wordfreq_is_bulgarian(detector: LanguageDetector) -> None:
    found = detector.detect("obshtinata zatvorena li e dnes")
    assert (found.code, found.confidence >= MIN_CONFIDENCE) == ("bg", True)


@pytest.mark.parametrize("code, text", [("am", "ውሻው በጣም ጮኸ"), ("am", "ጎረቤቴ ሌሊቱን ሙሉ ጮኸ"), ("ti", "ደሓን ዲኻ"),
                                        ("ti", "ሓወይ ኣበይ ኣሎኻ")])
def test_the_kh_series_is_evidence_for_tigrinya_not_a_decision(detector: LanguageDetector, code: str, text: str) -> None:
    """Amharic writes ኸ in a few words ("ጮኸ", shouted): it raises Tigrinya, the rest of the message decides."""
    found = detector.detect(text)
    assert (found.code, found.confidence >= MIN_CONFIDENCE) == (code, True)


@pytest.mark.parametrize("text", ["facture electricite idrimen", "permis de conduire usigh", "telefoon ikhess 3awnet",
                                  "school a7enjir thura"])
def test_one_tarifit_word_among_french_dutch_or_arabizi_loanwords_is_tarifit(
    detector: LanguageDetector, text: str
) -> None:
    # Tarifit with loanwords: the models guess Romanian, French or English without a word of it, and an Arabizi
    # digit (Tarifit is typed with the same digits) is no Arabic word: the listed Tarifit word decides.
    assert answer(detector, text) == "ber"


@pytest.mark.parametrize("text", ["mani aperte", "due mani", "mermi burunlu", "yemma mrida bzaf"])
def test_a_tarifit_look_alike_does_not_make_another_language_tamazight(detector: LanguageDetector, text: str) -> None:
    # Italian "mani" (hands), Turkish "mermi" (bullet), Darija "yemma" (mother, as in Tarifit): never Tamazight.
    assert answer(detector, text) != "ber"


def test_sorani_words_are_spelled_as_on_a_plain_keyboard_without_kurmanji_endings() -> None:
    """klpt's Sorani lemmas become the spellings residents type (sources.sorani_spellings, sorani_forms);
    a noun Kurmanji shares gets no -eke, which typed plain is Kurmanji's -ekê."""
    from bot.language.sources import sorani_forms, sorani_spellings

    assert {"hawrekem", "hawrekam", "hawrrekem"} <= sorani_spellings("hawřêkem")
    assert {"kewtuwe", "nekewtuwe"} <= sorani_forms("kewtin")
    assert "çeqoke" in sorani_forms("çeqo") and "çeqokem" in sorani_forms("çeqo")
    assert "maleke" not in {s for f in sorani_forms("mał", {"mal"}) for s in sorani_spellings(f)}


def test_sorani_latin_words_are_no_other_languages_words() -> None:
    """The generated Sorani list (data/sorani_latin.json) has no Dutch word and no word of another language's
    training text, so one of its words alone never outweighs a Somali or Albanian message."""
    words = set(json.loads((DATA / "sorani_latin.json").read_text(encoding="utf-8"))["words"]["ckb"])
    assert len(words) > 50000
    assert not words & {"qasab", "sherr", "kaghaz", "televizyon", "baraka", "rengeke", "zimaneke"}


@pytest.mark.parametrize("text", ["ini-d i lgemeente", "lpost war ayi-d-yewwi colis"])
def test_tarifit_particle_d_joined_by_hyphens_is_tarifit(detector: LanguageDetector, text: str) -> None:
    # The particle -d joined to a clitic or a verb ("ayi-d-yewwi": brought me) is Tarifit and Kabyle writing;
    # among a Dutch or French loanword the models alone were unsure.
    assert answer(detector, text) == "ber"


@pytest.mark.parametrize("word", ["thirst", "thickest", "thermostat", "thermostaat", "thuiskomt", "therapist",
                                  "thirrjet", "tifinagh", "as-tu"])
def test_tarifit_word_shapes_leave_english_dutch_albanian_and_french_words_alone(word: str) -> None:
    # The feminine th-...-t shape, -nagh and hyphenated clitics mark Tamazight, not look-alikes of other languages.
    from bot.language.detector import evidence_counts, load_evidence

    assert not any(evidence_counts(word, source).get("ber") for source in load_evidence())


def test_kabyle_words_typed_on_a_plain_keyboard_are_tamazight(detector: LanguageDetector) -> None:
    # Kabyle words of Firefox's Kabyle interface (data/kabyle_l10n.json) typed without ɣ ɛ ḍ: "another time"
    # was Dutch to the models.
    assert answer(detector, "nniden tikkelt") == "ber"


def test_kabyle_interface_words_are_no_english_french_or_dutch_words(detector: LanguageDetector) -> None:
    """English words left untranslated in the Kabyle language packs are not Kabyle evidence."""
    words = set(json.loads((DATA / "kabyle_l10n.json").read_text(encoding="utf-8"))["words"]["ber"])
    assert len(words) > 3000
    assert not words & {"visited", "tools", "embed", "glitches", "firefox", "mozilla"}
    assert answer(detector, "i visited the tools page") == "en"


@pytest.mark.parametrize("text", ["baba ur itneffes ca", "war ssinegh sha mani", "lfactura ur tusid ara"])
def test_tarifit_and_kabyle_negation_around_a_verb_is_tamazight(detector: LanguageDetector, text: str) -> None:
    # The negation ur (war) ... ca/sha, Kabyle ur ... ara, around an unlisted verb ("baba ur itneffes ca" was unsure).
    assert answer(detector, text) == "ber"


@pytest.mark.parametrize("text", ["your car can wait", "hoe laat is het gemeentehuis open", "ur late, call me"])
def test_the_negation_frame_leaves_english_and_dutch_alone(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) != "ber"


def test_the_first_person_after_ghad_is_tamazight_or_unsure_never_arabic(detector: LanguageDetector) -> None:
    # Tarifit's future particle before a verb in -egh ("I will open", "I will buy"); Darija's future is "ghad" too,
    # but its first person is n-... (ghadi nmchi): the first was unsure, the second Arabic.
    assert answer(detector, "ghad rzmegh compte") == "ber"
    assert answer(detector, "ghad segh paspoort") in ("ber", "unsure")


@pytest.mark.parametrize("text", ["chauffage iqqar bip bip", "rookmelder ittsuyun", "xsigh afarmli"])
def test_a_tarifit_verb_among_loanwords_is_tamazight(detector: LanguageDetector, text: str) -> None:
    # Tarifit verbs typed plain (the prefix i- with a doubled consonant, the imperfective itt-, the first person
    # -igh) beside a French or Dutch loanword or an unlisted noun: French, Dutch or Somali to the models, unsure
    # before the thirteenth round's one-word frame.
    assert answer(detector, text) == "ber"


@pytest.mark.parametrize("text", ["ufigh rendez-vous zi lgemeente", "zrigh brief n belasting", "bnigh axxam",
                                  "ttughegh tasarut", "lift ittbeddal ca", "ttrezmen bibliotheek mermi?",
                                  "nniggh i politie"])
def test_short_tarifit_in_latin_letters_is_tamazight_or_unsure_never_another_language(
    detector: LanguageDetector, text: str
) -> None:
    assert answer(detector, text) in ("ber", UNSURE)


@pytest.mark.parametrize("code, text", [("so", "ilmaha ayaa xanuunsan"), ("so", "iska warran walaal"),
                                        ("kmr", "ez nexwes im, alikari bikin"), ("kmr", "zarok nexweş e"),
                                        ("nl", "ik heb een rendez-vous bij de dokter"), ("nl", "mijn chauffage is kapot")])
def test_somali_kurmanji_and_dutch_with_a_french_loanword_keep_their_language(
    detector: LanguageDetector, code: str, text: str
) -> None:
    assert answer(detector, text) == code


def test_tamazight_frames_match_no_line_of_another_languages_text_nor_dutch_chat() -> None:
    """A frame counts as a listed word, so it may not fit another language's text (bot/language/data, and the
    sentence test's Debian sentences: French "est issue des" fitted a first draft) or Dutch chat."""
    from bot.language.detector import _frame_languages

    folders = [DATA / s for s in ("udhr", "chat", "gettext", "cldr", "l10n", "lexicon")]
    lines = [(f.stem, line) for folder in folders + [Path(__file__).with_name("sentences")]
             for f in sorted(folder.glob("*.txt")) if f.stem != "ber"
             for line in f.read_text(encoding="utf-8").splitlines()]
    dutch = Path(__file__).with_name("dutch_chat.tsv").read_text(encoding="utf-8").splitlines()
    lines += [("nl", line.split("\t")[-1]) for line in dutch if line and not line.startswith("#")]
    found = [(code, line) for code, line in lines
             if any("ber" in _frame_languages(clean(line), source) for source in load_evidence())]
    assert found == []


@pytest.mark.parametrize("text", ["parking zi lbladiya", "afspraak i lgemeente", "stage di lmadrasa"])
def test_a_tarifit_preposition_before_a_noun_with_the_article_l_is_tamazight(
    detector: LanguageDetector, text: str
) -> None:
    # zi (from), i (to), di (in) before a Darija-style noun with l-: Kurmanji, Dutch or Italian to the models
    # (unsure or wrong) before the thirteenth round's frame; Darija says mn, l-, f- there.
    assert answer(detector, text) == "ber"


@pytest.mark.parametrize("text", ["errore di lzma", "del tym i zi nga dritarja", "di lavoro"])
def test_the_preposition_frame_leaves_italian_and_albanian_alone(detector: LanguageDetector, text: str) -> None:
    assert answer(detector, text) != "ber"


@pytest.mark.parametrize("word", ["issue", "issues", "nettles", "yttrium", "ikken", "iddio", "itter", "versteegh",
                                  "verlegh", "herwegh", "sigh", "nigh", "bligh", "weigh", "thigh"])
def test_the_tarifit_verb_frame_leaves_english_dutch_french_and_italian_words_alone(word: str) -> None:
    # Words of Debian's word lists (and Dutch surnames) that a first draft of the frame took for Tarifit verbs. (The
    # older, weaker -egh word shape still raises Tamazight on the surnames; the frame, which counts as a listed word,
    # does not.)
    from bot.language.detector import _frame_languages

    assert not any("ber" in _frame_languages(word, source) for source in load_evidence())
