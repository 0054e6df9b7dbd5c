"""The spaCy pipeline built from blank Dutch tokenises every script, lemmatises Dutch and finds entities."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from bot.nlu.spacy_model import build


@pytest.fixture(scope="module")
def nlp(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("spacy") / "models" / "pipeline"  # parent missing, as in a fresh clone
    build(path)
    return spacy.load(path)  # loaded from disk, as Rasa's SpacyNLP does


def test_dutch_words_get_their_lemma(nlp) -> None:
    lemmas = {t.text: t.lemma_ for t in nlp("Ik ben verhuisd en mijn kinderen gingen naar school")}
    assert lemmas["verhuisd"] == "verhuizen"
    assert lemmas["gingen"] == "gaan"


@pytest.mark.parametrize(
    "text, last",
    [("ተርጓሚ የድልየኒ ኣሎ።", "።"), ("أين البلدية؟", "؟"), ("мне нужен переводчик.", "."), ("kheb een tolk nodig?", "?")],
)
def test_punctuation_of_every_script_is_split_off(nlp, text: str, last: str) -> None:
    tokens = [t.text for t in nlp(text)]
    assert tokens[-1] == last and len(tokens) >= 3


@pytest.mark.parametrize(
    "text, value, code",
    [("Ik spreek Arabisch", "Arabisch", "ar"), ("je parle tigrinya", "tigrinya", "ti"),
     ("أتكلم العربية فقط", "العربية", "ar"), ("kan het in het Frans?", "Frans", "fr"),
     ("Türkçe lütfen", "Türkçe", "tr")],
)
def test_language_names_are_entities(nlp, text: str, value: str, code: str) -> None:
    entities = [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]
    assert (value, "language", code) in entities


def test_belgian_postcodes_are_entities_and_other_numbers_are_not(nlp) -> None:
    entities = [(e.text, e.label_) for e in nlp("ik woon in 9000 Gent, huisnummer 12, sinds 0123").ents]
    assert entities == [("9000", "postcode")]
