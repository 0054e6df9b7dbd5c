"""Issue 12, fifteenth round (safety19, L15): an emergency told beside ordinary context, with no acute term.

112 first: calm words that only name the setting (at the town hall for a passport, on the phone with the energy
supplier or the insurer, at the gym) no longer calm a message DIET itself reads as an emergency and the learned arbiter
reads as one too, even when the lexicon finds only signal words ("fell", "chest") or none. Before L15 only an acute
term did that (L14), so these residents got the normal answer and "is it an emergency? call 112".

Still the normal answer and "is it an emergency?": a past event, a small injury, a figure of speech (calm kinds that
are never a setting), a question about a certificate or a first-aid course the arbiter reads as no emergency, and the
same emergencies when DIET reads an ordinary topic, and a fire drill at school (the calm kind `drill`, no setting)."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger and the committed arbiter
OFF = SafetyNet({"setting_classifier": 0, "setting_arbiter_alone": 0})  # main before L15 (and L21, safety21)
ALARM_FIRST = [("emergency", 0.95), ("id_card", 0.02)]  # DIET itself reads an emergency
TOPIC_FIRST = [("id_card", 0.8), ("emergency", 0.1)]  # DIET reads an ordinary question

# (language, an emergency beside ordinary context without an acute term), written for this test, not from any set
BESIDE_A_SETTING: List[Tuple[str, str]] = [
    ("en", "i was on the phone with the energy supplier about my contract and my wife suddenly grabbed her chest, "
           "she is grey and sweating"),
    ("en", "at the town hall for my passport, an old man fell down and is completely grey, he says nothing"),
    ("de", "beim Sport in der Halle sitzt ein Mann am Boden, hält sich die Brust und ist ganz blass"),
    ("fr", "je suis à la mairie pour mes papiers, un monsieur est tombé par terre et il est tout gris"),
    ("it", "ero al telefono con l'assicurazione e mio marito si è preso il petto, è grigio e suda"),
]
# (language, a question or report that is no emergency now), DIET reading it as one all the same
STILL_CALM: List[Tuple[str, str]] = [
    ("nl", "vorige maand is mijn vader gevallen, welk attest heb ik nodig voor de verzekering?"),  # the past
    ("nl", "mijn zoon is op school gevallen, een bultje maar hij speelt gewoon"),  # a small injury
    ("nl", "welk attest heb ik nodig voor de brandveiligheid van mijn winkel?"),  # a certificate
    ("en", "is there a first aid course where they teach what to do when someone collapses?"),  # a course
    ("en", "these forms are killing me, help"),  # a figure of speech
    # a fire drill (the calm kind `drill`, moved out of `learning`: what the message is about, never its setting);
    # the arbiter reads both above L15's bar
    ("nl", "morgen is er een brandoefening op de school van mijn zoon, hij is bang van het alarm"),
    ("de", "morgen ist Probealarm in der Schule meines Sohnes, er hat Angst vor der Sirene"),
]


@pytest.mark.parametrize("lang, text", BESIDE_A_SETTING, ids=[lang for lang, _ in BESIDE_A_SETTING])
def test_an_emergency_beside_its_setting_gets_112_first_without_an_acute_term(lang: str, text: str) -> None:
    assert level(parse(text, ALARM_FIRST, language=lang, net=OFF)) == "unsure"  # before L15: calmed into a question
    parsed = parse(text, ALARM_FIRST, language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", BESIDE_A_SETTING, ids=[lang for lang, _ in BESIDE_A_SETTING])
def test_the_same_words_under_an_ordinary_topic_keep_the_normal_answer_and_the_question(lang: str, text: str) -> None:
    parsed = parse(text, TOPIC_FIRST, language=lang, net=NET)
    assert level(parsed) == "unsure" and parsed["intent"]["name"] == "id_card", parsed["safety"]


@pytest.mark.parametrize("lang, text", STILL_CALM, ids=[lang for lang, _ in STILL_CALM])
def test_a_past_event_a_small_injury_a_certificate_a_course_or_a_drill_stays_a_question(lang: str, text: str) -> None:
    parsed = parse(text, ALARM_FIRST, language=lang, net=NET)
    assert level(parsed) == "unsure" and parsed["intent"]["name"] != "emergency", parsed["safety"]
