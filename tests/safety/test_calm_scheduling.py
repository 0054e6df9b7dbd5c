"""Issue 12, thirteenth round (the lead's L13): a word about time or an appointment ("when does the doctor open?",
"what time", "afspraak") never calms an acute danger term beside it: the resident who asks at the wrong place while
someone is in danger gets 112 first. Without an acute term the same words still calm ("open day at the fire
station": the normal answer and the line)."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger

# (language, an emergency told with a question about time or an appointment)
ASKED_AT_THE_WRONG_PLACE = [
    ("nl", "wanneer is de dokter open? mijn vader heeft pijn op de borst en zweet"),
    ("en", "what time does the doctor open, my husband has chest pain and cant breathe well"),
    ("fr", "a quelle heure ouvre le médecin? mon fils a avalé des médicaments"),
    ("de", "wann hat der Arzt offen? mein Vater ist bewusstlos"),
    ("es", "a que hora abre el medico? mi padre no respira"),
    ("tr", "doktor ne zaman açık? babam bayıldı"),
]
# (language, the same kind of words, no acute term: calm context, the normal answer and "is it an emergency?")
SCHEDULING_ONLY = [
    ("nl", "wanneer kan ik een afspraak maken bij de brandweer voor een controle van de rookmelder?"),
    ("en", "what are the opening hours of the fire station open day?"),
]


@pytest.mark.parametrize("lang, text", ASKED_AT_THE_WRONG_PLACE, ids=[lang for lang, _ in ASKED_AT_THE_WRONG_PLACE])
def test_an_emergency_asked_with_a_question_about_time_gets_112_first(lang: str, text: str) -> None:
    parsed = parse(text, [("opening_hours", 0.7), ("health", 0.2)], language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", SCHEDULING_ONLY, ids=[lang for lang, _ in SCHEDULING_ONLY])
def test_a_question_about_time_without_an_acute_term_is_not_the_full_alarm(lang: str, text: str) -> None:
    parsed = parse(text, [("opening_hours", 0.7), ("emergency", 0.1)], language=lang, net=NET)
    assert level(parsed) != "emergency" and parsed["intent"]["name"] == "opening_hours", parsed["safety"]
