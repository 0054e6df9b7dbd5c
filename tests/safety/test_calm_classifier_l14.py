"""Issue 12, fourteenth round (the lead's L14): calm context beside an acute term does not calm when the classifier's own
first intent is `emergency` at least `classifier_outweighs_calm` sure. An emergency told beside ordinary context (at the
town hall for a certificate, at a language course, at a course for an exam) gets the full 112 answer first; the
same words under an ordinary topic, or with the switch off, still get the normal answer and "is it an emergency?"."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

OFF = SafetyNet({"classifier_outweighs_calm": 0, "setting_classifier": 0, "setting_arbiter_alone": 0})  # before L14, L15, L21
NET = SafetyNet({})  # main's default bar
# L21 (safety21) off: under an ordinary topic it alarms such a message when the arbiter reads it as an emergency (the fr
# line below; tests/safety/test_calm_safety21.py); this file tests L14's half, the classifier's own first intent.
L14_ONLY = SafetyNet({"setting_arbiter_alone": 0})

# (language, an emergency beside ordinary context) written for this test, not taken from any set
BESIDE_CONTEXT = [
    ("nl", "ik was op het gemeentehuis voor mijn attest en een man is gevallen, hij ademt niet meer"),
    ("en", "at the dutch course today a woman collapsed and is unconscious, the teacher does not know what to do"),
    ("fr", "j'étais à la commune pour mon attestation et un homme s'est effondré, il ne respire plus"),
    ("de", "wir sind im Kurs für die Prüfung und ein Mann hat einen Krampfanfall"),
]


@pytest.mark.parametrize("lang, text", BESIDE_CONTEXT, ids=[lang for lang, _ in BESIDE_CONTEXT])
def test_an_emergency_the_classifier_is_sure_of_is_not_calmed_by_its_ordinary_context(lang: str, text: str) -> None:
    ranking = [("emergency", 0.8), ("certificates", 0.1)]
    assert level(parse(text, ranking, language=lang, net=OFF)) == "unsure"  # before L14: calmed into a question
    parsed = parse(text, ranking, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", BESIDE_CONTEXT, ids=[lang for lang, _ in BESIDE_CONTEXT])
def test_the_same_words_under_an_ordinary_topic_still_get_the_question_not_the_full_alarm(lang: str, text: str) -> None:
    parsed = parse(text, [("certificates", 0.8), ("emergency", 0.1)], language=lang, net=L14_ONLY)
    assert level(parsed) == "unsure", parsed["safety"]


def test_a_calm_question_without_an_acute_term_stays_calm_whatever_the_classifier_says() -> None:
    parsed = parse("mijn rookmelder piept, moet ik een nieuwe batterij kopen?", [("emergency", 0.9), ("housing", 0.05)],
                   language="nl", net=NET)
    assert level(parsed) != "emergency", parsed["safety"]
