"""The model build: the Dutch lexicon keeps words that are Dutch, and the data sources are clean."""

from __future__ import annotations

from bot.language.build import SOURCES, corpus, dutch_lexicon
from bot.language.detector import DUTCH_LEXICON
from bot.language.languages import SCRIPT_LANGUAGES, SUPPORTED
from bot.language.sources import select, tidy
from bot.language.text import clean, dominant_script


def test_dutch_lexicon_leaves_out_words_other_languages_use_as_much() -> None:
    samples = [
        ("nl", "ik wil een afspraak voor mijn kaart"),
        ("nl", "mijn kaart is kwijt in de stad"),
        ("en", "my card is lost in the city"),
        ("fr", "je cherche de l'aide"),
    ]
    words = dutch_lexicon(samples, extra_dutch=["waar is het gemeentehuis"])
    assert {"afspraak", "kaart", "kwijt", "gemeentehuis"} <= set(words)
    assert "is" not in words and "in" not in words and "de" not in words


def test_shipped_lexicon_has_dutch_chat_words_and_no_english_function_words() -> None:
    words = set(DUTCH_LEXICON.read_text(encoding="utf-8").split())
    assert {"afspraak", "gemeente", "kwijt", "mijn"} <= words
    assert not {"the", "and", "my", "is", "la", "je", "und"} & words


def test_extraction_drops_placeholders_shared_text_and_wrong_scripts() -> None:
    assert tidy("_Open %s in {0} <b>nieuw</b> venster…") == "Open in nieuw venster"
    kept = select({
        "nl": ["Bestand openen", "Firefox", "Привет мир"],
        "de": ["Datei öffnen", "Firefox"],
        "en": ["Open file"],
    })
    assert kept["nl"] == ["Bestand openen"]
    assert kept["de"] == ["Datei öffnen"]


def test_every_training_line_is_in_a_script_of_its_language() -> None:
    rows = corpus(sources=SOURCES, include_dev=False)
    assert {lang for lang, _ in rows} == set(SUPPORTED)
    wrong = [(lang, text) for lang, text in rows if lang not in SCRIPT_LANGUAGES.get(dominant_script(clean(text)) or "", ())]
    assert len(wrong) < 0.01 * len(rows), wrong[:10]
