"""The Rasa launcher accepts and refuses exactly the action-server answers Rasa itself does."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

ORIGINAL = RemoteAction._validate_action_result

ANSWERS: Dict[str, Any] = {
    "an answer with a slot and a message": {
        "events": [{"event": "slot", "name": "language", "value": "ar", "timestamp": None}],
        "responses": [{"text": "Het containerpark is open.", "buttons": [{"title": "Ja", "payload": "/affirm"}],
                       "custom": {"kind": "answer", "cue": "مفتوح"}}],
    },
    "nothing to do": {"events": [], "responses": []},
    "a form that ends": {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "action_listen"}]},
    "an unknown event": {"events": [{"event": "teleport", "name": "x"}]},
    "events that are not a list": {"events": {"event": "slot"}},
    "a slot event without a name": {"events": [{"event": "slot", "value": 1}]},
    "responses that are not objects": {"responses": ["hallo"]},
}


@pytest.fixture()
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", ORIGINAL)
    rasa_server.install()


def _verdict(check: Any, answer: Dict[str, Any]) -> str:
    try:
        check(RemoteAction("action_answer_topic", None), answer)
    except ValidationError as error:
        return f"refused: {error.message}"
    return "accepted"


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_the_launcher_judges_an_action_answer_as_rasa_does(installed: None, name: str) -> None:
    answer = ANSWERS[name]
    ours = _verdict(RemoteAction._validate_action_result, answer)
    assert RemoteAction._validate_action_result is not ORIGINAL
    assert ours == _verdict(ORIGINAL, answer)


def test_a_malformed_answer_is_still_refused_with_rasas_explanation(installed: None) -> None:
    verdict = _verdict(RemoteAction._validate_action_result, ANSWERS["an unknown event"])
    assert verdict.startswith("refused:") and "Failed to validate Action server response" in verdict
