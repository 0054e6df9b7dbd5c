"""The Rasa component adds `language` to every parse and honours explicit choices."""

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


def test_the_conversation_language_in_metadata_survives_ok() -> None:
    message = Message(data={"text": "ok merci", "metadata": {"language": "fa", "languages": ["nl"]}})
    (processed,) = _component().process([message])
    assert processed.get("language")["code"] == "fa"
    assert processed.get("language")["source"] == "conversation"


def test_the_widgets_language_picker_is_a_user_choice() -> None:
    message = Message(data={"text": "hallo", "metadata": {"language_choice": "so"}})
    (processed,) = _component().process([message])
    assert processed.get("language") == {"code": "so", "confidence": 1.0, "source": "user_choice"}


def test_choose_language_intent_names_the_language() -> None:
    message = Message(data={"text": "ik spreek Tigrinya", "intent": {"name": "choose_language", "confidence": 0.9}})
    (processed,) = _component().process([message])
    assert processed.get("language")["code"] == "ti"
    assert processed.get("language")["source"] == "user_choice"


def test_a_language_entity_wins_over_the_name_lookup() -> None:
    message = Message(
        data={
            "text": "kan het in het Arabisch",
            "intent": {"name": "choose_language", "confidence": 0.9},
            "entities": [{"entity": "language", "value": "fa"}],
        }
    )
    (processed,) = _component().process([message])
    assert processed.get("language")["code"] == "fa"


def test_malformed_metadata_is_ignored() -> None:
    message = Message(data={"text": "Guten Tag, ich brauche Hilfe", "metadata": {"languages": "de", "language": 5}})
    (processed,) = _component().process([message])
    assert processed.get("language")["code"] == "de"
