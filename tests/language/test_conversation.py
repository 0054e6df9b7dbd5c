"""A conversation keeps its language through short or unsure turns, and honours a choice."""

from __future__ import annotations

from bot.language.conversation import conversation_language

SURE_FRENCH = {"code": "fr", "confidence": 0.93, "source": "detected"}


def test_a_sure_detection_switches_the_language() -> None:
    assert conversation_language(SURE_FRENCH, "ar").code == "fr"


def test_an_unsure_detection_keeps_the_conversation_language() -> None:
    state = conversation_language({"code": "en", "confidence": 0.2, "source": "detected"}, "ar")
    assert (state.code, state.source) == ("ar", "conversation")


def test_the_browser_prior_does_not_override_the_conversation() -> None:
    assert conversation_language({"code": "nl", "confidence": 0.5, "source": "metadata"}, "tr").code == "tr"


def test_without_history_the_browser_prior_is_used() -> None:
    state = conversation_language({"code": "uk", "confidence": 0.5, "source": "metadata"}, None)
    assert (state.code, state.source) == ("uk", "metadata")


def test_an_explicit_choice_wins_and_locks_the_language() -> None:
    chosen = conversation_language({"code": "ti", "confidence": 1.0, "source": "user_choice"}, "nl")
    assert (chosen.code, chosen.source, chosen.locked) == ("ti", "user_choice", True)
    # A later message that is clearly French does not undo the choice ...
    after = conversation_language(SURE_FRENCH, chosen.code, chosen.locked)
    assert (after.code, after.locked) == ("ti", True)
    # ... but a new choice does.
    again = conversation_language({"code": "en", "confidence": 1.0, "source": "user_choice"}, "ti", True)
    assert (again.code, again.locked) == ("en", True)


def test_garbage_gives_dutch() -> None:
    assert conversation_language({"code": 5, "confidence": "x"}, "zz").code == "nl"
    assert conversation_language(None, None).code == "nl"


def test_a_close_neighbour_needs_a_sure_detection_to_switch() -> None:
    unsure_pt = {"code": "pt", "confidence": 0.55, "source": "detected"}
    assert conversation_language(unsure_pt, "es").code == "es"  # es/pt: keep Spanish
    assert conversation_language(unsure_pt, "nl").code == "pt"  # Dutch is no neighbour: switch
    assert conversation_language({"code": "uk", "confidence": 0.9, "source": "detected"}, "ru").code == "uk"
