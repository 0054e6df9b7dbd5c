"""The Rasa component adds `language` to the parse output of every message."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.language.component import LanguageIdentifier


def _component() -> LanguageIdentifier:
    return LanguageIdentifier.create(LanguageIdentifier.get_default_config(), None, None, None)


def test_process_sets_language_in_the_output() -> None:
    messages = [
        Message(data={"text": "Bonjour, je cherche un interprète"}),
        Message(data={"text": "مرحبا، أحتاج مساعدة"}),
    ]
    processed = _component().process(messages)
    first, second = (m.as_dict(only_output_properties=True)["language"] for m in processed)
    assert first["code"] == "fr" and first["source"] == "detected"
    assert second["code"] == "ar"


def test_browser_languages_from_metadata_decide_a_message_without_words() -> None:
    message = Message(data={"text": "👍", "metadata": {"languages": ["uk-UA", "en"]}})
    (processed,) = _component().process([message])
    assert processed.get("language") == {"code": "uk", "confidence": 0.5, "source": "metadata"}


def test_malformed_metadata_is_ignored() -> None:
    message = Message(data={"text": "Guten Tag, ich brauche Hilfe", "metadata": {"languages": "de"}})
    (processed,) = _component().process([message])
    assert processed.get("language")["code"] == "de"
