"""A conversation keeps its language through short or unsure messages."""

from __future__ import annotations

from bot.language.conversation import conversation_language


def test_a_sure_detection_switches_the_language() -> None:
    parsed = {"code": "fr", "confidence": 0.93, "source": "detected"}
    assert conversation_language(parsed, "ar")["code"] == "fr"


def test_an_unsure_detection_keeps_the_conversation_language() -> None:
    parsed = {"code": "en", "confidence": 0.2, "source": "detected"}
    assert conversation_language(parsed, "ar") == {"code": "ar", "confidence": 1.0, "source": "conversation"}


def test_the_browser_prior_does_not_override_the_conversation() -> None:
    parsed = {"code": "nl", "confidence": 0.5, "source": "metadata"}
    assert conversation_language(parsed, "tr")["code"] == "tr"


def test_without_history_the_browser_prior_is_used() -> None:
    parsed = {"code": "uk", "confidence": 0.5, "source": "metadata"}
    assert conversation_language(parsed, None)["code"] == "uk"


def test_garbage_gives_dutch() -> None:
    assert conversation_language({"code": 5, "confidence": "x"}, "zz")["code"] == "nl"
    assert conversation_language(None, None)["code"] == "nl"
